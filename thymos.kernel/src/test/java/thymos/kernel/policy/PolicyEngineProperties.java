package thymos.kernel.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import thymos.api.model.Decision;
import thymos.api.model.PolicyTrace.Evaluation;
import thymos.api.spi.PolicyContext;

/** P2 and P3 over random policy lists: the first non-permit decides and ends the trace. */
class PolicyEngineProperties {

  private final PolicyContext ctx = Contexts.context().build();

  @Property
  void required_P2_P3_firstNonPermitDecidesAndTraceIsTheEvaluatedPrefix(
      @ForAll("behaviours") List<Integer> kinds) {
    List<FixedPolicy> policies = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      policies.add(policy("p" + i, kinds.get(i)));
    }
    PolicyOutcome out = PolicyEngine.of(policies).evaluate(ctx);

    int decider = -1;
    for (int i = 0; i < kinds.size() && decider < 0; i++) {
      decider = kinds.get(i) == 0 ? -1 : i;
    }
    int evaluated = decider < 0 ? kinds.size() : decider + 1;
    assertEquals(evaluated, out.evaluated().size());
    for (int i = 0; i < policies.size(); i++) {
      assertEquals(i < evaluated ? 1 : 0, policies.get(i).calls.get(), "calls of p" + i);
      if (i < evaluated) {
        Evaluation e = out.evaluated().get(i);
        assertEquals("p" + i, e.policy());
        assertEquals(expected("p" + i, kinds.get(i)), e.decision());
      }
    }
    Decision overall = decider < 0 ? Decision.Permit.INSTANCE : expected("p" + decider,
        kinds.get(decider));
    assertEquals(overall, out.decision());
  }

  @Provide
  Arbitrary<List<Integer>> behaviours() {
    // 0 permit (weighted, so long permitting prefixes occur), 1 deny, 2 approval, 3 throws
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.just(0)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(1)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(2)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(3))).list().ofMaxSize(8);
  }

  private static FixedPolicy policy(String name, int kind) {
    return switch (kind) {
      case 0 -> FixedPolicy.permit(name);
      case 1 -> FixedPolicy.deny(name, "no " + name);
      case 2 -> FixedPolicy.approval(name, "ch-" + name);
      default -> FixedPolicy.throwing(name, new IllegalArgumentException("bad " + name));
    };
  }

  private static Decision expected(String name, int kind) {
    return switch (kind) {
      case 0 -> Decision.Permit.INSTANCE;
      case 1 -> new Decision.Deny("no " + name);
      case 2 -> new Decision.RequireApproval("ch-" + name, "needs ch-" + name, Optional.empty());
      default -> new Decision.Deny("policy error: " + name + ": bad " + name);
    };
  }
}
