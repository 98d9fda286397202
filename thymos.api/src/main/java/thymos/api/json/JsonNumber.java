package thymos.api.json;

/**
 * A JSON number: an IEEE-754 double, as I-JSON requires (E1.2). {@code -0} is stored as {@code 0}
 * (RFC 8785 prints both as {@code 0}); NaN and infinities do not exist in JSON and are refused.
 *
 * @param value the finite value
 */
public record JsonNumber(double value) implements Json {

  /** The largest integer magnitude a protocol field may carry: 2^53−1 (E1.3). */
  public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  /**
   * Normalises {@code -0.0} to {@code 0.0}.
   *
   * @throws IllegalArgumentException for NaN or an infinity
   */
  public JsonNumber {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("JSON numbers are finite: " + value);
    }
    if (value == 0.0) {
      value = 0.0; // folds -0.0
    }
  }

  /**
   * An integer number.
   *
   * @throws IllegalArgumentException if {@code |value| > 2^53−1}
   */
  public static JsonNumber ofLong(long value) {
    if (value > MAX_SAFE_INTEGER || value < -MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("integer beyond 2^53-1: " + value);
    }
    return new JsonNumber(value);
  }

  /** Whether this is an integer within ±(2^53−1), the only numbers protocol fields carry. */
  public boolean isSafeInteger() {
    return value == Math.rint(value) && Math.abs(value) <= MAX_SAFE_INTEGER;
  }

  /**
   * This number as a {@code long}.
   *
   * @throws ArithmeticException if it is not a safe integer ({@link #isSafeInteger()})
   */
  public long longValueExact() {
    if (!isSafeInteger()) {
      throw new ArithmeticException("not an integer within 2^53-1: " + NumberFormatter.format(value));
    }
    return (long) value;
  }

  @Override
  public String typeName() {
    return "number";
  }

  @Override
  public String toString() {
    return NumberFormatter.format(value);
  }
}
