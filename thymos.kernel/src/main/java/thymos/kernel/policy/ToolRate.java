package thymos.kernel.policy;

import java.util.Map;
import thymos.api.json.Json;
import thymos.api.json.StrictObject;
import thymos.api.model.Decision;
import thymos.api.spi.PolicyContext;

/**
 * Built-in {@code tool.rate {tool, max_per_trajectory}} (P5): at most {@code maxPerTrajectory}
 * commits of {@code tool} per trajectory. A proposal of {@code tool} is denied when the trajectory
 * already holds that many commits of it, so the {@code max}-th commit passes and the next is
 * denied. The count comes from the ledger ({@link thymos.api.spi.TrajectoryStats#toolCalls}), so
 * the decision is the same at replay. Other tools are permitted.
 *
 * @param tool the tool name (a literal, not a pattern), matched against the resolved tool
 * @param maxPerTrajectory the most commits allowed, ≥ 0 (0 forbids the tool)
 */
public record ToolRate(String tool, long maxPerTrajectory) implements BuiltinPolicy {

  /** The policy name. */
  public static final String NAME = "tool.rate";

  /** @throws IllegalArgumentException for a malformed tool name or a negative maximum */
  public ToolRate {
    Params.toolName(tool);
    Params.integer("max_per_trajectory", maxPerTrajectory, 0);
  }

  static ToolRate fromParams(StrictObject p) {
    ToolRate r = new ToolRate(p.string("tool"), p.nonNegative("max_per_trajectory"));
    p.end();
    return r;
  }

  @Override
  public String name() {
    return NAME;
  }


  /** The params of {@code {name:"tool.rate", version, params:{tool, max_per_trajectory}}}. */
  @Override
  public Map<String, Json> params() {
    return Map.of("tool", Json.string(tool),
        "max_per_trajectory", Json.integer(maxPerTrajectory));
  }

  @Override
  public Decision evaluate(PolicyContext context) {
    if (!context.proposal().tool().equals(tool)) {
      return Decision.Permit.INSTANCE;
    }
    long done = context.trajectory().toolCalls(tool);
    if (done >= maxPerTrajectory) {
      return new Decision.Deny(NAME + ": " + tool + " already has " + done
          + " commits in this trajectory; max_per_trajectory is " + maxPerTrajectory);
    }
    return Decision.Permit.INSTANCE;
  }
}
