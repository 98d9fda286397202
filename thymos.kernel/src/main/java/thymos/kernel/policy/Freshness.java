package thymos.kernel.policy;

import java.util.Map;
import java.util.OptionalLong;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.StrictObject;
import thymos.api.model.Decision;
import thymos.api.spi.PolicyContext;
import thymos.api.spi.TrajectoryStats;

/**
 * Built-in {@code freshness {max_lag, require_based_on}} (P5): an intent whose {@code based_on}
 * lies more than {@code maxLag} entries behind the trajectory's head is denied (a stale view of
 * the world). Lag = head seq − seq of {@code based_on}, over all entries of the trajectory;
 * {@code maxLag} behind passes.
 *
 * <p>Fail closed: a {@code based_on} that is not an entry of this trajectory is denied, and so is
 * an intent without {@code based_on} unless {@code requireBasedOn} is false (then it is permitted:
 * the cognition claimed no view, so there is no stale view to refuse).
 *
 * @param maxLag the most entries {@code based_on} may lie behind the head, ≥ 0
 * @param requireBasedOn whether an intent without {@code based_on} is denied
 */
public record Freshness(long maxLag, boolean requireBasedOn) implements BuiltinPolicy {

  /** The policy name. */
  public static final String NAME = "freshness";

  /** @throws IllegalArgumentException for a negative {@code maxLag} */
  public Freshness {
    Params.integer("max_lag", maxLag, 0);
  }

  /** Freshness that also denies intents without {@code based_on}. */
  public Freshness(long maxLag) {
    this(maxLag, true);
  }

  static Freshness fromParams(StrictObject p) {
    Freshness f = new Freshness(p.nonNegative("max_lag"), p.bool("require_based_on"));
    p.end();
    return f;
  }

  @Override
  public String name() {
    return NAME;
  }


  /** The params of {@code {name:"freshness", version, params:{max_lag, require_based_on}}}. */
  @Override
  public Map<String, Json> params() {
    return Map.of("max_lag", Json.integer(maxLag),
        "require_based_on", Json.bool(requireBasedOn));
  }

  @Override
  public Decision evaluate(PolicyContext context) {
    var basedOn = context.intent().body().basedOn();
    if (basedOn.isEmpty()) {
      return requireBasedOn
          ? new Decision.Deny(NAME + ": the intent has no based_on")
          : Decision.Permit.INSTANCE;
    }
    Hash32 seen = basedOn.get();
    TrajectoryStats t = context.trajectory();
    OptionalLong seq = t.seqOf(seen);
    if (seq.isEmpty()) {
      return new Decision.Deny(NAME + ": based_on " + seen + " is not an entry of this trajectory");
    }
    long lag = t.headSeq() - seq.getAsLong();
    if (lag > maxLag) {
      return new Decision.Deny(NAME + ": based_on is seq " + seq.getAsLong() + ", " + lag
          + " entries behind head seq " + t.headSeq() + "; max_lag is " + maxLag);
    }
    return Decision.Permit.INSTANCE;
  }
}
