package thymos.api.model;

import java.util.Map;
import thymos.api.json.Json;
import thymos.api.json.StrictObject;

/**
 * How far a writ may be delegated (M2, W3 rules 3–4): children need a strictly smaller
 * {@code max_depth}, so a writ with depth 0 has none, and none at all when {@code may_subdivide}
 * is false.
 *
 * @param maxDepth the delegation depth still allowed, ≥ 0
 * @param maySubdivide whether child writs may be issued at all
 */
public record DelegationLimits(long maxDepth, boolean maySubdivide) {

  /** @throws IllegalArgumentException if {@code maxDepth} is negative */
  public DelegationLimits {
    if (maxDepth < 0) {
      throw new IllegalArgumentException("max_depth must be >= 0: " + maxDepth);
    }
  }

  /** The JSON form {@code {max_depth, may_subdivide}}. */
  public Json toJson() {
    return Json.object(Map.of("max_depth", Json.integer(maxDepth),
        "may_subdivide", Json.bool(maySubdivide)));
  }

  /** Reads the JSON form strictly (E1.5). */
  public static DelegationLimits fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    DelegationLimits d = new DelegationLimits(o.nonNegative("max_depth"), o.bool("may_subdivide"));
    o.end();
    return d;
  }
}
