package thymos.api.model;

import thymos.api.crypto.Hash32;

/**
 * A payload that records the outcome of an intent (X2, X4): commit, rejection, pending approval
 * or failure. Each carries the intent body as stored (redacted, X8) and the intent's original id.
 */
public sealed interface IntentOutcome extends Payload
    permits CommitPayload, RejectionPayload, PendingApprovalPayload, FailurePayload {

  /** The intent body as stored (after redaction, X8.1). */
  IntentBody intent();

  /** The intent's id, computed before redaction (X8.3). */
  Hash32 intentId();

  /**
   * Whether values of the intent or proposal were redacted; written only as {@code true} (X8.3).
   * When set, {@code intentId} need not match {@code intent}.
   */
  boolean redacted();

  /** The intent as {@code {id, body}}. */
  default Intent asIntent() {
    return new Intent(intentId(), intent());
  }
}
