package thymos.api.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * The payload of a {@code commit} entry (L4, X2 step 5).
 *
 * @param intent the intent body as stored (redacted, X8)
 * @param intentId the intent's original id
 * @param redacted whether values were redacted (written only as {@code true}, X8.3)
 * @param proposal the executed proposal
 * @param delta the delta applied to the world
 * @param observations what the tool returned
 * @param cost what the execution cost (X7.1)
 * @param compilerVersion the compiler version (C2.4)
 * @param approvals the approval entry ids used (X3.5); empty (and omitted) when none
 * @param compensates the commit entry this compensates (X6.2), if any
 * @param routingEvidence the routing evidence (X9.1), if any
 */
public record CommitPayload(
    IntentBody intent,
    Hash32 intentId,
    boolean redacted,
    Proposal proposal,
    Delta delta,
    List<Observation> observations,
    Budget cost,
    String compilerVersion,
    List<Hash32> approvals,
    Optional<Hash32> compensates,
    Optional<RoutingEvidence> routingEvidence) implements IntentOutcome {

  /** Copies the lists; checks for {@code null}. */
  public CommitPayload {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(intentId, "intent_id");
    Objects.requireNonNull(proposal, "proposal");
    Objects.requireNonNull(delta, "delta");
    observations = List.copyOf(observations);
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(compilerVersion, "compiler_version");
    approvals = List.copyOf(approvals);
    Objects.requireNonNull(compensates, "compensates");
    Objects.requireNonNull(routingEvidence, "routing_evidence");
  }

  @Override
  public EntryKind kind() {
    return EntryKind.COMMIT;
  }

  @Override
  public JsonObject toJson() {
    Members m = Members.outcomeHead(this);
    m.put("proposal", proposal.toJson()).put("delta", delta.toJson())
        .list("observations", observations, Observation::toJson).put("cost", cost.toJson())
        .put("compiler_version", compilerVersion);
    if (!approvals.isEmpty()) {
      m.list("approvals", approvals, Hash32::toJson);
    }
    return m.opt("compensates", compensates, Hash32::toJson)
        .opt("routing_evidence", routingEvidence, RoutingEvidence::toJson).build();
  }

  /** Reads the JSON form strictly (E1.5); an empty {@code approvals} array is refused (E1.4). */
  public static CommitPayload fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    CommitPayload p = new CommitPayload(
        o.read("intent", IntentBody::fromJson),
        Members.hash32(o, "intent_id"),
        Members.readRedacted(o),
        o.read("proposal", Proposal::fromJson),
        o.read("delta", Delta::fromJson),
        Members.readList(o, "observations", Observation::fromJson),
        o.read("cost", Budget::fromJson),
        o.string("compiler_version"),
        Members.readOptNonEmptyList(o, "approvals", Hash32::fromJson),
        Members.optHash32(o, "compensates"),
        o.optRead("routing_evidence", RoutingEvidence::fromJson));
    o.end();
    return p;
  }
}
