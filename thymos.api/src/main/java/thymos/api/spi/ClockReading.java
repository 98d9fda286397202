package thymos.api.spi;

import java.util.Objects;
import java.util.Optional;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.JsonNumber;

/**
 * One reading of a {@link Clock} (A6): unix milliseconds (E4.2) and, for attested clocks, the
 * evidence backing them (an RFC 3161 token, a time-authority signature) as a JSON value.
 *
 * @param timeMs unix milliseconds, 0..2^53−1 so the reading can be recorded (E1.3)
 * @param attestation the evidence, empty for unattested clocks
 */
public record ClockReading(long timeMs, Optional<Json> attestation) {

  /**
   * Checks the range and {@code null}.
   *
   * @throws ProtocolViolation {@code THY-E402} for a time outside 0..2^53−1
   */
  public ClockReading {
    if (timeMs < 0 || timeMs > JsonNumber.MAX_SAFE_INTEGER) {
      throw new ProtocolViolation("E4.2", "/time_ms",
          "a clock reading is unix milliseconds in 0..2^53-1, got " + timeMs);
    }
    Objects.requireNonNull(attestation, "attestation");
  }

  /** An unattested reading. */
  public static ClockReading of(long timeMs) {
    return new ClockReading(timeMs, Optional.empty());
  }
}
