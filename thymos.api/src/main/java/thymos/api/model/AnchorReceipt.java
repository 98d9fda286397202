package thymos.api.model;

import java.util.Objects;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * What an anchor sink returned for one published anchor checkpoint (A5.2), and the payload of an
 * {@code anchor_receipt} entry in the anchor trajectory, where it is recorded: {@code {sink,
 * checkpoint, evidence}}. The checkpoint is the published one, signed (A4); the evidence is the
 * sink's own document (a file position and line hash, an HTTP response, an RFC 3161 token), a
 * free-form value like a tool's output (E1.3), which the sink that made it re-checks.
 *
 * @param sink the name of the sink's provider, e.g. {@code file}, {@code http}, {@code rfc3161}
 * @param checkpoint the published checkpoint of the anchor trajectory
 * @param evidence the sink's evidence, a JSON object
 */
public record AnchorReceipt(String sink, Checkpoint checkpoint, JsonObject evidence)
    implements Payload {

  /** @throws IllegalArgumentException for an empty sink name */
  public AnchorReceipt {
    Members.requireNonEmpty(Objects.requireNonNull(sink, "sink"), "sink");
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(evidence, "evidence");
  }

  @Override
  public EntryKind kind() {
    return EntryKind.ANCHOR_RECEIPT;
  }

  @Override
  public JsonObject toJson() {
    return Members.create().put("sink", sink).put("checkpoint", checkpoint.toJson())
        .put("evidence", evidence).build();
  }

  /**
   * Reads the JSON form strictly (E1.5).
   *
   * @throws ProtocolViolation naming the offending member's pointer
   */
  public static AnchorReceipt fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    String sink = Members.nonEmpty(o.string("sink"), o.pointer("sink"), "A5.2");
    Checkpoint checkpoint = o.read("checkpoint", Checkpoint::fromJson);
    JsonObject evidence = o.object("evidence");
    o.end();
    return new AnchorReceipt(sink, checkpoint, evidence);
  }
}
