package thymos.api.model;

import java.util.Objects;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * The payload of an {@code execution} entry (L4, X5.1): an external or irreversible tool is about
 * to run for this intent.
 *
 * @param intentId the intent (also the idempotency key)
 * @param proposalId the proposal being executed
 */
public record ExecutionPayload(Hash32 intentId, Hash32 proposalId) implements Payload {

  /** Checks for {@code null}. */
  public ExecutionPayload {
    Objects.requireNonNull(intentId, "intent_id");
    Objects.requireNonNull(proposalId, "proposal_id");
  }

  @Override
  public EntryKind kind() {
    return EntryKind.EXECUTION;
  }

  @Override
  public JsonObject toJson() {
    return Members.create().put("intent_id", intentId.toJson())
        .put("proposal_id", proposalId.toJson()).build();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static ExecutionPayload fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    ExecutionPayload p = new ExecutionPayload(Members.hash32(o, "intent_id"),
        Members.hash32(o, "proposal_id"));
    o.end();
    return p;
  }
}
