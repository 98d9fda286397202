package thymos.api.model;

import thymos.api.json.Json;
import thymos.api.json.JsonObject;

/**
 * The kind-specific payload of a ledger entry (L4): one record per {@link EntryKind}. Each reads
 * strictly: a member the L4 table does not name is refused (E1.5).
 */
public sealed interface Payload
    permits IntentOutcome, RootPayload, BranchPayload, ApprovalPayload, ExecutionPayload,
        UsagePayload, DelegationPayload, DelegationResultPayload, CompensationPayload, WritPayload,
        RevocationPayload, CheckpointPayload, AnchorReceipt {

  /** The entry kind this payload belongs to. */
  EntryKind kind();

  /** The JSON form: exactly the members of L4, optional ones omitted when absent (E1.4). */
  JsonObject toJson();

  /**
   * Reads the payload of an entry of {@code kind} strictly (E1.5).
   *
   * @throws thymos.api.ProtocolViolation naming the offending member's JSON pointer
   */
  static Payload fromJson(EntryKind kind, Json json, String pointer) {
    return switch (kind) {
      case ROOT -> RootPayload.fromJson(json, pointer);
      case BRANCH -> BranchPayload.fromJson(json, pointer);
      case COMMIT -> CommitPayload.fromJson(json, pointer);
      case REJECTION -> RejectionPayload.fromJson(json, pointer);
      case PENDING_APPROVAL -> PendingApprovalPayload.fromJson(json, pointer);
      case APPROVAL -> ApprovalPayload.fromJson(json, pointer);
      case EXECUTION -> ExecutionPayload.fromJson(json, pointer);
      case FAILURE -> FailurePayload.fromJson(json, pointer);
      case USAGE -> UsagePayload.fromJson(json, pointer);
      case DELEGATION -> DelegationPayload.fromJson(json, pointer);
      case DELEGATION_RESULT -> DelegationResultPayload.fromJson(json, pointer);
      case COMPENSATION -> CompensationPayload.fromJson(json, pointer);
      case WRIT -> WritPayload.fromJson(json, pointer);
      case REVOCATION -> RevocationPayload.fromJson(json, pointer);
      case CHECKPOINT -> CheckpointPayload.fromJson(json, pointer);
      case ANCHOR_RECEIPT -> AnchorReceipt.fromJson(json, pointer);
    };
  }
}
