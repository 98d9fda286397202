package thymos.kernel.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.spi.Policy;
import thymos.api.spi.PolicyContext;

/**
 * Algebraic claims about bundles (P6, P4): evaluation is a function of the bundle and the
 * context; member order changes neither the id nor any decision; any rule change changes the id.
 */
class BundleProperties {

  private static final List<String> LEAVES = List.of(
      leaf("intent.tool", "eq", "\"kv_put\""),
      leaf("intent.tool", "glob", "\"kv_*\""),
      leaf("intent.tool", "starts_with", "\"pa\""),
      leaf("intent.tool", "in", "[\"pay\",\"kv_get\"]"),
      leaf("intent.args.n", "gt", "10"),
      leaf("intent.args.n", "lte", "3"),
      leaf("intent.args.n", "eq", "\"ten\""), // an evaluation error where n is an integer
      leaf("intent.args.s", "contains", "\"a\""),
      leaf("intent.args.s", "lt", "\"m\""),
      leaf("intent.args.n", "exists", "false"),
      leaf("trajectory.commits", "gte", "2"),
      leaf("trajectory.tool_calls.pay", "lt", "1"),
      leaf("proposal.estimate.tool_calls", "eq", "1"),
      leaf("writ.tenant", "ne", "\"acme\""));

  private static final List<String> DECISIONS = List.of(
      "{\"kind\":\"permit\"}",
      "{\"kind\":\"deny\",\"reason\":\"no\"}",
      "{\"kind\":\"require_approval\",\"channel\":\"ops\",\"reason\":\"ask\",\"quorum\":2}",
      "{\"kind\":\"require_approval\",\"channel\":\"ops\",\"reason\":\"ask\"}");

  static String leaf(String field, String op, String value) {
    return "{\"field\":\"" + field + "\",\"op\":\"" + op + "\",\"value\":" + value + "}";
  }

  @Provide
  Arbitrary<String> conditions() {
    return Arbitraries.recursive(() -> Arbitraries.of(LEAVES), inner -> Arbitraries.oneOf(
        inner.list().ofMaxSize(3).map(l -> "{\"all\":[" + String.join(",", l) + "]}"),
        inner.list().ofMaxSize(3).map(l -> "{\"any\":[" + String.join(",", l) + "]}"),
        inner.map(c -> "{\"not\":" + c + "}")), 0, 3);
  }

  @Provide
  Arbitrary<String> bundles() {
    Arbitrary<String> rule = Combinators.combine(conditions(), Arbitraries.of(DECISIONS))
        .as((when, decision) -> "{\"when\":" + when + ",\"decision\":" + decision);
    return Combinators.combine(rule.list().ofMaxSize(5), Arbitraries.of("permit", "deny"))
        .as((rules, fallback) -> {
          List<String> named = new ArrayList<>();
          for (int i = 0; i < rules.size(); i++) {
            named.add(rules.get(i) + ",\"name\":\"rule-" + i + "\"}");
          }
          return "{\"name\":\"gen\",\"version\":\"1\",\"default\":\"" + fallback
              + "\",\"rules\":[" + String.join(",", named) + "]}";
        });
  }

  @Provide
  Arbitrary<PolicyContext> contexts() {
    Arbitrary<String> args = Combinators.combine(
        Arbitraries.integers().between(-5, 20).injectNull(0.2),
        Arbitraries.of("", "abc", "zzz", "m").injectNull(0.2))
        .as((n, s) -> "{" + (n == null ? "" : "\"n\":" + n)
            + (n != null && s != null ? "," : "") + (s == null ? "" : "\"s\":\"" + s + "\"") + "}");
    return Combinators.combine(Arbitraries.of("kv_put", "kv_get", "pay"), args,
        Arbitraries.of("acme", "other"), Arbitraries.longs().between(0, 4),
        Arbitraries.longs().between(0, 2))
        .as((tool, a, tenant, commits, pays) -> Contexts.context().tool(tool).args(a)
            .tenant(tenant).stats(Contexts.stats(commits + pays, Map.of("pay", pays), 3,
                Map.of())).build());
  }

  @Property(tries = 200)
  void required_P6_evaluationIsDeterministic(@ForAll("bundles") String text,
      @ForAll("contexts") PolicyContext context) {
    PolicyBundle a = PolicyBundle.parse(text);
    PolicyBundle b = PolicyBundle.parse(text);
    Policy.Ruling first = a.ruling(context);
    assertEquals(first, a.ruling(context));
    assertEquals(first, b.ruling(context));
    assertEquals(PolicyEngine.of(a).evaluate(context), PolicyEngine.of(b).evaluate(context));
  }

  @Property(tries = 200)
  void required_P4_memberOrderChangesNeitherIdNorDecision(@ForAll("bundles") String text,
      @ForAll int seed, @ForAll("contexts") PolicyContext context) {
    String reordered = write(Json.parse(text), seed);
    PolicyBundle a = PolicyBundle.parse(text);
    PolicyBundle b = PolicyBundle.parse(reordered);
    assertEquals(a.id(), b.id());
    assertEquals(a, b);
    assertEquals(PolicyEngine.of(a).policySet(), PolicyEngine.of(b).policySet());
    assertEquals(a.ruling(context), b.ruling(context));
  }

  @Property(tries = 150)
  void required_P4_anyRuleChangeChangesTheIdAndPolicySet(
      @ForAll("bundles") String text, @ForAll @IntRange(max = 20) int which,
      @ForAll("decisionIndex") int decision) {
    JsonObject bundle = (JsonObject) Json.parse(text);
    JsonArray rules = (JsonArray) bundle.get("rules").orElseThrow();
    Assume.that(rules.size() > 0);
    int i = which % rules.size();
    JsonObject rule = (JsonObject) rules.get(i);
    Json newDecision = Json.parse(DECISIONS.get(decision));
    Assume.that(!rule.get("decision").orElseThrow().equals(newDecision));
    List<Json> changed = new ArrayList<>(rules.elements());
    changed.set(i, with(rule, "decision", newDecision));
    JsonObject other = with(bundle, "rules", Json.array(changed));
    assertNotEquals(PolicyBundle.parse(text).id(), PolicyBundle.parse(other).id());
    assertNotEquals(PolicyEngine.of(PolicyBundle.parse(text)).policySet(),
        PolicyEngine.of(PolicyBundle.parse(other)).policySet());
    // dropping the rule changes it too
    changed.remove(i);
    assertNotEquals(PolicyBundle.parse(text).id(),
        PolicyBundle.parse(with(bundle, "rules", Json.array(changed))).id());
  }

  @Property(tries = 50)
  void required_P4_versionAndDefaultChangeTheId(@ForAll("bundles") String text) {
    JsonObject bundle = (JsonObject) Json.parse(text);
    PolicyBundle b = PolicyBundle.parse(bundle);
    assertNotEquals(b.id(), PolicyBundle.parse(with(bundle, "version", Json.string("2"))).id());
    String flipped = bundle.get("default").orElseThrow().equals(Json.string("permit"))
        ? "deny" : "permit";
    assertNotEquals(b.id(),
        PolicyBundle.parse(with(bundle, "default", Json.string(flipped))).id());
  }

  @Provide
  Arbitrary<Integer> decisionIndex() {
    return Arbitraries.integers().between(0, DECISIONS.size() - 1);
  }

  private static JsonObject with(JsonObject o, String name, Json value) {
    Map<String, Json> m = new java.util.HashMap<>(o.members());
    m.put(name, value);
    return Json.object(m);
  }

  /** JSON text with every object's members in an order that depends on {@code seed}. */
  static String write(Json json, int seed) {
    return switch (json) {
      case JsonObject o -> {
        List<Map.Entry<String, Json>> members = new ArrayList<>(o.members().entrySet());
        members.sort(Comparator.comparingInt(e -> Integer.reverse(e.getKey().hashCode() * 31
            + seed)));
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Json> e : members) {
          parts.add(Json.string(e.getKey()).canonicalString() + " : " + write(e.getValue(),
              seed + 1));
        }
        yield "{ " + String.join(" , ", parts) + " }";
      }
      case JsonArray a -> {
        List<String> parts = new ArrayList<>();
        a.elements().forEach(e -> parts.add(write(e, seed + 7)));
        yield "[" + String.join(",", parts) + "]";
      }
      default -> json.canonicalString();
    };
  }

  @Property(tries = 20)
  void writeReordersMembersButKeepsTheValue(@ForAll("bundles") String text, @ForAll int seed) {
    String written = write(Json.parse(text), seed);
    assertEquals(Json.parse(text), Json.parse(written));
    assertNotEquals(text, written, "the text differs (spacing at least)");
  }
}
