package thymos.kernel.compiler;

import java.util.Objects;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.model.PolicyTrace;
import thymos.api.model.Proposal;
import thymos.api.model.ProposalStatus;
import thymos.api.model.RejectionReason;

/**
 * What compiling an intent produced (C1): a staged proposal, a suspended one waiting for approval,
 * or a rejection. A rejection is a value (C2.3); internal errors are exceptions.
 */
public sealed interface CompileResult
    permits CompileResult.Staged, CompileResult.Suspended, CompileResult.Rejected {

  /**
   * Every stage passed and nothing suspended (C2 stage 18): the proposal may execute (X2).
   *
   * @param proposal the proposal, status {@code staged}
   */
  record Staged(Proposal proposal) implements CompileResult {

    /** Checks the proposal's status is {@code staged}. */
    public Staged {
      Objects.requireNonNull(proposal, "proposal");
      if (!(proposal.body().status() instanceof ProposalStatus.Staged)) {
        throw new IllegalArgumentException("a staged result carries a staged proposal");
      }
    }
  }

  /**
   * A suspension source fired (C2 stages 15–17, C2.2): the proposal waits for approval on {@code
   * channel} (X3), as a {@code pending_approval} entry.
   *
   * @param proposal the proposal, status {@code suspended} with the same channel, reason, quorum
   * @param channel the approval channel set by the first suspension source
   * @param reason why it suspended
   * @param quorum how many approvals the source asked for (at least 1)
   */
  record Suspended(Proposal proposal, String channel, String reason, long quorum)
      implements CompileResult {

    /** Checks the proposal's status agrees with the other members. */
    public Suspended {
      Objects.requireNonNull(proposal, "proposal");
      if (!(proposal.body().status() instanceof ProposalStatus.Suspended s)
          || !s.channel().equals(channel) || !s.reason().equals(reason) || s.quorum() != quorum) {
        throw new IllegalArgumentException("suspended result must match the proposal's status");
      }
    }
  }

  /**
   * A stage failed (C2): the {@code rejection} entry's reason, policy-set hash and, when the
   * policy engine ran (stage 15), its trace.
   *
   * @param reason the rejection {@code kind}, message and detail (C2.3)
   * @param policySet the policy-set hash of the engine in the context (P4)
   * @param policyTrace the trace when stage 15 denied, else empty
   */
  record Rejected(RejectionReason reason, Hash32 policySet, Optional<PolicyTrace> policyTrace)
      implements CompileResult {

    /** Checks for {@code null}. */
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(policySet, "policySet");
      Objects.requireNonNull(policyTrace, "policyTrace");
    }

    /** The rejection {@code kind}, e.g. {@code budget_exhausted}. */
    public String kind() {
      return reason.kind();
    }
  }
}
