package thymos.api.model;

import java.util.Objects;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * The payload of a {@code rejection} entry (L4, C2.3).
 *
 * @param intent the intent body as stored (redacted, X8)
 * @param intentId the intent's original id
 * @param redacted whether values were redacted (written only as {@code true}, X8.3)
 * @param reason why it was rejected
 * @param proposalId the proposal, when rejection came after one existed (X3.3, X3.5)
 * @param policySet the policy-set hash in force (P4)
 * @param policyTrace the policy trace, when policies ran
 * @param compilerVersion the compiler version (C2.4)
 * @param routingEvidence the routing evidence (X9.1), if any
 */
public record RejectionPayload(
    IntentBody intent,
    Hash32 intentId,
    boolean redacted,
    RejectionReason reason,
    Optional<Hash32> proposalId,
    Hash32 policySet,
    Optional<PolicyTrace> policyTrace,
    String compilerVersion,
    Optional<RoutingEvidence> routingEvidence) implements IntentOutcome {

  /** Checks for {@code null}. */
  public RejectionPayload {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(intentId, "intent_id");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(proposalId, "proposal_id");
    Objects.requireNonNull(policySet, "policy_set");
    Objects.requireNonNull(policyTrace, "policy_trace");
    Objects.requireNonNull(compilerVersion, "compiler_version");
    Objects.requireNonNull(routingEvidence, "routing_evidence");
  }

  @Override
  public EntryKind kind() {
    return EntryKind.REJECTION;
  }

  @Override
  public JsonObject toJson() {
    Members m = Members.outcomeHead(this);
    return m.put("reason", reason.toJson()).opt("proposal_id", proposalId, Hash32::toJson)
        .put("policy_set", policySet.toJson())
        .opt("policy_trace", policyTrace, PolicyTrace::toJson)
        .put("compiler_version", compilerVersion)
        .opt("routing_evidence", routingEvidence, RoutingEvidence::toJson).build();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static RejectionPayload fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    RejectionPayload p = new RejectionPayload(
        o.read("intent", IntentBody::fromJson),
        Members.hash32(o, "intent_id"),
        Members.readRedacted(o),
        o.read("reason", RejectionReason::fromJson),
        Members.optHash32(o, "proposal_id"),
        Members.hash32(o, "policy_set"),
        o.optRead("policy_trace", PolicyTrace::fromJson),
        o.string("compiler_version"),
        o.optRead("routing_evidence", RoutingEvidence::fromJson));
    o.end();
    return p;
  }
}
