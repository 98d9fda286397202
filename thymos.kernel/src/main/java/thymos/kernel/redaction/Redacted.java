package thymos.kernel.redaction;

import java.util.Objects;

/**
 * The result of redacting a value (X8.3): the value as it may be persisted and how many hits were
 * replaced. When {@code count} is 0 the value is the very instance that was given.
 *
 * @param value the redacted value, never {@code null}
 * @param count the number of hits replaced, ≥ 0 (the observation's {@code redactions})
 * @param <T> the type of the value, preserved by redaction
 */
public record Redacted<T>(T value, int count) {

  /** Checks for {@code null} and a negative count. */
  public Redacted {
    Objects.requireNonNull(value, "value");
    if (count < 0) {
      throw new IllegalArgumentException("count < 0: " + count);
    }
  }

  /** Whether anything was replaced, i.e. the entry must be marked {@code redacted: true} (X8.3). */
  public boolean changed() {
    return count > 0;
  }
}
