package thymos.api.model;

import java.util.Objects;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * The compiler's output (M4). Deterministic: the same inputs give the same body and id (I6).
 *
 * @param intentId the intent compiled
 * @param writId the writ it was compiled against
 * @param trajectoryId the run
 * @param tool the resolved tool name
 * @param toolVersion the tool's registry version at compile time
 * @param effect the tool's effect class
 * @param risk the tool's risk class
 * @param args the intent's args after schema validation
 * @param estimate the tool's projected cost
 * @param policyTrace the policy evaluation (P3)
 * @param status staged or suspended
 */
public record ProposalBody(
    Hash32 intentId,
    Hash32 writId,
    Hash32 trajectoryId,
    String tool,
    String toolVersion,
    EffectClass effect,
    RiskClass risk,
    JsonObject args,
    Budget estimate,
    PolicyTrace policyTrace,
    ProposalStatus status) {

  /** Checks for {@code null}. */
  public ProposalBody {
    Objects.requireNonNull(intentId, "intent_id");
    Objects.requireNonNull(writId, "writ_id");
    Objects.requireNonNull(trajectoryId, "trajectory_id");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(toolVersion, "tool_version");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(estimate, "estimate");
    Objects.requireNonNull(policyTrace, "policy_trace");
    Objects.requireNonNull(status, "status");
  }

  /** The JSON form: exactly the members of M4. */
  public JsonObject toJson() {
    return Members.create()
        .put("intent_id", intentId.toJson())
        .put("writ_id", writId.toJson())
        .put("trajectory_id", trajectoryId.toJson())
        .put("tool", tool)
        .put("tool_version", toolVersion)
        .put("effect", effect.toJson())
        .put("risk", risk.toJson())
        .put("args", args)
        .put("estimate", estimate.toJson())
        .put("policy_trace", policyTrace.toJson())
        .put("status", status.toJson())
        .build();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static ProposalBody fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    ProposalBody b = new ProposalBody(
        Members.hash32(o, "intent_id"),
        Members.hash32(o, "writ_id"),
        Members.hash32(o, "trajectory_id"),
        o.string("tool"),
        o.string("tool_version"),
        o.read("effect", EffectClass::fromJson),
        o.read("risk", RiskClass::fromJson),
        o.object("args"),
        o.read("estimate", Budget::fromJson),
        o.read("policy_trace", PolicyTrace::fromJson),
        o.read("status", ProposalStatus::fromJson));
    o.end();
    return b;
  }
}
