package thymos.kernel.compiler;

import java.util.List;
import java.util.Objects;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.model.Budget;
import thymos.api.model.Decision;
import thymos.api.model.EffectClass;
import thymos.api.model.Intent;
import thymos.api.model.IntentKind;
import thymos.api.model.Proposal;
import thymos.api.model.ProposalBody;
import thymos.api.model.ProposalStatus;
import thymos.api.model.RejectionReason;
import thymos.api.model.RiskClass;
import thymos.api.model.Scopes;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;
import thymos.api.spi.PolicyContext;
import thymos.kernel.authority.ChainVerification;
import thymos.kernel.authority.DelegateRequest;
import thymos.kernel.authority.Rejection;
import thymos.kernel.policy.PolicyOutcome;

/**
 * Compiles a {@code delegate} intent (09 §D1) like any intent: the intent stages (1, 2), the
 * writ binding and chain (3–8, W4), scope (9: a pattern must cover the tool name {@code
 * delegate}), the arguments (12, {@link DelegateRequest}), the budget (13: spent + reserved +
 * the reservation must fit, M7, D2) and the policies (15, which see {@code intent.kind =
 * delegate} and a draft for tool {@code delegate}, effect {@code pure}, risk {@code low}). There
 * is no tool (stage 10), ceiling (11, the child's ceiling is W3's business), precondition (14) or
 * gate (16, 17) for a delegation. A policy that asks for approval rejects the intent: approving
 * delegations is not supported yet.
 *
 * <p>W3 containment of the child is checked where the child writ is registered, by the authority
 * code ({@link thymos.kernel.authority.AuthorityState#register}), never here.
 */
public final class DelegateCompiler {

  /** The tool name a writ must cover to delegate (09 §D1). */
  public static final String TOOL = "delegate";
  /** The version recorded in delegate proposals. */
  public static final String VERSION = "1";

  private DelegateCompiler() {}

  /**
   * Compiles a {@code delegate} intent.
   *
   * @return staged (a proposal for tool {@code delegate}) or rejected; never suspended
   */
  public static CompileResult compile(Intent intent, Hash32 writId, CompileContext ctx) {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(writId, "writId");
    Objects.requireNonNull(ctx, "ctx");
    if (!intent.idMatchesBody() || !intent.body().trajectoryId().equals(ctx.trajectoryId())
        || intent.body().kind() != IntentKind.DELEGATE || !TOOL.equals(intent.body().tool())) {
      return rejected(Rejections.of("malformed_intent", "not a delegate intent of this"
          + " trajectory with a matching id and tool " + TOOL,
          Rejections.detail("kind", intent.body().kind().wire(), "tool", intent.body().tool())),
          ctx);
    }
    // Stage 3.
    if (!writId.equals(ctx.boundWritId()) || ctx.authority().writ(writId).isEmpty()) {
      return rejected(Rejections.of("writ_not_bound",
          "writ " + writId.hex() + " is not the writ the trajectory is bound to",
          Rejections.detail("writ_id", writId.hex(), "bound_writ_id", ctx.boundWritId().hex())),
          ctx);
    }
    // Stages 4–8 (W4): a revoked ancestor stops every descendant here (W5.2).
    List<Writ> chain;
    switch (ctx.authority().verify(writId, ctx.nowMs())) {
      case ChainVerification.Valid v -> chain = v.chain();
      case Rejection r -> {
        return rejected(AuthorityStages.authorityFailure(r), ctx);
      }
    }
    Writ leaf = chain.get(chain.size() - 1);
    WritBody body = leaf.body();
    // Stage 9.
    if (body.scopes().stream().noneMatch(p -> Scopes.matches(p, TOOL))) {
      return rejected(Rejections.of("out_of_scope", "no scope of writ " + writId.hex()
          + " matches tool " + TOOL, Rejections.detail("writ_id", writId.hex(), "tool", TOOL)),
          ctx);
    }
    // Stage 12.
    DelegateRequest request;
    try {
      request = DelegateRequest.fromJson(intent.body().args(), "/body/args");
    } catch (ProtocolViolation e) {
      return rejected(Rejections.of("invalid_args", "delegate arguments: " + e.getMessage(),
          Rejections.detail("tool", TOOL, "reason", String.valueOf(e.getMessage()))), ctx);
    }
    // Stage 13 (M7, D2): the reservation comes out of the remainder.
    Budget reserve = request.reservedUnder(leaf);
    Budget need = ctx.spent().plus(ctx.reserved()).plus(reserve);
    List<String> exceeded = need.exceeded(body.budget());
    if (!exceeded.isEmpty()) {
      return rejected(Rejections.budgetExhausted(exceeded, need, body.budget()), ctx);
    }
    // Stage 15 (P2).
    PolicyContext.ProposalDraft draft = new PolicyContext.ProposalDraft(TOOL, VERSION,
        EffectClass.PURE, RiskClass.LOW, intent.body().args(), reserve);
    PolicyOutcome outcome = ctx.policies().evaluate(new PolicyContext(intent, chain,
        ctx.world(), draft, ctx.stats()));
    if (!(outcome.decision() instanceof Decision.Permit)) {
      String why = outcome.decision() instanceof Decision.Deny d ? d.reason()
          : "approval of delegate intents is not supported";
      String by = outcome.decider().map(e -> e.policy()).orElse("?");
      return new CompileResult.Rejected(Rejections.of("policy_denied", "policy " + by
          + " denied: " + why, Rejections.detail("policy", by, "reason", why)),
          outcome.policySet(), java.util.Optional.of(outcome.toTrace()));
    }
    Proposal proposal = Proposal.of(new ProposalBody(intent.id(), writId, ctx.trajectoryId(),
        TOOL, VERSION, EffectClass.PURE, RiskClass.LOW, intent.body().args(), reserve,
        outcome.toTrace(), ProposalStatus.Staged.INSTANCE));
    return new CompileResult.Staged(proposal);
  }

  /**
   * The rejection reason for a child writ the authority refused (W3): its reason ({@code
   * invalid_delegation}, ...) with the delegation rule and the field in the detail.
   */
  public static RejectionReason refusedChild(Rejection r) {
    return Rejections.authority(r);
  }

  private static CompileResult rejected(RejectionReason reason, CompileContext ctx) {
    return new CompileResult.Rejected(reason, ctx.policies().policySet(),
        java.util.Optional.empty());
  }

}
