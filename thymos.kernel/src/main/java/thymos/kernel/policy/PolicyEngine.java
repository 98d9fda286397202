package thymos.kernel.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import thymos.api.ConfigurationException;
import thymos.api.ThymosException;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Decision;
import thymos.api.model.PolicyTrace.Evaluation;
import thymos.api.spi.Policy;
import thymos.api.spi.PolicyContext;

/**
 * The policy engine (P2): runs policies in configured order; a {@code permit} passes on, the
 * first {@code deny} or {@code require_approval} decides; an empty engine permits. It fails
 * closed: a policy that throws (or returns {@code null}) yields {@code deny} with reason {@code
 * policy error: <policy>: <message>}, and nothing propagates.
 *
 * <p>Each policy's name, version and content are read once, when the engine is built, so the
 * trace and the policy-set hash (P4) describe exactly the configuration that decides. Immutable
 * and thread-safe if the policies are.
 */
public final class PolicyEngine {

  private static final PolicyEngine EMPTY = new PolicyEngine(List.of());

  private final List<Configured> policies;
  private final List<Hash32> policyIds;
  private final Hash32 policySet;

  /** One configured policy with what was read from it at build time. */
  private record Configured(Policy policy, String name, String version, Hash32 id) {}

  private PolicyEngine(List<Configured> policies) {
    this.policies = List.copyOf(policies);
    this.policyIds = this.policies.stream().map(Configured::id).toList();
    this.policySet = policySetId(policyIds);
  }

  /** The engine without policies: permits everything, with the policy set of the empty list. */
  public static PolicyEngine empty() {
    return EMPTY;
  }

  /**
   * An engine running {@code policies} in the given order.
   *
   * @throws ConfigurationException ({@code THY-P100}) if a policy's name, version or content
   *     cannot be read or is {@code null}
   */
  public static PolicyEngine of(List<? extends Policy> policies) {
    List<Configured> configured = new ArrayList<>(policies.size());
    for (Policy p : policies) {
      Objects.requireNonNull(p, "policy");
      try {
        String name = Objects.requireNonNull(p.name(), "name");
        String version = Objects.requireNonNull(p.version(), "version");
        JsonObject content = Objects.requireNonNull(p.content(), "content");
        configured.add(new Configured(p, name, version, policyId(content)));
      } catch (RuntimeException e) {
        throw new ConfigurationException(ThymosException.codeFor("P1"), "P1",
            "policy " + p.getClass().getName() + " cannot be configured: " + e.getMessage(),
            List.of(), e);
      }
    }
    return new PolicyEngine(configured);
  }

  /** An engine running {@code policies} in the given order; see {@link #of(List)}. */
  public static PolicyEngine of(Policy... policies) {
    return of(List.of(policies));
  }

  /** {@code id("policy", content)} (P4). */
  public static Hash32 policyId(Json content) {
    return Ids.id(DocType.POLICY, content);
  }

  /** {@code id("policyset", [policy ids as hex, in engine order])} (P4). */
  public static Hash32 policySetId(List<Hash32> policyIds) {
    return Ids.id(DocType.POLICYSET, Json.array(policyIds.stream().map(Hash32::toJson).toList()));
  }

  /** The policies, in engine order. */
  public List<Policy> policies() {
    return policies.stream().map(Configured::policy).toList();
  }

  /** The policy ids, in engine order (P4). */
  public List<Hash32> policyIds() {
    return policyIds;
  }

  /** The policy-set hash (P4), recorded in every outcome and pinnable at replay (R3). */
  public Hash32 policySet() {
    return policySet;
  }

  /**
   * Evaluates the policies in order (P2) and records the trace (P3). Never throws for a
   * misbehaving policy.
   *
   * @param context what the policies see
   * @return the decision and the evaluations up to and including the decider
   */
  public PolicyOutcome evaluate(PolicyContext context) {
    Objects.requireNonNull(context, "context");
    List<Evaluation> evaluated = new ArrayList<>(policies.size());
    for (Configured c : policies) {
      Evaluation e = evaluateOne(c, context);
      evaluated.add(e);
      if (!(e.decision() instanceof Decision.Permit)) {
        return new PolicyOutcome(policySet, evaluated, e.decision());
      }
    }
    return new PolicyOutcome(policySet, evaluated, Decision.Permit.INSTANCE);
  }

  private static Evaluation evaluateOne(Configured c, PolicyContext context) {
    Policy.Ruling ruling;
    try {
      ruling = c.policy().ruling(context);
      if (ruling == null) {
        return failed(c, "returned no decision");
      }
    } catch (VirtualMachineError e) {
      // A stack overflow is a bug in the policy (e.g. a runaway rule), so it fails closed; other
      // VM errors (out of memory) leave the runtime unusable and must propagate.
      if (e instanceof StackOverflowError) {
        return failed(c, messageOf(e));
      }
      throw e;
    } catch (Throwable e) { // fail closed on anything a policy throws (P2)
      return failed(c, messageOf(e));
    }
    return new Evaluation(c.name(), c.version(), ruling.rule(), ruling.decision());
  }

  private static Evaluation failed(Configured c, String message) {
    return new Evaluation(c.name(), c.version(), Optional.empty(),
        new Decision.Deny("policy error: " + c.name() + ": " + message));
  }

  private static String messageOf(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isEmpty() ? e.getClass().getName() : m;
  }
}
