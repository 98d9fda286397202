package thymos.kernel.compiler;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.model.Decision;
import thymos.api.model.EffectClass;
import thymos.api.model.Intent;
import thymos.api.model.IntentKind;
import thymos.api.model.PolicyTrace.Evaluation;
import thymos.api.model.Proposal;
import thymos.api.model.ProposalBody;
import thymos.api.model.ProposalStatus;
import thymos.api.model.RejectionReason;
import thymos.api.spi.ConditionCheck;
import thymos.api.spi.PolicyContext;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolDescriptor;
import thymos.kernel.policy.PolicyOutcome;

/**
 * The intent compiler (C1): a pure function of an intent, the writ it claims and a {@link
 * CompileContext}, running the 18 stages of C2 in order; the first failure decides. It never runs
 * a tool and never writes.
 *
 * <p>Kinds: {@code act} compiles here; {@code compensate} compiles through {@link
 * CompensationStages} (X6.2), which needs the trajectory's commits; {@code delegate} through
 * {@link DelegateCompiler} (09 §D1). Handed any other kind, this compiler answers {@code
 * unsupported_kind} (C2 stage 2); a run routes each kind to its compiler.
 */
public final class Compiler {

  /** Policy name of the irreversible gate in the trace (C2 stage 16, C2.2). */
  public static final String IRREVERSIBLE_GATE = "gate.irreversible";
  /** Policy name of the risk gate in the trace (C2 stage 17, C2.2). */
  public static final String RISK_GATE = "gate.risk";
  /** Version recorded for both gates in the trace. */
  public static final String GATE_VERSION = "1";

  private Compiler() {}

  /**
   * Compiles an intent (C1, C2 stages 1–18).
   *
   * @param intent the intent, as cognition proposed it
   * @param writId the writ the intent acts under
   * @param context everything else the compiler reads
   * @return staged, suspended (C2.2) or rejected (C2.3); the same inputs give the same result and
   *     the same proposal id (I6)
   * @throws RuntimeException what a tool's {@code estimate} or {@code preconditions} throws, or
   *     an internal error; never for a rejection
   */
  public static CompileResult compile(Intent intent, Hash32 writId, CompileContext context) {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(writId, "writId");
    Objects.requireNonNull(context, "context");
    Optional<RejectionReason> early = intentStages(intent, context);
    if (early.isPresent()) {
      return rejected(early.get(), context);
    }
    AuthorityStages.Passed passed;
    switch (AuthorityStages.run(intent, writId, context)) {
      case AuthorityStages.Failed f -> {
        return rejected(f.reason(), context);
      }
      case AuthorityStages.Passed p -> passed = p;
    }
    Tool tool = passed.tool();
    // Stage 14.
    if (tool.preconditions(intent.body().args(), context.world())
        instanceof ConditionCheck.Fails fails) {
      ToolDescriptor d = tool.descriptor();
      return rejected(Rejections.of("precondition_failed",
          "precondition of " + d.name() + " failed: " + fails.reason(),
          Rejections.detail("tool", d.name(), "reason", fails.reason())), context);
    }
    return policiesAndGates(intent, writId, context, passed);
  }

  /** Stages 15–18, shared by {@code act} and {@code compensate} intents (X6.2). */
  static CompileResult policiesAndGates(Intent intent, Hash32 writId, CompileContext context,
      AuthorityStages.Passed passed) {
    ToolDescriptor d = passed.tool().descriptor();
    // Stage 15 (P2).
    PolicyContext.ProposalDraft draft = new PolicyContext.ProposalDraft(d.name(), d.version(),
        d.effect(), d.risk(), intent.body().args(), passed.estimate());
    PolicyOutcome outcome = context.policies().evaluate(new PolicyContext(intent, passed.chain(),
        context.world(), draft, context.stats()));
    if (outcome.decision() instanceof Decision.Deny deny) {
      Evaluation by = outcome.decider().orElseThrow();
      Map<String, Json> detail = Rejections.detail("policy", by.policy(),
          "version", by.version(), "reason", deny.reason());
      by.rule().ifPresent(r -> detail.put("rule", Json.string(r)));
      return new CompileResult.Rejected(Rejections.of("policy_denied",
          "policy " + by.policy() + by.rule().map(r -> " rule " + r).orElse("") + " denied: "
              + deny.reason(), detail), outcome.policySet(), Optional.of(outcome.toTrace()));
    }
    // Stages 16 and 17: each enabled gate runs and is listed; the first source decides (C2.2).
    if (context.irreversibleGate()) {
      boolean fires = d.effect() == EffectClass.IRREVERSIBLE && !d.compensable();
      outcome = outcome.withGate(gate(IRREVERSIBLE_GATE, fires, "irreversible",
          d.name() + " is irreversible and not compensable"));
    }
    if (context.riskThreshold().isPresent()) {
      boolean fires = d.risk().compareTo(context.riskThreshold().get()) >= 0;
      outcome = outcome.withGate(gate(RISK_GATE, fires, "risk", d.name() + " has risk "
          + d.risk().wire() + " >= threshold " + context.riskThreshold().get().wire()));
    }
    // Stage 18 (M4).
    ProposalStatus status = switch (outcome.decision()) {
      case Decision.RequireApproval ra ->
          new ProposalStatus.Suspended(ra.channel(), ra.reason(), ra.effectiveQuorum());
      case Decision.Permit p -> ProposalStatus.Staged.INSTANCE;
      case Decision.Deny deny -> throw new IllegalStateException("deny handled at stage 15");
    };
    Proposal proposal = Proposal.of(new ProposalBody(intent.id(), writId,
        context.trajectoryId(), d.name(), d.version(), d.effect(), d.risk(), intent.body().args(),
        passed.estimate(), outcome.toTrace(), status));
    return switch (status) {
      case ProposalStatus.Suspended s ->
          new CompileResult.Suspended(proposal, s.channel(), s.reason(), s.quorum());
      case ProposalStatus.Staged s -> new CompileResult.Staged(proposal);
    };
  }

  /**
   * Re-runs stages 3–13 before executing an approved proposal (X3.5), with the current clock,
   * revocations and spend in {@code context}.
   *
   * @return the rejection to record instead of executing, or empty when the proposal may run
   */
  public static Optional<RejectionReason> recheck(
      Intent intent, Hash32 writId, CompileContext context) {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(writId, "writId");
    Objects.requireNonNull(context, "context");
    Optional<CompensationStages.Args> compensating = intent.body().kind() == IntentKind.COMPENSATE
        ? Optional.of(CompensationStages.Args.RECHECK) : Optional.empty();
    return switch (AuthorityStages.run(intent, writId, context, compensating)) {
      case AuthorityStages.Failed f -> Optional.of(f.reason());
      case AuthorityStages.Passed p -> Optional.empty();
    };
  }

  /** Stages 1 and 2. */
  private static Optional<RejectionReason> intentStages(Intent intent, CompileContext ctx) {
    Optional<RejectionReason> parsed = stageOne(intent, ctx);
    if (parsed.isPresent()) {
      return parsed;
    }
    IntentKind kind = intent.body().kind();
    if (kind != IntentKind.ACT) {
      String how = kind == IntentKind.COMPENSATE
          ? " here; compensations compile through CompensationStages (X6.2)"
          : " here; delegations compile through DelegateCompiler (09 D1)";
      return Optional.of(Rejections.of("unsupported_kind",
          "intent kind " + kind.wire() + " is not supported by " + compilerName() + how,
          Rejections.detail("kind", kind.wire())));
    }
    return Optional.empty();
  }

  /** Stage 1: the intent's id matches its body and it is for this trajectory. */
  static Optional<RejectionReason> stageOne(Intent intent, CompileContext ctx) {
    if (!intent.idMatchesBody()) {
      return Optional.of(Rejections.of("malformed_intent", "intent id does not match its body",
          Rejections.detail("field", "/id", "expected", Intent.idOf(intent.body()).hex(),
              "actual", intent.id().hex())));
    }
    if (!intent.body().trajectoryId().equals(ctx.trajectoryId())) {
      return Optional.of(Rejections.of("malformed_intent", "intent is for another trajectory",
          Rejections.detail("field", "/body/trajectory_id",
              "expected", ctx.trajectoryId().hex(),
              "actual", intent.body().trajectoryId().hex())));
    }
    return Optional.empty();
  }

  private static Evaluation gate(String name, boolean fires, String channel, String reason) {
    Decision decision = fires
        ? new Decision.RequireApproval(channel, reason, Optional.empty())
        : Decision.Permit.INSTANCE;
    return new Evaluation(name, GATE_VERSION, Optional.empty(), decision);
  }

  static CompileResult rejected(RejectionReason reason, CompileContext ctx) {
    return new CompileResult.Rejected(reason, ctx.policies().policySet(), Optional.empty());
  }

  private static String compilerName() {
    return thymos.kernel.KernelVersion.COMPILER_VERSION;
  }
}
