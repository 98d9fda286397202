package thymos.kernel.compiler;

import java.util.Objects;
import java.util.Optional;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.model.CommitPayload;
import thymos.api.model.Intent;
import thymos.api.model.IntentKind;
import thymos.api.model.RejectionReason;
import thymos.api.spi.ToolDescriptor;

/**
 * Compiles a {@code compensate} intent {@code {target: <commit entry id>}} (X6.2) through the same
 * C2 stages as an {@code act} intent: stage 1; stages 3–11 on the tool that made the target commit
 * (the intent's {@code tool}); stage 12 checks the arguments name a commit of this trajectory made
 * by that tool; stage 13 estimates the tool's cost on the original arguments; stage 14 requires the
 * target not to be a compensation, not to be compensated already, and the tool to be compensable
 * (X6.1); stages 15–18 as for {@code act}, so policies see {@code intent.kind = compensate}.
 */
public final class CompensationStages {

  private CompensationStages() {}

  /**
   * A commit of the trajectory, as the run knows it (X6.2).
   *
   * @param entryId the commit entry
   * @param commit its payload
   * @param compensated whether a later commit already compensates it
   */
  public record Target(Hash32 entryId, CommitPayload commit, boolean compensated) {

    /** Checks for {@code null}. */
    public Target {
      Objects.requireNonNull(entryId, "entryId");
      Objects.requireNonNull(commit, "commit");
    }
  }

  /** Looks up commits of the trajectory being compiled for, by entry id. */
  @FunctionalInterface
  public interface Targets {
    /** The commit with this entry id in this trajectory, or empty if there is none. */
    Optional<Target> find(Hash32 entryId);
  }

  /**
   * Stage 12 of a compensation, decided before the authority stages run, and the arguments stage
   * 13 estimates with (the re-check of X3.5 has no target and estimates zero).
   */
  record Args(Optional<RejectionReason> failure, Optional<JsonObject> estimateArgs) {
    static final Args RECHECK = new Args(Optional.empty(), Optional.empty());
  }

  /**
   * Compiles a {@code compensate} intent (X6.2, C2).
   *
   * @param intent the intent, kind {@code compensate}
   * @param writId the writ it acts under
   * @param context the compile context
   * @param targets the trajectory's commits
   * @return staged, suspended or rejected, as {@link Compiler#compile}
   * @throws IllegalArgumentException for an intent of another kind
   */
  public static CompileResult compile(Intent intent, Hash32 writId, CompileContext context,
      Targets targets) {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(writId, "writId");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(targets, "targets");
    if (intent.body().kind() != IntentKind.COMPENSATE) {
      throw new IllegalArgumentException("not a compensate intent: " + intent.body().kind());
    }
    Optional<RejectionReason> early = Compiler.stageOne(intent, context);
    if (early.isPresent()) {
      return Compiler.rejected(early.get(), context);
    }
    Optional<Target> target = Optional.empty();
    Optional<RejectionReason> argsFailure;
    try {
      Hash32 id = targetOf(intent.body().args());
      target = targets.find(id);
      argsFailure = target.isEmpty()
          ? Optional.of(invalid("/target", id.display("entry")
              + " is not a commit of this trajectory"))
          : target.get().commit().proposal().body().tool().equals(intent.body().tool())
              ? Optional.empty()
              : Optional.of(invalid("/target", id.display("commit") + " was made by "
                  + target.get().commit().proposal().body().tool() + ", not "
                  + intent.body().tool()));
    } catch (ProtocolViolation | IllegalArgumentException e) {
      argsFailure = Optional.of(invalid("/target", String.valueOf(e.getMessage())));
    }
    Args args = new Args(argsFailure, target.map(t -> t.commit().intent().args()));
    AuthorityStages.Passed passed;
    switch (AuthorityStages.run(intent, writId, context, Optional.of(args))) {
      case AuthorityStages.Failed f -> {
        return Compiler.rejected(f.reason(), context);
      }
      case AuthorityStages.Passed p -> passed = p;
    }
    Target t = target.orElseThrow();
    ToolDescriptor d = passed.tool().descriptor();
    // Stage 14: a compensation can undo only an original, not yet compensated commit (X6.2, X6.4).
    String why = t.commit().compensates().isPresent()
        ? t.entryId().display("commit") + " is itself a compensation"
        : t.compensated() ? t.entryId().display("commit") + " is already compensated"
        : !d.compensable() ? d.name() + " is not compensable" : null;
    if (why != null) {
      return Compiler.rejected(Rejections.of("precondition_failed",
          "cannot compensate: " + why, Rejections.detail("tool", d.name(),
              "target", t.entryId().hex(), "reason", why)), context);
    }
    return Compiler.policiesAndGates(intent, writId, context, passed);
  }

  /**
   * Stage 14 again, just before an approved compensation runs (X3.5): its target must not have
   * been compensated while it waited for approval (X6.2, never twice).
   *
   * @return the rejection, or empty when the compensation may run
   */
  public static Optional<RejectionReason> recheck(Target t, String tool) {
    if (!t.compensated()) {
      return Optional.empty();
    }
    return Optional.of(Rejections.of("precondition_failed", "cannot compensate: "
        + t.entryId().display("commit") + " was compensated while this compensation waited for "
        + "approval", Rejections.detail("tool", tool, "target", t.entryId().hex(), "reason",
        "already compensated")));
  }

  /**
   * The target named by compensate arguments: exactly {@code {target: <64 hex>}}.
   *
   * @throws ProtocolViolation for any other shape
   */
  public static Hash32 targetOf(JsonObject args) {
    if (args.members().size() != 1 || !(args.get("target").orElse(null) instanceof JsonString s)) {
      throw new ProtocolViolation("X6.2", "/args", "compensate args must be exactly {\"target\": <commit "
          + "entry id>}, got " + args.members().keySet());
    }
    return Hash32.parse(s.value(), "/args/target");
  }

  /** The arguments of a compensate intent for {@code target} (X6.2). */
  public static JsonObject argsFor(Hash32 target) {
    return Json.object(java.util.Map.of("target", Json.string(target.hex())));
  }

  private static RejectionReason invalid(String pointer, String message) {
    return Rejections.of("invalid_args", "invalid compensate arguments: " + message,
        Rejections.detail("pointer", pointer, "keyword", "target", "message", message));
  }
}
