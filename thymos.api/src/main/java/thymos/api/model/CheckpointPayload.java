package thymos.api.model;

import java.util.Objects;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;

/**
 * The payload of a {@code checkpoint} entry (L4, A5.1): the payload object is the signed
 * checkpoint of another trajectory itself (A4), not wrapped in a member.
 *
 * @param checkpoint the recorded checkpoint
 */
public record CheckpointPayload(Checkpoint checkpoint) implements Payload {

  /** Checks for {@code null}. */
  public CheckpointPayload {
    Objects.requireNonNull(checkpoint, "checkpoint");
  }

  @Override
  public EntryKind kind() {
    return EntryKind.CHECKPOINT;
  }

  @Override
  public JsonObject toJson() {
    return checkpoint.toJson();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static CheckpointPayload fromJson(Json json, String pointer) {
    return new CheckpointPayload(Checkpoint.fromJson(json, pointer));
  }
}
