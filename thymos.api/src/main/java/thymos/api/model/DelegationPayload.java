package thymos.api.model;

import java.util.Objects;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * The payload of a {@code delegation} entry (L4, 09 §D2): a child trajectory was started and
 * budget reserved for it.
 *
 * @param childTrajectoryId the child trajectory (09 §D3)
 * @param childWritId the child writ
 * @param task the task handed to the child
 * @param reserved the budget reserved from the parent's remainder
 */
public record DelegationPayload(Hash32 childTrajectoryId, Hash32 childWritId, String task,
    Budget reserved) implements Payload {

  /** Checks for {@code null}. */
  public DelegationPayload {
    Objects.requireNonNull(childTrajectoryId, "child_trajectory_id");
    Objects.requireNonNull(childWritId, "child_writ_id");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(reserved, "reserved");
  }

  @Override
  public EntryKind kind() {
    return EntryKind.DELEGATION;
  }

  @Override
  public JsonObject toJson() {
    return Members.create().put("child_trajectory_id", childTrajectoryId.toJson())
        .put("child_writ_id", childWritId.toJson()).put("task", task)
        .put("reserved", reserved.toJson()).build();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static DelegationPayload fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    DelegationPayload p = new DelegationPayload(Members.hash32(o, "child_trajectory_id"),
        Members.hash32(o, "child_writ_id"), o.string("task"),
        o.read("reserved", Budget::fromJson));
    o.end();
    return p;
  }
}
