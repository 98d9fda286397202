package thymos.kernel.run;

import java.util.Objects;
import thymos.api.crypto.Hash32;
import thymos.api.model.CommitPayload;
import thymos.api.model.DelegationPayload;
import thymos.api.model.Entry;
import thymos.api.model.FailurePayload;
import thymos.api.model.IntentOutcome;
import thymos.api.model.PendingApprovalPayload;
import thymos.api.model.RejectionPayload;

/**
 * What became of a submitted intent (X2, X4): the entry that records its outcome, or, for an
 * {@code external}/{@code irreversible} tool whose effect is not known, the fact that it is in
 * doubt (X5.2). Resubmitting an intent returns its recorded outcome again.
 */
public sealed interface Outcome
    permits Outcome.Recorded, Outcome.InDoubt, Outcome.Delegated {

  /** The intent this is the outcome of. */
  Hash32 intentId();

  /** The wire name of the status: {@code committed}, {@code rejected}, … */
  String status();

  /** An outcome recorded by one entry. */
  sealed interface Recorded extends Outcome permits Committed, Rejected, Pending, Failed {

    /** The entry that records the outcome. */
    Entry entry();

    /** The entry's payload. */
    IntentOutcome payload();

    @Override
    default Hash32 intentId() {
      return payload().intentId();
    }
  }

  /**
   * The proposal executed and its delta was committed (X2 step 5).
   *
   * @param entry the {@code commit} entry
   * @param payload its payload
   */
  record Committed(Entry entry, CommitPayload payload) implements Recorded {
    /** Checks the payload is the entry's. */
    public Committed {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(payload, "payload");
    }

    @Override
    public String status() {
      return "committed";
    }
  }

  /**
   * A compiler stage, a vote or the re-check before execution rejected it (C2.3, X3.3, X3.5).
   *
   * @param entry the {@code rejection} entry
   * @param payload its payload; {@code payload.reason().kind()} says which rule
   */
  record Rejected(Entry entry, RejectionPayload payload) implements Recorded {
    /** Checks for {@code null}. */
    public Rejected {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(payload, "payload");
    }

    /** The rejection kind, e.g. {@code budget_exhausted}. */
    public String kind() {
      return payload.reason().kind();
    }

    @Override
    public String status() {
      return "rejected";
    }
  }

  /**
   * The proposal waits for approval votes (X2 step 4, X3).
   *
   * @param entry the {@code pending_approval} entry; votes name its id
   * @param payload its payload
   */
  record Pending(Entry entry, PendingApprovalPayload payload) implements Recorded {
    /** Checks for {@code null}. */
    public Pending {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(payload, "payload");
    }

    @Override
    public String status() {
      return "suspended";
    }
  }

  /**
   * The staged proposal ran but did not commit (X2 step 6): a tool error, a postcondition or a
   * delta that did not apply.
   *
   * @param entry the {@code failure} entry
   * @param payload its payload
   */
  record Failed(Entry entry, FailurePayload payload) implements Recorded {
    /** Checks for {@code null}. */
    public Failed {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(payload, "payload");
    }

    @Override
    public String status() {
      return "failed";
    }
  }

  /**
   * An {@code execution} entry was recorded but neither a commit nor a failure followed (X5.2):
   * the tool may or may not have had its effect. The kernel never re-invokes it on its own; the
   * tool's {@code reconcile} hook or an operator decides.
   *
   * @param intentId the intent
   * @param proposalId the proposal being executed
   * @param executionEntry the {@code execution} entry
   */
  record InDoubt(Hash32 intentId, Hash32 proposalId, Hash32 executionEntry) implements Outcome {
    /** Checks for {@code null}. */
    public InDoubt {
      Objects.requireNonNull(intentId, "intentId");
      Objects.requireNonNull(proposalId, "proposalId");
      Objects.requireNonNull(executionEntry, "executionEntry");
    }

    @Override
    public String status() {
      return "in_doubt";
    }
  }

  /**
   * A {@code delegate} intent started a child trajectory (09 §D1–D3). The {@code delegation} entry
   * reserves the child's budget; the child runs under its own writ until its parent closes it
   * ({@link Run#closeChild}).
   *
   * @param intentId the delegate intent
   * @param entry the {@code delegation} entry in the parent trajectory
   * @param payload its payload: the child trajectory, the child writ, the task and the reservation
   */
  record Delegated(Hash32 intentId, Entry entry, DelegationPayload payload) implements Outcome {
    /** Checks for {@code null}. */
    public Delegated {
      Objects.requireNonNull(intentId, "intentId");
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(payload, "payload");
    }

    /** The child trajectory. */
    public Hash32 childTrajectoryId() {
      return payload.childTrajectoryId();
    }

    @Override
    public String status() {
      return "delegated";
    }
  }

  /** The outcome an outcome entry records. */
  static Recorded of(Entry entry) {
    return switch (entry.payload()) {
      case CommitPayload c -> new Committed(entry, c);
      case RejectionPayload r -> new Rejected(entry, r);
      case PendingApprovalPayload p -> new Pending(entry, p);
      case FailurePayload f -> new Failed(entry, f);
      default -> throw new IllegalArgumentException(
          "not an intent outcome: " + entry.kind().wire());
    };
  }
}
