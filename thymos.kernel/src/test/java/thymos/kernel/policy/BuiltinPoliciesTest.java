package thymos.kernel.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static thymos.kernel.policy.Contexts.context;
import static thymos.kernel.policy.Contexts.hash;
import static thymos.kernel.policy.Contexts.stats;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import thymos.api.ConfigurationException;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.model.Decision;
import thymos.api.spi.Policy;
import thymos.api.spi.PolicyContext;

/** The four built-in policies (P5): permit, deny and approval cases with their boundaries. */
class BuiltinPoliciesTest {

  private static final Decision PERMIT = Decision.Permit.INSTANCE;

  // --- tenant.isolation

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"path\":\"tenants/globex/a.txt\"}",
      "{\"path\":\"/data/TENANTS/globex\"}",
      "{\"path\":\"tenants/acme/../globex/x\"}",
      "{\"path\":\"./tenants//globex\"}",
      "{\"path\":\"tenants\\\\globex\\\\a\"}",
      "{\"path\":\"tenants/\"}",
      "{\"path\":\"tenants/acme/..\"}",
      "{\"files\":[\"docs/a\",{\"key\":\"tenants/globex/k\"}]}",
      "{\"map\":{\"tenants/globex/k\":1}}",
      "{\"path\":\"tenants/Acme/x\"}"})
  void required_P5_tenantIsolationDeniesAnotherTenantsPrefix(String args) {
    Decision d = new TenantIsolation().evaluate(context().tenant("acme").args(args).build());
    assertInstanceOf(Decision.Deny.class, d, args);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{}",
      "{\"path\":\"tenants/acme/a.txt\"}",
      "{\"path\":\"/srv/tenants/acme\"}",
      "{\"path\":\"docs/readme.md\"}",
      "{\"note\":\"tenants globex\",\"n\":5}",
      "{\"path\":\"my-tenants/globex\"}",
      "{\"path\":\"tenants/globex/../acme/x\"}"})
  void required_P5_tenantIsolationPermitsOwnAndUnrelatedPaths(String args) {
    assertSame(PERMIT, new TenantIsolation().evaluate(context().tenant("acme").args(args).build()));
  }

  @Test
  void required_P5_tenantIsolationNamesPointerAndTenantInItsReason() {
    Decision d = new TenantIsolation().evaluate(
        context().tenant("acme").args("{\"a\":{\"b\":[\"x\",\"tenants/globex\"]}}").build());
    assertEquals(new Decision.Deny("tenant.isolation: args at /a/b/1 names tenant \"globex\", "
        + "not the writ's tenant \"acme\""), d);
  }

  @Test
  void required_P5_tenantIsolationHonoursAConfiguredRoot() {
    PolicyContext c = context().tenant("acme").args("{\"p\":\"orgs/globex/x\"}").build();
    assertInstanceOf(Decision.Deny.class, new TenantIsolation("orgs").evaluate(c));
    assertSame(PERMIT, new TenantIsolation().evaluate(c));
  }

  // --- threshold.approval

  private final ThresholdApproval threshold =
      new ThresholdApproval("pay", "payment.amount", 100, "finance", 2);

  @Test
  void required_P5_thresholdAboveMaxRequiresApproval() {
    Decision d = threshold.evaluate(
        context().tool("pay").args("{\"payment\":{\"amount\":101}}").build());
    assertEquals(new Decision.RequireApproval("finance",
        "threshold.approval: args.payment.amount = 101 exceeds 100", Optional.of(2L)), d);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"payment\":{\"amount\":100}}", "{\"payment\":{\"amount\":-5}}",
      "{\"payment\":{\"amount\":100.0}}", "{}", "{\"payment\":{}}", "{\"payment\":7}"})
  void required_P5_thresholdAtOrBelowMaxOrAbsentPasses(String args) {
    assertSame(PERMIT, threshold.evaluate(context().tool("pay").args(args).build()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"payment\":{\"amount\":\"1000\"}}",
      "{\"payment\":{\"amount\":100.5}}", "{\"payment\":{\"amount\":null}}",
      "{\"payment\":{\"amount\":[1]}}"})
  void required_P5_thresholdOnANonIntegerFailsClosed(String args) {
    assertInstanceOf(Decision.Deny.class,
        threshold.evaluate(context().tool("pay").args(args).build()));
  }

  @Test
  void required_P5_thresholdIgnoresOtherTools() {
    assertSame(PERMIT, threshold.evaluate(
        context().tool("pay_later").args("{\"payment\":{\"amount\":1000}}").build()));
  }

  // --- tool.rate

  @Test
  void required_P5_toolRateAllowsUpToMaxCommitsAndDeniesTheNext() {
    ToolRate rate = new ToolRate("kv_put", 3);
    for (long done = 0; done < 3; done++) {
      assertSame(PERMIT, rate.evaluate(withCalls("kv_get", done)), "after " + done);
    }
    assertEquals(new Decision.Deny("tool.rate: kv_put already has 3 commits in this trajectory; "
        + "max_per_trajectory is 3"), rate.evaluate(withCalls("kv_get", 3)));
    assertInstanceOf(Decision.Deny.class, rate.evaluate(withCalls("kv_get", 4)));
  }

  @Test
  void required_P5_toolRateCountsOnlyItsTool() {
    ToolRate rate = new ToolRate("kv_put", 1);
    PolicyContext c = context().tool("kv_get")
        .stats(stats(9, Map.of("kv_get", 9L), 9, Map.of())).build();
    assertSame(PERMIT, rate.evaluate(c));
    assertInstanceOf(Decision.Deny.class, new ToolRate("kv_put", 0).evaluate(withCalls("x", 0)));
  }

  private static PolicyContext withCalls(String other, long n) {
    return context().tool("kv_put")
        .stats(stats(n + 1, Map.of("kv_put", n, other, 1L), n + 1, Map.of())).build();
  }

  // --- freshness

  @Test
  void required_P5_freshnessPermitsUpToMaxLagAndDeniesBeyond() {
    Freshness f = new Freshness(2);
    Map<thymos.api.crypto.Hash32, Long> seqs = Map.of(hash(10), 10L, hash(8), 8L, hash(7), 7L);
    for (int seen : new int[] {10, 8}) {
      assertSame(PERMIT, f.evaluate(context().basedOn(hash(seen))
          .stats(stats(5, Map.of(), 10, seqs)).build()), "based on " + seen);
    }
    assertEquals(new Decision.Deny(
            "freshness: based_on is seq 7, 3 entries behind head seq 10; max_lag is 2"),
        f.evaluate(context().basedOn(hash(7)).stats(stats(5, Map.of(), 10, seqs)).build()));
  }

  @Test
  void required_P5_freshnessDeniesUnknownBasedOn() {
    Decision d = new Freshness(100).evaluate(context().basedOn(hash(42)).build());
    assertInstanceOf(Decision.Deny.class, d);
  }

  @Test
  void required_P5_freshnessWithoutBasedOnDeniesUnlessAllowed() {
    PolicyContext c = context().build();
    assertEquals(new Decision.Deny("freshness: the intent has no based_on"),
        new Freshness(5).evaluate(c));
    assertSame(PERMIT, new Freshness(5, false).evaluate(c));
  }

  // --- content documents and configuration

  @Test
  void required_P1_builtinContentIsNameVersionParams() {
    assertEquals(Json.parse("{\"name\":\"threshold.approval\",\"version\":\"1\",\"params\":"
        + "{\"tool\":\"pay\",\"field\":\"payment.amount\",\"max\":100,\"channel\":\"finance\","
        + "\"quorum\":2}}"), threshold.content());
    assertEquals(Json.parse("{\"name\":\"tenant.isolation\",\"version\":\"1\",\"params\":"
        + "{\"root\":\"tenants\"}}"), new TenantIsolation().content());
  }

  @Test
  void builtinsAreRebuiltFromTheirContent() {
    for (Policy p : new Policy[] {new TenantIsolation("orgs"), threshold,
        new ToolRate("kv_put", 4), new Freshness(3, false)}) {
      assertEquals(p, BuiltinPolicies.fromContent(p.content()));
    }
  }

  @Test
  void fromContentRefusesUnknownNamesVersionsAndParams() {
    ConfigurationException unknown = assertThrows(ConfigurationException.class,
        () -> BuiltinPolicies.fromContent(Json.parse(
            "{\"name\":\"tool.speed\",\"version\":\"1\",\"params\":{}}")));
    assertEquals("THY-P500", unknown.code());
    assertEquals(BuiltinPolicies.NAMES, unknown.candidates());
    assertThrows(ConfigurationException.class, () -> BuiltinPolicies.fromContent(Json.parse(
        "{\"name\":\"freshness\",\"version\":\"2\",\"params\":"
            + "{\"max_lag\":1,\"require_based_on\":true}}")));
    assertThrows(ProtocolViolation.class, () -> BuiltinPolicies.fromContent(Json.parse(
        "{\"name\":\"tool.rate\",\"version\":\"1\",\"params\":"
            + "{\"tool\":\"x\",\"max_per_trajectory\":1,\"extra\":true}}")));
    assertThrows(ConfigurationException.class, () -> BuiltinPolicies.fromContent(Json.parse(
        "{\"name\":\"tool.rate\",\"version\":\"1\",\"params\":"
            + "{\"tool\":\"fs_*\",\"max_per_trajectory\":1}}")));
    assertThrows(ConfigurationException.class, () -> BuiltinPolicies.fromContent(Json.parse(
        "{\"name\":\"threshold.approval\",\"version\":\"1\",\"params\":{\"tool\":\"pay\","
            + "\"field\":\"a..b\",\"max\":1,\"channel\":\"c\",\"quorum\":1}}")));
    assertTrue(assertThrows(ConfigurationException.class,
        () -> BuiltinPolicies.fromContent(Json.parse(
            "{\"name\":\"threshold.approval\",\"version\":\"1\",\"params\":{\"tool\":\"pay\","
                + "\"field\":\"a\",\"max\":1,\"channel\":\"c\",\"quorum\":0}}")))
        .getMessage().contains("quorum"));
  }
}
