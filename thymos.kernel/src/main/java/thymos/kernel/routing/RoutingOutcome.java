package thymos.kernel.routing;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;

/**
 * One routing outcome (X9.2): which routing decision led to which recorded outcome. Carries
 * exactly {@code {decision_hash, selected, status, latency_ms}} and nothing else — no arguments,
 * outputs, tenant, writ or free text — so it can be handed to a router as feedback.
 *
 * @param seq the seq of the outcome entry it was derived from; orders the records but is not
 *     part of the exported form
 * @param decisionHash the router's decision id, from the recorded evidence (X9.1)
 * @param selected the provider/model the router selected, from the recorded evidence
 * @param status what became of the submission
 * @param latencyMs the observed latency: a commit's {@code cost.wall_clock_ms}, 0 otherwise
 */
public record RoutingOutcome(long seq, String decisionHash, String selected, Status status,
    long latencyMs) {

  /**
   * @throws IllegalArgumentException for a negative seq or latency
   */
  public RoutingOutcome {
    Objects.requireNonNull(decisionHash, "decision_hash");
    Objects.requireNonNull(selected, "selected");
    Objects.requireNonNull(status, "status");
    if (seq < 0 || latencyMs < 0) {
      throw new IllegalArgumentException("seq and latency_ms must be >= 0");
    }
  }

  /** The closed set of statuses of X9.2. */
  public enum Status {
    /** A {@code commit} entry. */
    COMMITTED,
    /** A {@code rejection} entry. */
    REJECTED,
    /** A {@code pending_approval} entry. */
    SUSPENDED,
    /** A {@code failure} entry. */
    FAILED;

    /** The JSON form, lower case (E4.1). */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The JSON form: exactly {@code {decision_hash, selected, status, latency_ms}} (X9.2). */
  public JsonObject toJson() {
    return Json.object(Map.of(
        "decision_hash", Json.string(decisionHash),
        "selected", Json.string(selected),
        "status", Json.string(status.wire()),
        "latency_ms", Json.integer(latencyMs)));
  }
}
