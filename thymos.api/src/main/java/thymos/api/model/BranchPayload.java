package thymos.api.model;

import java.util.Objects;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * The payload of a {@code branch} entry (L4, R7): the source point and the new writ.
 *
 * @param sourceTrajectoryId the trajectory branched from
 * @param sourceEntryId the entry whose world the branch starts from
 * @param writId the writ the branch is bound to (L3.2)
 * @param note a human note
 */
public record BranchPayload(Hash32 sourceTrajectoryId, Hash32 sourceEntryId, Hash32 writId,
    String note) implements Payload {

  /** Checks for {@code null}. */
  public BranchPayload {
    Objects.requireNonNull(sourceTrajectoryId, "source_trajectory_id");
    Objects.requireNonNull(sourceEntryId, "source_entry_id");
    Objects.requireNonNull(writId, "writ_id");
    Objects.requireNonNull(note, "note");
  }

  /**
   * The id of the branch trajectory this payload opens (E2.6, R7): {@code id("trajectory",
   * {"branch": {"source_trajectory_id", "source_entry_id", "writ_id"}})}. A writ binds at most one
   * trajectory (L3.2), so two branches never share an id.
   */
  public Hash32 trajectoryId() {
    return Ids.id(DocType.TRAJECTORY, Json.object(java.util.Map.of("branch",
        Members.create().put("source_trajectory_id", sourceTrajectoryId.toJson())
            .put("source_entry_id", sourceEntryId.toJson()).put("writ_id", writId.toJson())
            .build())));
  }

  @Override
  public EntryKind kind() {
    return EntryKind.BRANCH;
  }

  @Override
  public JsonObject toJson() {
    return Members.create().put("source_trajectory_id", sourceTrajectoryId.toJson())
        .put("source_entry_id", sourceEntryId.toJson()).put("writ_id", writId.toJson())
        .put("note", note).build();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static BranchPayload fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    BranchPayload p = new BranchPayload(Members.hash32(o, "source_trajectory_id"),
        Members.hash32(o, "source_entry_id"), Members.hash32(o, "writ_id"),
        o.string("note"));
    o.end();
    return p;
  }
}
