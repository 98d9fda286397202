package thymos.kernel.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static thymos.kernel.policy.Contexts.context;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import thymos.api.json.Json;
import thymos.api.model.Decision;
import thymos.api.model.ResourceKey;
import thymos.api.model.ResourceState;
import thymos.api.model.World;
import thymos.api.spi.Policy;

/** Evaluation of policy bundles (P6.1–P6.5): each op, each field, first match, fail closed. */
class BundleEvaluationTest {

  static PolicyBundle single(String when) {
    return PolicyBundle.parse("{\"name\":\"t\",\"version\":\"1\",\"default\":\"permit\","
        + "\"rules\":[{\"name\":\"r\",\"when\":" + when
        + ",\"decision\":{\"kind\":\"deny\",\"reason\":\"hit\"}}]}");
  }

  static String leaf(String field, String op, String value) {
    return "{\"field\":\"" + field + "\",\"op\":\"" + op + "\",\"value\":" + value + "}";
  }

  /** Whether the single rule holds; fails the test on an evaluation error. */
  static boolean holds(String when, Contexts c) {
    Policy.Ruling r = single(when).ruling(c.build());
    if (r.decision() instanceof Decision.Deny d && d.reason().equals("hit")) {
      assertEquals(Optional.of("r"), r.rule());
      return true;
    }
    if (r.decision() instanceof Decision.Permit) {
      assertEquals(Optional.empty(), r.rule(), "default decides without a rule");
      return false;
    }
    return fail("evaluation error: " + r.decision());
  }

  static boolean holds(String field, String op, String value, Contexts c) {
    return holds(leaf(field, op, value), c);
  }

  /** The deny reason of an evaluation error in rule r. */
  static String error(String field, String op, String value, Contexts c) {
    Policy.Ruling r = single(leaf(field, op, value)).ruling(c.build());
    Decision.Deny d = assertInstanceOf(Decision.Deny.class, r.decision());
    assertEquals(Optional.of("r"), r.rule());
    assertTrue(d.reason().startsWith("evaluation error in rule r: "), d.reason());
    return d.reason();
  }

  @Test
  void required_P6_2_eqAndNeCompareSameTypedValues() {
    Contexts c = context().args("{\"n\":5,\"s\":\"x\",\"o\":{\"a\":1,\"b\":[1,2]},\"z\":null}");
    assertTrue(holds("intent.args.n", "eq", "5", c));
    assertTrue(holds("intent.args.n", "eq", "5.0", c)); // 5.0 is the integer 5 (E1.3)
    assertFalse(holds("intent.args.n", "ne", "5", c));
    assertTrue(holds("intent.args.s", "ne", "\"y\"", c));
    assertTrue(holds("intent.args.o", "eq", "{\"b\":[1,2],\"a\":1}", c));
    assertTrue(holds("intent.args.z", "eq", "null", c));
  }

  @Test
  void required_P6_2_differentTypesAreAnEvaluationError() {
    Contexts c = context().args("{\"n\":5,\"s\":\"5\",\"f\":1.5}");
    assertTrue(error("intent.args.n", "eq", "\"5\"", c)
        .contains("cannot compare an integer with a string"));
    assertTrue(error("intent.args.s", "ne", "5", c).contains("intent.args.s ne 5"));
    assertTrue(error("intent.args.f", "eq", "2", c)
        .contains("cannot compare a fraction with an integer"));
    error("intent.args.n", "starts_with", "\"5\"", c);
    error("intent.args.n", "glob", "\"*\"", c);
  }

  @Test
  void required_P6_2_integerOrderingIsExact() {
    long big = (1L << 53) - 1;
    Contexts c = context().args("{\"n\":" + big + "}");
    assertTrue(holds("intent.args.n", "gt", Long.toString(big - 1), c));
    assertFalse(holds("intent.args.n", "gt", Long.toString(big), c));
    assertTrue(holds("intent.args.n", "gte", Long.toString(big), c));
    assertFalse(holds("intent.args.n", "lt", Long.toString(-big), c));
    assertTrue(holds("intent.args.n", "lte", Long.toString(big), c));
    assertFalse(holds("intent.args.n", "lt", Long.toString(big), c));
  }

  @Test
  void required_P6_2_fractionsAreNeverOrdered() {
    Contexts c = context().args("{\"f\":1.5}");
    assertTrue(error("intent.args.f", "lt", "2", c).contains("fraction"));
  }

  @Test
  void required_P6_2_stringsOrderByCodePoint() {
    // U+1F600 (a surrogate pair in UTF-16) sorts above U+FFFD by code point, below by UTF-16.
    Contexts c = context().args("{\"s\":\"\uD83D\uDE00\"}");
    assertTrue(holds("intent.args.s", "gt", "\"\uFFFD\"", c));
    assertTrue("\uD83D\uDE00".compareTo("\uFFFD") < 0, "the case distinguishes the two orders");
    assertTrue(holds("intent.args.s", "lt", "\"\uD83D\uDE01\"", c));
    assertTrue(holds("intent.tool", "lt", "\"kv_q\"", context()));
    assertTrue(holds("intent.tool", "gte", "\"kv_put\"", context()));
  }

  @Test
  void required_P6_2_in() {
    Contexts c = context().args("{\"n\":2}");
    assertTrue(holds("intent.args.n", "in", "[1,2,3]", c));
    assertFalse(holds("intent.args.n", "in", "[]", c));
    assertFalse(holds("intent.tool", "in", "[\"a\",\"b\"]", c));
    assertTrue(holds("intent.tool", "in", "[\"a\",\"kv_put\"]", c));
    error("intent.args.n", "in", "[\"2\"]", c);
  }

  @Test
  void required_P6_2_containsOnStringsAndArrays() {
    Contexts c = context().args("{\"s\":\"hello world\",\"tags\":[\"a\",\"b\"],\"n\":1}");
    assertTrue(holds("intent.args.s", "contains", "\"lo w\"", c));
    assertFalse(holds("intent.args.s", "contains", "\"xyz\"", c));
    assertTrue(holds("intent.args.tags", "contains", "\"b\"", c));
    assertFalse(holds("intent.args.tags", "contains", "\"c\"", c));
    error("intent.args.tags", "contains", "1", c);
    error("intent.args.n", "contains", "1", c);
  }

  @Test
  void required_P6_2_startsWithEndsWith() {
    Contexts c = context().args("{\"p\":\"docs/a.txt\"}");
    assertTrue(holds("intent.args.p", "starts_with", "\"docs/\"", c));
    assertFalse(holds("intent.args.p", "starts_with", "\"a\"", c));
    assertTrue(holds("intent.args.p", "ends_with", "\".txt\"", c));
    assertFalse(holds("intent.args.p", "ends_with", "\".md\"", c));
  }

  @Test
  void required_P6_2_globKnowsStarAndQuestionMarkOnly() {
    Contexts c = context().args("{\"p\":\"docs/a.txt\",\"r\":\"a.c\",\"e\":\"\"}");
    assertTrue(holds("intent.args.p", "glob", "\"docs/*\"", c));
    assertTrue(holds("intent.args.p", "glob", "\"*.txt\"", c));
    assertTrue(holds("intent.args.p", "glob", "\"docs/?.txt\"", c));
    assertFalse(holds("intent.args.p", "glob", "\"docs/??.txt\"", c));
    assertTrue(holds("intent.args.p", "glob", "\"*\"", c));
    assertTrue(holds("intent.args.e", "glob", "\"*\"", c));
    assertFalse(holds("intent.args.e", "glob", "\"?\"", c));
    // '.' and '[' are literal: no regular expressions, no classes
    assertFalse(holds("intent.args.p", "glob", "\"docs/a.tx.\"", c));
    assertTrue(holds("intent.args.r", "glob", "\"a.c\"", c));
    assertFalse(holds("intent.args.r", "glob", "\"[a].c\"", c));
    assertTrue(Glob.matches("*a*b*c", "xxaxxbxxbxc"));
    assertFalse(Glob.matches("*a*b*c", "xxaxxbxxbx"));
    assertTrue(Glob.matches("?", "\uD83D\uDE00"), "? is one code point");
  }

  @Test
  void required_P6_4_existsAndAbsentFields() {
    Contexts c = context().args("{\"a\":{\"b\":1},\"z\":null}");
    assertTrue(holds("intent.args.a.b", "exists", "true", c));
    assertFalse(holds("intent.args.a.c", "exists", "true", c));
    assertTrue(holds("intent.args.a.c", "exists", "false", c));
    assertTrue(holds("intent.args.z", "exists", "true", c), "null is a present value");
    // an absent field is false for every other op, even ne, and never an evaluation error
    assertFalse(holds("intent.args.a.c", "ne", "1", c));
    assertFalse(holds("intent.args.a.c", "eq", "\"x\"", c));
    assertFalse(holds("intent.args.a.b.c", "gt", "0", c));
    assertTrue(holds("{\"not\":" + leaf("intent.args.a.c", "eq", "1") + "}", c));
  }

  @Test
  void required_P6_3_argsPathsWithIndexes() {
    Contexts c = context().args("{\"items\":[{\"price\":10},{\"price\":20}],\"m\":[[1,2],[3,4]]}");
    assertTrue(holds("intent.args.items[1].price", "eq", "20", c));
    assertTrue(holds("intent.args.m[1][0]", "eq", "3", c));
    assertFalse(holds("intent.args.items[2].price", "exists", "true", c));
    assertFalse(holds("intent.args.items.price", "exists", "true", c));
  }

  @Test
  void required_P6_3_intentWritProposalFields() {
    Contexts c = context().tenant("acme").tool("kv_put");
    assertTrue(holds("intent.tool", "eq", "\"kv_put\"", c));
    assertTrue(holds("intent.kind", "eq", "\"act\"", c));
    assertTrue(holds("intent.author", "eq", "\"scripted\"", c));
    assertTrue(holds("writ.tenant", "eq", "\"acme\"", c));
    assertTrue(holds("writ.subject", "eq", "\"subject\"", c));
    assertTrue(holds("writ.issuer", "eq", "\"issuer\"", c));
    String writId = Contexts.writ("acme").id().hex();
    assertTrue(holds("writ.id", "eq", "\"" + writId + "\"", c));
    assertTrue(holds("proposal.effect", "eq", "\"write\"", c));
    assertTrue(holds("proposal.risk", "eq", "\"low\"", c));
    assertTrue(holds("proposal.estimate.tool_calls", "eq", "1", c));
    assertTrue(holds("proposal.estimate.tokens", "eq", "0", c));
    assertTrue(holds("proposal.estimate.wall_clock_ms", "eq", "0", c));
    assertTrue(holds("proposal.estimate.usd_millicents", "lt", "1", c));
  }

  @Test
  void required_P6_3_worldAndTrajectoryFields() {
    World w = World.of(Map.of(
        new ResourceKey("account", "a.1"),
        new ResourceState(3, Json.parse("{\"balance\":70}"), false, Contexts.hash(5)),
        new ResourceKey("account", "gone"),
        new ResourceState(2, Json.integer(1), true, Contexts.hash(6))));
    Contexts c = context().world(w).stats(Contexts.stats(4, Map.of("kv_put", 3L), 9, Map.of()));
    assertTrue(holds("world.account.a.1", "eq", "{\"balance\":70}", c));
    assertTrue(holds("world.account.a.1.version", "eq", "3", c));
    assertFalse(holds("world.account.gone", "exists", "true", c), "retracted is absent (M5.2)");
    assertFalse(holds("world.account.gone.version", "exists", "true", c));
    assertFalse(holds("world.file.a.1", "exists", "true", c));
    assertTrue(holds("trajectory.commits", "eq", "4", c));
    assertTrue(holds("trajectory.tool_calls.kv_put", "gte", "3", c));
    assertTrue(holds("trajectory.tool_calls.kv_get", "eq", "0", c), "never committed: 0");
  }

  @Test
  void required_P6_1_allAnyNot() {
    Contexts c = context();
    String t = leaf("intent.tool", "eq", "\"kv_put\"");
    String f = leaf("intent.tool", "eq", "\"other\"");
    assertTrue(holds("{\"all\":[]}", c));
    assertFalse(holds("{\"any\":[]}", c));
    assertTrue(holds("{\"all\":[" + t + "," + t + "]}", c));
    assertFalse(holds("{\"all\":[" + t + "," + f + "]}", c));
    assertTrue(holds("{\"any\":[" + f + "," + t + "]}", c));
    assertFalse(holds("{\"not\":" + t + "}", c));
    assertTrue(holds("{\"not\":{\"any\":[" + f + "]}}", c));
  }

  @Test
  void required_P6_4_firstMatchDecidesEvenAPermitBeforeABroaderDeny() {
    PolicyBundle b = PolicyBundle.parse("""
        {"name":"spend","version":"3","default":"deny","rules":[
          {"name":"small-ok","when":{"field":"intent.args.amount","op":"lte","value":100},
           "decision":{"kind":"permit"}},
          {"name":"big-needs-approval","when":{"field":"intent.args.amount","op":"lte",
           "value":10000},
           "decision":{"kind":"require_approval","channel":"finance","reason":"big","quorum":2}},
          {"name":"no-payments","when":{"field":"intent.tool","op":"eq","value":"pay"},
           "decision":{"kind":"deny","reason":"payments are closed"}}]}""");
    Contexts c = context().tool("pay");
    Policy.Ruling small = b.ruling(c.args("{\"amount\":100}").build());
    assertEquals(Decision.Permit.INSTANCE, small.decision());
    assertEquals(Optional.of("small-ok"), small.rule());
    Policy.Ruling big = b.ruling(c.args("{\"amount\":5000}").build());
    assertEquals(new Decision.RequireApproval("finance", "big", Optional.of(2L)), big.decision());
    assertEquals(Optional.of("big-needs-approval"), big.rule());
    Policy.Ruling huge = b.ruling(c.args("{\"amount\":50000}").build());
    assertEquals(new Decision.Deny("payments are closed"), huge.decision());
    assertEquals(Optional.of("no-payments"), huge.rule());
    Policy.Ruling other = b.ruling(c.tool("kv_put").args("{\"amount\":50000}").build());
    assertEquals(new Decision.Deny("spend: no rule matched (default deny)"), other.decision());
    assertEquals(Optional.empty(), other.rule());
  }

  @Test
  void required_P6_5_evaluationErrorDeniesNamingTheRuleAndStops() {
    PolicyBundle b = PolicyBundle.parse("""
        {"name":"t","version":"1","default":"permit","rules":[
          {"name":"fine","when":{"field":"intent.args.n","op":"eq","value":"zero"},
           "decision":{"kind":"permit"}},
          {"name":"later","when":{"all":[]},"decision":{"kind":"permit"}}]}""");
    Policy.Ruling r = b.ruling(context().args("{\"n\":0}").build());
    assertEquals(Optional.of("fine"), r.rule());
    Decision.Deny d = assertInstanceOf(Decision.Deny.class, r.decision());
    assertEquals("evaluation error in rule fine: intent.args.n eq \"zero\": cannot compare an"
        + " integer with a string", d.reason());
    // through the engine: the trace names the bundle and the rule (P3)
    PolicyOutcome out = PolicyEngine.of(b).evaluate(context().args("{\"n\":0}").build());
    assertEquals(d, out.decision());
    assertEquals("t", out.decider().orElseThrow().policy());
    assertEquals(Optional.of("fine"), out.decider().orElseThrow().rule());
  }

  @Test
  void required_P3_theTraceNamesTheRuleOfAnEarlyPermit() {
    PolicyBundle b = PolicyBundle.parse("""
        {"name":"t","version":"1","default":"deny","rules":[
          {"name":"ok","when":{"field":"intent.tool","op":"glob","value":"kv_*"},
           "decision":{"kind":"permit"}}]}""");
    PolicyOutcome out = PolicyEngine.of(b).evaluate(context().build());
    assertTrue(out.permits());
    assertEquals(Optional.of("ok"), out.evaluated().getFirst().rule());
    assertEquals("1", out.evaluated().getFirst().version());
  }
}
