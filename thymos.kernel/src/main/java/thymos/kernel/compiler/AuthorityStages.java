package thymos.kernel.compiler;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.model.Budget;
import thymos.api.model.Intent;
import thymos.api.model.RejectionReason;
import thymos.api.model.Scopes;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolDescriptor;
import thymos.kernel.authority.ChainVerification;
import thymos.kernel.authority.Rejection;
import thymos.kernel.registry.ArgsValidation;

/**
 * C2 stages 3–13: the writ binding, the chain (W4), scope, tool, effect ceiling, then arguments
 * and budget. Authority (3–11) runs before arguments (C2.1). Also the re-check of X3.5.
 */
final class AuthorityStages {

  private AuthorityStages() {}

  /** What stages 3–13 established, or the first failure. */
  sealed interface Checked permits Passed, Failed {}

  /** Stages 3–13 passed: the verified chain, the resolved tool and its estimate. */
  record Passed(List<Writ> chain, Tool tool, Budget estimate) implements Checked {

    Writ leaf() {
      return chain.get(chain.size() - 1);
    }
  }

  /** A stage failed. */
  record Failed(RejectionReason reason) implements Checked {}

  static Checked run(Intent intent, Hash32 writId, CompileContext ctx) {
    return run(intent, writId, ctx, Optional.empty());
  }

  /**
   * Stages 3–13; for a {@code compensate} intent (X6.2) stage 12 is the compensation's own
   * argument check and stage 13 estimates the tool's cost on the original commit's arguments.
   */
  static Checked run(Intent intent, Hash32 writId, CompileContext ctx,
      Optional<CompensationStages.Args> compensating) {
    String toolName = intent.body().tool();
    // Stage 3: the trajectory's writ, and registered (an unknown writ cannot be bound).
    if (!writId.equals(ctx.boundWritId()) || ctx.authority().writ(writId).isEmpty()) {
      return new Failed(Rejections.of("writ_not_bound",
          "writ " + writId.hex() + " is not the writ the trajectory is bound to",
          Rejections.detail("writ_id", writId.hex(), "bound_writ_id", ctx.boundWritId().hex())));
    }
    // Stages 4–8, in order, by the authority state (W4).
    List<Writ> chain;
    switch (ctx.authority().verify(writId, ctx.nowMs())) {
      case ChainVerification.Valid v -> chain = v.chain();
      case Rejection r -> {
        return new Failed(authorityFailure(r));
      }
    }
    WritBody leaf = chain.get(chain.size() - 1).body();
    // Stage 9.
    if (leaf.scopes().stream().noneMatch(p -> Scopes.matches(p, toolName))) {
      Map<String, Json> detail = Rejections.detail("writ_id", writId.hex(), "tool", toolName);
      detail.put("scopes", Json.array(leaf.scopes().stream().map(Json::string).toList()));
      return new Failed(Rejections.of("out_of_scope",
          "no scope of writ " + writId.hex() + " matches tool " + toolName, detail));
    }
    // Stage 10.
    Optional<Tool> found = ctx.registry().find(toolName);
    if (found.isEmpty()) {
      return new Failed(Rejections.of("unknown_tool", "no tool named " + toolName,
          Rejections.detail("tool", toolName)));
    }
    Tool tool = found.get();
    ToolDescriptor d = tool.descriptor();
    // Stage 11 (M3).
    if (!leaf.effectCeiling().grants(d.effect())) {
      return new Failed(Rejections.of("effect_not_granted",
          "writ " + writId.hex() + " does not grant effect " + d.effect().wire() + " of "
              + toolName,
          Rejections.detail("writ_id", writId.hex(), "tool", toolName,
              "effect", d.effect().wire())));
    }
    // Stage 12.
    if (compensating.isPresent()) {
      if (compensating.get().failure().isPresent()) {
        return new Failed(compensating.get().failure().get());
      }
    } else if (ctx.registry().validate(toolName, intent.body().args())
        instanceof ArgsValidation.Invalid invalid) {
      return new Failed(Rejections.invalidArgs(toolName, invalid.violations()));
    }
    // Stage 13 (M7): spent + reserved + estimate against the bound writ's budget.
    Budget estimate = compensating.isEmpty() ? tool.estimate(intent.body().args())
        : compensating.get().estimateArgs().map(tool::estimate).orElse(Budget.ZERO);
    Budget need = ctx.spent().plus(ctx.reserved()).plus(estimate);
    List<String> exceeded = need.exceeded(leaf.budget());
    if (!exceeded.isEmpty()) {
      return new Failed(Rejections.budgetExhausted(exceeded, need, leaf.budget()));
    }
    return new Passed(chain, tool, estimate);
  }

  static RejectionReason authorityFailure(Rejection r) {
    return switch (r.reason()) {
      case BAD_SIGNATURE, UNTRUSTED_ROOT, INVALID_DELEGATION, REVOKED, OUTSIDE_WINDOW ->
          Rejections.authority(r);
      // Stage 3 already required the writ registered; registration required its parents.
      case UNKNOWN_WRIT, UNKNOWN_PARENT, REVOKER_NOT_ALLOWED ->
          throw new IllegalStateException("chain verification answered " + r.reason().wire()
              + " for a registered writ: " + r.detail());
    };
  }
}
