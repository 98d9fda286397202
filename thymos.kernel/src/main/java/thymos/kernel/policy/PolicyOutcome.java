package thymos.kernel.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.model.Decision;
import thymos.api.model.PolicyTrace;
import thymos.api.model.PolicyTrace.Evaluation;

/**
 * What the policy engine decided (P2) with everything the trace records (P3).
 *
 * <p>The compiler appends the gates of C2.2 (irreversible, risk) with {@link #withGate}: a gate
 * is listed after the policies, and the first non-permit among policies and gates stays the
 * overall decision. {@link #toTrace()} gives the {@link PolicyTrace} stored in the proposal.
 *
 * @param policySet the policy-set hash of the engine (P4)
 * @param evaluated every policy evaluated, in order, up to and including the decider, then gates
 * @param decision the overall decision: the first non-permit, else permit
 */
public record PolicyOutcome(Hash32 policySet, List<Evaluation> evaluated, Decision decision) {

  /** Copies the list; checks for {@code null}. */
  public PolicyOutcome {
    Objects.requireNonNull(policySet, "policy_set");
    evaluated = List.copyOf(evaluated);
    Objects.requireNonNull(decision, "decision");
  }

  /** Whether the overall decision is {@code permit}. */
  public boolean permits() {
    return decision instanceof Decision.Permit;
  }

  /**
   * The evaluation that set the overall decision: the first non-permit one, or empty when
   * everything permitted (C2 stage 15 names its policy and rule in a {@code policy_denied}).
   */
  public Optional<Evaluation> decider() {
    return evaluated.stream().filter(e -> !(e.decision() instanceof Decision.Permit)).findFirst();
  }

  /**
   * This outcome with one more gate evaluation appended (C2.2). A gate that does not permit
   * becomes the overall decision only if nothing before it decided already; a later gate is still
   * listed.
   *
   * @param gate the gate's evaluation, e.g. {@code {policy:"gate.irreversible", version, decision}}
   */
  public PolicyOutcome withGate(Evaluation gate) {
    List<Evaluation> all = new ArrayList<>(evaluated.size() + 1);
    all.addAll(evaluated);
    all.add(Objects.requireNonNull(gate, "gate"));
    return new PolicyOutcome(policySet, all, permits() ? gate.decision() : decision);
  }

  /** The trace recorded in the proposal (P3, M4). */
  public PolicyTrace toTrace() {
    return new PolicyTrace(policySet, evaluated, decision);
  }
}
