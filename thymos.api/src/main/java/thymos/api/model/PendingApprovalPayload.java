package thymos.api.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.PublicKey;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * The payload of a {@code pending_approval} entry (L4, X2 step 4, X3.1).
 *
 * @param intent the intent body as stored (redacted, X8)
 * @param intentId the intent's original id
 * @param redacted whether values were redacted (written only as {@code true}, X8.3)
 * @param proposal the suspended proposal
 * @param channel the approval channel
 * @param reason why approval is needed
 * @param quorum approvals required (M), ≥ 1
 * @param approvers the keys allowed to vote (N), in channel order
 * @param expiresAtMs when votes stop being accepted (X3.6), if ever
 * @param compilerVersion the compiler version (C2.4)
 * @param routingEvidence the routing evidence (X9.1), if any
 */
public record PendingApprovalPayload(
    IntentBody intent,
    Hash32 intentId,
    boolean redacted,
    Proposal proposal,
    String channel,
    String reason,
    long quorum,
    List<PublicKey> approvers,
    Optional<Long> expiresAtMs,
    String compilerVersion,
    Optional<RoutingEvidence> routingEvidence) implements IntentOutcome {

  /** @throws IllegalArgumentException for a quorum below 1 or a negative expiry */
  public PendingApprovalPayload {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(intentId, "intent_id");
    Objects.requireNonNull(proposal, "proposal");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(reason, "reason");
    if (quorum < 1 || quorum > thymos.api.json.JsonNumber.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("quorum must be >= 1: " + quorum);
    }
    approvers = List.copyOf(approvers);
    Objects.requireNonNull(expiresAtMs, "expires_at_ms");
    expiresAtMs.ifPresent(e -> Members.requireNonNegative(e, "expires_at_ms"));
    Objects.requireNonNull(compilerVersion, "compiler_version");
    Objects.requireNonNull(routingEvidence, "routing_evidence");
  }

  @Override
  public EntryKind kind() {
    return EntryKind.PENDING_APPROVAL;
  }

  @Override
  public JsonObject toJson() {
    Members m = Members.outcomeHead(this);
    return m.put("proposal", proposal.toJson()).put("channel", channel).put("reason", reason)
        .put("quorum", quorum).list("approvers", approvers, PublicKey::toJson)
        .opt("expires_at_ms", expiresAtMs, Json::integer)
        .put("compiler_version", compilerVersion)
        .opt("routing_evidence", routingEvidence, RoutingEvidence::toJson).build();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static PendingApprovalPayload fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    IntentBody intent = o.read("intent", IntentBody::fromJson);
    Hash32 intentId = Members.hash32(o, "intent_id");
    boolean redacted = Members.readRedacted(o);
    Proposal proposal = o.read("proposal", Proposal::fromJson);
    String channel = o.string("channel");
    String reason = o.string("reason");
    long quorum = o.nonNegative("quorum");
    if (quorum < 1) {
      throw new ProtocolViolation("X3.1", o.pointer("quorum"), "quorum must be >= 1, found 0");
    }
    PendingApprovalPayload p = new PendingApprovalPayload(intent, intentId, redacted, proposal,
        channel, reason, quorum, Members.readList(o, "approvers", PublicKey::fromJson),
        o.optNonNegative("expires_at_ms"), o.string("compiler_version"),
        o.optRead("routing_evidence", RoutingEvidence::fromJson));
    o.end();
    return p;
  }
}
