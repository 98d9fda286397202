package thymos.api.model;

import java.util.Objects;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * The payload of a {@code delegation_result} entry (L4, 09 §D2): a child finished and its unspent
 * reservation is released.
 *
 * @param childTrajectoryId the child trajectory
 * @param childHead the child's head entry id when it finished
 * @param outcome how the child's loop ended: a termination of X10.2 ({@code done}, {@code
 *     suspended}, {@code budget_exhausted}, {@code writ_expired}, {@code max_steps}); a string so
 *     the kernel owns the list
 * @param finalAnswer the child's final answer, if any
 */
public record DelegationResultPayload(Hash32 childTrajectoryId, Hash32 childHead, String outcome,
    Optional<String> finalAnswer) implements Payload {

  /** Checks for {@code null}. */
  public DelegationResultPayload {
    Objects.requireNonNull(childTrajectoryId, "child_trajectory_id");
    Objects.requireNonNull(childHead, "child_head");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(finalAnswer, "final_answer");
  }

  @Override
  public EntryKind kind() {
    return EntryKind.DELEGATION_RESULT;
  }

  @Override
  public JsonObject toJson() {
    return Members.create().put("child_trajectory_id", childTrajectoryId.toJson())
        .put("child_head", childHead.toJson()).put("outcome", outcome)
        .opt("final_answer", finalAnswer, Json::string).build();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static DelegationResultPayload fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    DelegationResultPayload p = new DelegationResultPayload(
        Members.hash32(o, "child_trajectory_id"), Members.hash32(o, "child_head"),
        o.string("outcome"), o.optString("final_answer"));
    o.end();
    return p;
  }
}
