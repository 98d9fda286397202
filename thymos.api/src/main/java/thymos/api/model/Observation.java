package thymos.api.model;

import java.util.Objects;
import java.util.Optional;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * What a tool returned (M6), after redaction (X8).
 *
 * <p>The optional members are kept exactly as given ({@code truncated: false} stays written) so
 * that reading and writing an observation is the identity; {@link #wasTruncated()} and {@link
 * #redactionCount()} apply the defaults.
 *
 * @param tool the tool name
 * @param output free-form output (any I-JSON value)
 * @param latencyMs how long the call took
 * @param truncated whether a size cap cut the output
 * @param redactions how many values were replaced by the redaction marker
 */
public record Observation(String tool, Json output, long latencyMs, Optional<Boolean> truncated,
    Optional<Long> redactions) {

  /** @throws IllegalArgumentException for a negative latency or redaction count */
  public Observation {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(output, "output");
    Members.requireNonNegative(latencyMs, "latency_ms");
    Objects.requireNonNull(truncated, "truncated");
    Objects.requireNonNull(redactions, "redactions");
    redactions.ifPresent(r -> Members.requireNonNegative(r, "redactions"));
  }

  /** An observation without the optional members. */
  public static Observation of(String tool, Json output, long latencyMs) {
    return new Observation(tool, output, latencyMs, Optional.empty(), Optional.empty());
  }

  /** Whether the output was truncated (absent means not). */
  public boolean wasTruncated() {
    return truncated.orElse(false);
  }

  /** The number of redactions (absent means none). */
  public long redactionCount() {
    return redactions.orElse(0L);
  }

  /** The JSON form {@code {tool, output, latency_ms, truncated?, redactions?}}. */
  public JsonObject toJson() {
    return Members.create().put("tool", tool).put("output", output).put("latency_ms", latencyMs)
        .opt("truncated", truncated, Json::bool).opt("redactions", redactions, Json::integer)
        .build();
  }

  /**
   * Reads the JSON form strictly (E1.5).
   *
   * @throws ProtocolViolation naming the offending member
   */
  public static Observation fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    Observation obs = new Observation(o.string("tool"), o.value("output"),
        o.nonNegative("latency_ms"), o.optBool("truncated"), o.optNonNegative("redactions"));
    o.end();
    return obs;
  }
}
