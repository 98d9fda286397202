package thymos.api.model;

import java.util.List;
import java.util.Objects;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * The payload of a {@code compensation} summary entry (L4, X6.3): what a cross-trajectory
 * {@code compensate_to} undid.
 *
 * @param target the entry compensated back to
 * @param undone the compensated commits, newest first, each named with its trajectory
 */
public record CompensationPayload(Hash32 target, List<EntryRef> undone) implements Payload {

  /** Copies the list; checks for {@code null}. */
  public CompensationPayload {
    Objects.requireNonNull(target, "target");
    undone = List.copyOf(undone);
  }

  @Override
  public EntryKind kind() {
    return EntryKind.COMPENSATION;
  }

  @Override
  public JsonObject toJson() {
    return Members.create().put("target", target.toJson())
        .list("undone", undone, EntryRef::toJson).build();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static CompensationPayload fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    CompensationPayload p = new CompensationPayload(Members.hash32(o, "target"),
        Members.readList(o, "undone", EntryRef::fromJson));
    o.end();
    return p;
  }
}
