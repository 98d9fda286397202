package thymos.kernel.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.model.Decision;
import thymos.api.spi.Policy;

/** The policy-set hash (P4): stable for equal configurations, changed by any difference. */
class PolicySetProperties {

  @Property
  void required_P4_equalConfigurationsHashAlike(@ForAll("policyLists") List<Policy> policies) {
    // Rebuild every policy from its content, so equality is by content, not by instance.
    List<Policy> copies = policies.stream().map(p -> BuiltinPolicies.fromContent(p.content()))
        .toList();
    assertEquals(PolicyEngine.of(policies).policySet(), PolicyEngine.of(copies).policySet());
  }

  @Property
  void required_P4_anyParameterChangeChangesTheSet(
      @ForAll("policyLists") @Size(min = 1) List<Policy> policies,
      @ForAll("builtins") Policy replacement, @ForAll @LongRange(max = 9) long where) {
    int i = (int) (where % policies.size());
    Assume.that(!replacement.content().equals(policies.get(i).content()));
    List<Policy> changed = new ArrayList<>(policies);
    changed.set(i, replacement);
    assertNotEquals(PolicyEngine.of(policies).policySet(), PolicyEngine.of(changed).policySet());
  }

  @Property
  void required_P4_orderChangesTheSet(@ForAll("builtins") Policy a, @ForAll("builtins") Policy b) {
    Assume.that(!a.content().equals(b.content()));
    assertNotEquals(PolicyEngine.of(a, b).policySet(), PolicyEngine.of(b, a).policySet());
  }

  @Property
  void required_P4_addingOrRemovingAPolicyChangesTheSet(
      @ForAll("policyLists") @Size(min = 1) List<Policy> policies) {
    assertNotEquals(PolicyEngine.of(policies).policySet(),
        PolicyEngine.of(policies.subList(1, policies.size())).policySet());
  }

  @Example
  void required_P4_versionChangesTheSet() {
    Policy v1 = new FixedPolicy("p", "1", Optional.empty(), c -> Decision.Permit.INSTANCE);
    Policy v2 = new FixedPolicy("p", "2", Optional.empty(), c -> Decision.Permit.INSTANCE);
    assertNotEquals(PolicyEngine.of(v1).policySet(), PolicyEngine.of(v2).policySet());
  }

  @Example
  void required_P4_setIsTheIdOfTheHexListOfPolicyIds() {
    Policy a = new ToolRate("kv_put", 3);
    Policy b = new TenantIsolation();
    Hash32 ia = Ids.id(DocType.POLICY, Json.parse(
        "{\"name\":\"tool.rate\",\"version\":\"1\","
            + "\"params\":{\"tool\":\"kv_put\",\"max_per_trajectory\":3}}"));
    Hash32 ib = Ids.id(DocType.POLICY, b.content());
    PolicyEngine engine = PolicyEngine.of(a, b);
    assertEquals(List.of(ia, ib), engine.policyIds());
    assertEquals(Ids.id(DocType.POLICYSET,
        Json.parse("[\"" + ia.hex() + "\",\"" + ib.hex() + "\"]")), engine.policySet());
  }

  @Provide
  Arbitrary<List<Policy>> policyLists() {
    return builtins().list().ofMaxSize(5);
  }

  @Provide
  Arbitrary<Policy> builtins() {
    Arbitrary<String> tools = Arbitraries.of("kv_put", "kv_get", "pay", "fs.write");
    Arbitrary<Long> small = Arbitraries.longs().between(0, 1000);
    return Arbitraries.oneOf(
        Arbitraries.of("tenants", "orgs", "t").map(TenantIsolation::new),
        Combinators.combine(tools, small).as(ToolRate::new),
        Combinators.combine(small, Arbitraries.of(true, false)).as(Freshness::new),
        Combinators.combine(tools, Arbitraries.of("amount", "payment.amount"),
            Arbitraries.longs().between(-1000, 1000), Arbitraries.of("finance", "ops"),
            Arbitraries.longs().between(1, 5)).as(ThresholdApproval::new));
  }
}
