package thymos.kernel.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.Decision;
import thymos.api.model.Intent;
import thymos.api.model.IntentKind;
import thymos.api.model.RevocationPayload;
import thymos.api.model.Writ;
import thymos.api.spi.ConditionCheck;
import thymos.kernel.authority.ChainVerification;
import thymos.kernel.authority.Rejection;
import thymos.kernel.compiler.CompilerFixture.CountingPolicy;

/** One test per rejection kind of C2, each checking later stages were not consulted (C2.1). */
class CompilerRejectionTest {

  private final CompilerFixture f = new CompilerFixture();
  private final CountingPolicy permit = CountingPolicy.of("permit.all", Decision.Permit.INSTANCE);

  CompilerRejectionTest() {
    f.policies.add(permit);
  }

  /** Compiles, asserts the rejection kind, and that the tool and policies were never consulted. */
  private CompileResult.Rejected rejectedBeforeTool(Intent intent, String kind) {
    CompileResult.Rejected r = rejected(f.compile(intent), kind);
    assertEquals(0, f.put.consulted(), "tool consulted after " + kind);
    assertEquals(0, permit.calls().get(), "policy consulted after " + kind);
    return r;
  }

  private static CompileResult.Rejected rejected(CompileResult result, String kind) {
    CompileResult.Rejected r = assertInstanceOf(CompileResult.Rejected.class, result);
    assertEquals(kind, r.kind(), r.reason().message());
    assertTrue(!r.reason().message().isEmpty(), "a human message (C2.3)");
    return r;
  }

  private static String str(JsonObject o, String name) {
    return o.get(name).orElseThrow().toString();
  }

  /** Serves {@code writ} with the verifier's real rejection, as a store that never re-checked. */
  private ChainSource holding(Writ writ, Rejection rejection) {
    ChainSource real = ChainSource.of(f.state);
    return new ChainSource() {
      @Override
      public Optional<Writ> writ(Hash32 id) {
        return id.equals(writ.id()) ? Optional.of(writ) : real.writ(id);
      }

      @Override
      public ChainVerification verify(Hash32 id, long nowMs) {
        return id.equals(writ.id()) ? rejection : real.verify(id, nowMs);
      }
    };
  }

  @Test
  void required_C2_1_malformedIntentWhenIdDoesNotMatchBody() {
    Intent good = f.intent("kv_put", "{\"n\":1}");
    Intent forged = new Intent(f.intent("kv_put", "{\"n\":2}").id(), good.body());
    CompileResult.Rejected r = rejectedBeforeTool(forged, "malformed_intent");
    assertTrue(str(r.reason().detail(), "field").contains("/id"));
  }

  @Test
  void required_C2_1_malformedIntentWhenForAnotherTrajectory() {
    Intent other = Intent.of(new thymos.api.model.IntentBody(Hash32.of(new byte[] {
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1}), IntentKind.ACT, "kv_put", JsonObject.EMPTY, "scripted", Optional.empty(),
        Optional.empty(), f.intent("kv_put", "{}").body().nonce()));
    CompileResult.Rejected r = rejectedBeforeTool(other, "malformed_intent");
    assertTrue(str(r.reason().detail(), "field").contains("trajectory_id"));
  }

  @Test
  void required_C2_2_delegateAndCompensateAreUnsupportedKinds() {
    CompileResult.Rejected r =
        rejectedBeforeTool(f.intent(IntentKind.DELEGATE, "delegate", "{}"), "unsupported_kind");
    assertEquals(Json.string("delegate"), r.reason().detail().get("kind").get());
    rejectedBeforeTool(f.intent(IntentKind.COMPENSATE, "kv_put", "{\"target\":\"x\"}"),
        "unsupported_kind");
  }

  @Test
  void required_C2_3_writNotBoundForAnotherRegisteredWritOrAnUnknownOne() {
    Writ other = f.register(d -> {});
    Intent intent = f.intent("kv_put", "{\"n\":1}");
    rejected(Compiler.compile(intent, other.id(), f.context()), "writ_not_bound");
    Writ unregistered = f.draft(d -> {});
    f.writ = unregistered;
    rejectedBeforeTool(intent, "writ_not_bound");
  }

  @Test
  void required_C2_4_badSignatureNamesTheWrit() {
    Writ real = f.draft(d -> {});
    Writ byMallory = f.signedBy(f.mallory, d -> {});
    Writ forged = new Writ(real.id(), real.body(), byMallory.signature());
    Rejection verdict = assertInstanceOf(Rejection.class, f.state.register(forged));
    f.writ = forged;
    f.authority = holding(forged, verdict);
    CompileResult.Rejected r = rejectedBeforeTool(f.intent("kv_put", "{\"n\":1}"),
        "bad_signature");
    assertEquals(Json.string(forged.id().hex()), r.reason().detail().get("writ_id").get());
  }

  @Test
  void required_C2_5_untrustedRootIsRejected() {
    Writ rogue = f.signedBy(f.mallory, d -> {});
    Rejection verdict = assertInstanceOf(Rejection.class, f.state.register(rogue));
    f.writ = rogue;
    f.authority = holding(rogue, verdict);
    rejectedBeforeTool(f.intent("kv_put", "{\"n\":1}"), "untrusted_root");
  }

  @Test
  void required_C2_6_invalidDelegationNamesTheW3Rule() {
    Writ root = f.writ;
    Writ child = f.signedBy(f.alice, d -> {
      d.parent = Optional.of(root.id());
      d.subjectKey = f.mallory.publicKey();
      d.budget = new Budget(5000, 3, 60_000, 500_000);
    });
    Rejection verdict = assertInstanceOf(Rejection.class, f.state.register(child));
    f.writ = child;
    f.authority = holding(child, verdict);
    CompileResult.Rejected r = rejectedBeforeTool(f.intent("kv_put", "{\"n\":1}"),
        "invalid_delegation");
    assertTrue(r.reason().detail().get("delegation_rule").isPresent());
  }

  @Test
  void required_C2_7_revokedWritIsRejected() {
    f.state.revoke(RevocationPayload.sign(f.writ.id(), "compromised", f.anchor));
    rejectedBeforeTool(f.intent("kv_put", "{\"n\":1}"), "revoked");
  }

  @Test
  void required_C2_8_outsideWindowBeforeAndAfter() {
    f.nowMs = 10_001;
    rejectedBeforeTool(f.intent("kv_put", "{\"n\":1}"), "outside_window");
    f.nowMs = 999;
    rejectedBeforeTool(f.intent("kv_put", "{\"n\":1}"), "outside_window");
  }

  @Test
  void required_C2_9_outOfScopeEvenForARegisteredTool() {
    f.writ = f.register(d -> d.scopes = List.of("fs_*"));
    CompileResult.Rejected r = rejectedBeforeTool(f.intent("kv_put", "{\"n\":1}"),
        "out_of_scope");
    assertEquals(Json.string("kv_put"), r.reason().detail().get("tool").get());
  }

  @Test
  void required_C2_10_unknownToolInScope() {
    rejectedBeforeTool(f.intent("kv_missing", "{\"n\":1}"), "unknown_tool");
  }

  @Test
  void required_C2_11_effectNotGrantedByCeiling() {
    f.writ = f.register(d -> d.ceiling = new Ceiling(true, false, true, true));
    CompileResult.Rejected r = rejectedBeforeTool(f.intent("kv_put", "{\"n\":1}"),
        "effect_not_granted");
    assertEquals(Json.string("write"), r.reason().detail().get("effect").get());
  }

  @Test
  void required_C2_1_unauthorisedCallerNeverReachesSchemaValidation() {
    // Invalid args under a writ without the write bit: authority decides first (C2.1).
    f.writ = f.register(d -> d.ceiling = Ceiling.NONE);
    rejectedBeforeTool(f.intent("kv_put", "{\"n\":\"x\"}"), "effect_not_granted");
  }

  @Test
  void required_C2_12_invalidArgsNamesPointerAndKeyword() {
    CompileResult.Rejected r = rejectedBeforeTool(f.intent("kv_put", "{\"n\":\"x\"}"),
        "invalid_args");
    JsonObject d = r.reason().detail();
    assertEquals(Json.string("/n"), d.get("pointer").get());
    assertEquals(Json.string("type"), d.get("keyword").get());
    assertEquals(1, ((JsonArray) d.get("errors").get()).elements().size());
  }

  @Test
  void required_C2_12_argsAreValidatedBeforeTheBudget() {
    f.spent = new Budget(0, 3, 0, 0);
    rejectedBeforeTool(f.intent("kv_put", "{}"), "invalid_args");
  }

  @Test
  void required_C2_13_budgetExhaustedNamesToolCalls4Over3() {
    f.spent = new Budget(0, 3, 0, 0);
    CompileResult.Rejected r = rejected(f.compile(f.intent("kv_put", "{\"n\":1}")),
        "budget_exhausted");
    assertTrue(r.reason().message().contains("tool_calls 4 > 3"), r.reason().message());
    assertEquals(0, f.put.preconditionChecks.get());
    assertEquals(0, permit.calls().get());
  }

  @Test
  void required_C2_13_budgetExhaustedNamesEveryExceededDimension() {
    f.spent = new Budget(995, 3, 0, 0);
    CompileResult.Rejected r = rejected(f.compile(f.intent("kv_put", "{\"n\":1}")),
        "budget_exhausted");
    assertTrue(r.reason().message().contains("tokens 1005 > 1000, tool_calls 4 > 3"),
        r.reason().message());
    JsonObject exceeded = (JsonObject) r.reason().detail().get("exceeded").get();
    assertEquals(2, exceeded.size());
  }

  @Test
  void required_C2_13_exactlyFittingBudgetCompiles() {
    f.spent = new Budget(990, 2, 0, 0);
    assertInstanceOf(CompileResult.Staged.class, f.compile(f.intent("kv_put", "{\"n\":1}")));
  }

  @Test
  void required_C2_14_preconditionFailedCarriesTheToolsReason() {
    f.put.precondition = ConditionCheck.fails("key exists");
    CompileResult.Rejected r = rejected(f.compile(f.intent("kv_put", "{\"n\":1}")),
        "precondition_failed");
    assertEquals(Json.string("key exists"), r.reason().detail().get("reason").get());
    assertEquals(0, permit.calls().get());
  }

  @Test
  void required_C2_15_policyDeniedNamesPolicyRuleAndReasonWithTrace() {
    f.policies.add(CountingPolicy.of("tenant.guard", new Decision.Deny("not yours")));
    CompileResult.Rejected r = rejected(f.compile(f.intent("kv_put", "{\"n\":1}")),
        "policy_denied");
    JsonObject d = r.reason().detail();
    assertEquals(Json.string("tenant.guard"), d.get("policy").get());
    assertEquals(Json.string("r1"), d.get("rule").get());
    assertEquals(Json.string("not yours"), d.get("reason").get());
    assertEquals(2, r.policyTrace().orElseThrow().evaluated().size());
    assertEquals(f.context().policies().policySet(), r.policySet());
  }
}
