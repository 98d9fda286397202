package thymos.kernel.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static thymos.kernel.policy.Contexts.context;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import thymos.api.ConfigurationException;
import thymos.api.json.JsonObject;
import thymos.api.model.Decision;
import thymos.api.model.PolicyTrace;
import thymos.api.model.PolicyTrace.Evaluation;
import thymos.api.spi.Policy;
import thymos.api.spi.PolicyContext;

/** The engine's order, fail-closed handling and trace (P2, P3). */
class PolicyEngineTest {

  private final PolicyContext ctx = context().build();

  @Test
  void required_P2_emptyEnginePermitsWithEmptyTrace() {
    PolicyOutcome out = PolicyEngine.empty().evaluate(ctx);
    assertSame(Decision.Permit.INSTANCE, out.decision());
    assertEquals(List.of(), out.evaluated());
    assertEquals(PolicyEngine.policySetId(List.of()), out.policySet());
    assertEquals(Optional.empty(), out.decider());
  }

  @Test
  void required_P2_allPermitListsEveryPolicyInOrder() {
    PolicyOutcome out = PolicyEngine.of(FixedPolicy.permit("a"), FixedPolicy.permit("b"))
        .evaluate(ctx);
    assertTrue(out.permits());
    assertEquals(List.of("a", "b"), names(out));
  }

  @Test
  void required_P2_firstDenyDecidesAndLaterPoliciesDoNotRun() {
    FixedPolicy a = FixedPolicy.permit("a");
    FixedPolicy b = FixedPolicy.deny("b", "no");
    FixedPolicy c = FixedPolicy.approval("c", "ops");
    PolicyOutcome out = PolicyEngine.of(a, b, c).evaluate(ctx);
    assertEquals(new Decision.Deny("no"), out.decision());
    assertEquals(List.of("a", "b"), names(out));
    assertEquals(0, c.calls.get());
    assertEquals("b", out.decider().orElseThrow().policy());
  }

  @Test
  void required_P2_firstRequireApprovalDecidesBeforeALaterDeny() {
    FixedPolicy d = FixedPolicy.deny("d", "no");
    PolicyOutcome out = PolicyEngine.of(FixedPolicy.approval("c", "ops"), d).evaluate(ctx);
    assertInstanceOf(Decision.RequireApproval.class, out.decision());
    assertEquals(List.of("c"), names(out));
    assertEquals(0, d.calls.get());
  }

  @Test
  void required_P2_throwingPolicyFailsClosedWithReasonAndTrace() {
    FixedPolicy after = FixedPolicy.permit("after");
    PolicyOutcome out = PolicyEngine.of(FixedPolicy.permit("before"),
        FixedPolicy.throwing("boom", new IllegalStateException("kaput")), after).evaluate(ctx);
    Decision.Deny expected = new Decision.Deny("policy error: boom: kaput");
    assertEquals(expected, out.decision());
    assertEquals(List.of("before", "boom"), names(out));
    assertEquals(new Evaluation("boom", "1", Optional.empty(), expected), out.evaluated().get(1));
    assertEquals(0, after.calls.get());
  }

  @Test
  void required_P2_exceptionWithoutMessageIsNamedByItsClass() {
    PolicyOutcome out = PolicyEngine.of(FixedPolicy.throwing("boom", new NullPointerException()))
        .evaluate(ctx);
    assertEquals(new Decision.Deny("policy error: boom: java.lang.NullPointerException"),
        out.decision());
  }

  @Test
  void required_P2_nullDecisionAndStackOverflowFailClosed() {
    FixedPolicy nothing = new FixedPolicy("null", "1", Optional.empty(), c -> null);
    assertEquals(new Decision.Deny("policy error: null: returned no decision"),
        PolicyEngine.of(nothing).evaluate(ctx).decision());
    FixedPolicy deep = new FixedPolicy("deep", "1", Optional.empty(), c -> {
      throw new StackOverflowError("too deep");
    });
    assertEquals(new Decision.Deny("policy error: deep: too deep"),
        PolicyEngine.of(deep).evaluate(ctx).decision());
  }

  @Test
  void outOfMemoryPropagatesBecauseTheRuntimeIsUnusable() {
    FixedPolicy oom = new FixedPolicy("oom", "1", Optional.empty(), c -> {
      throw new OutOfMemoryError("simulated");
    });
    assertThrows(OutOfMemoryError.class, () -> PolicyEngine.of(oom).evaluate(ctx));
  }

  @Test
  void required_P3_traceRecordsTheDecidingRuleAndVersion() {
    FixedPolicy bundle = new FixedPolicy("bundle", "7", Optional.of("no-deletes"),
        c -> new Decision.Deny("deletes are off"));
    PolicyOutcome out = PolicyEngine.of(bundle).evaluate(ctx);
    Evaluation e = out.evaluated().get(0);
    assertEquals("7", e.version());
    assertEquals(Optional.of("no-deletes"), e.rule());
  }

  @Test
  void required_P3_traceRoundTripsThroughItsJsonForm() {
    PolicyEngine engine = PolicyEngine.of(FixedPolicy.permit("a"), new ToolRate("kv_put", 0));
    PolicyTrace trace = engine.evaluate(ctx).toTrace();
    assertEquals(engine.policySet(), trace.policySet());
    assertEquals(trace, PolicyTrace.fromJson(trace.toJson(), ""));
    assertEquals(2, trace.evaluated().size());
  }

  @Test
  void required_C2_2_gateAfterPermittingPoliciesSetsTheDecision() {
    Decision gate = new Decision.RequireApproval("irreversible", "irreversible tool",
        Optional.of(1L));
    PolicyOutcome out = PolicyEngine.of(FixedPolicy.permit("a")).evaluate(ctx)
        .withGate(new Evaluation("gate.irreversible", "1", Optional.empty(), gate));
    assertEquals(gate, out.decision());
    assertEquals(List.of("a", "gate.irreversible"), names(out));
    assertEquals("gate.irreversible", out.decider().orElseThrow().policy());
  }

  @Test
  void required_C2_2_laterGateIsListedButTheFirstSuspensionKeepsDeciding() {
    PolicyOutcome first = PolicyEngine.of(FixedPolicy.approval("p", "finance")).evaluate(ctx);
    Decision risk = new Decision.RequireApproval("risk", "high risk", Optional.of(2L));
    PolicyOutcome out = first.withGate(new Evaluation("gate.risk", "1", Optional.empty(), risk));
    assertEquals(first.decision(), out.decision());
    assertEquals(List.of("p", "gate.risk"), names(out));
    assertEquals("p", out.decider().orElseThrow().policy());
  }

  @Test
  void required_P1_policyWhoseContentCannotBeReadIsAConfigurationError() {
    Policy broken = new FixedPolicy("broken", "1", Optional.empty(), c -> null) {
      @Override
      public JsonObject content() {
        throw new IllegalStateException("no content");
      }
    };
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> PolicyEngine.of(broken));
    assertEquals("THY-P100", e.code());
  }

  private static List<String> names(PolicyOutcome out) {
    return out.evaluated().stream().map(Evaluation::policy).toList();
  }
}
