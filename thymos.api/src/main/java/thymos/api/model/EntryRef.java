package thymos.api.model;

import java.util.Objects;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * A reference to an entry in a named trajectory, {@code {trajectory_id, entry_id}}: a root's
 * {@code delegated_from} (09 §D3) and the items of a compensation's {@code undone} (X6.3).
 *
 * @param trajectoryId the trajectory holding the entry
 * @param entryId the entry id
 */
public record EntryRef(Hash32 trajectoryId, Hash32 entryId) {

  /** Checks for {@code null}. */
  public EntryRef {
    Objects.requireNonNull(trajectoryId, "trajectory_id");
    Objects.requireNonNull(entryId, "entry_id");
  }

  /** The JSON form {@code {trajectory_id, entry_id}}. */
  public JsonObject toJson() {
    return Members.create().put("trajectory_id", trajectoryId.toJson())
        .put("entry_id", entryId.toJson()).build();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static EntryRef fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    EntryRef r = new EntryRef(Members.hash32(o, "trajectory_id"),
        Members.hash32(o, "entry_id"));
    o.end();
    return r;
  }
}
