package thymos.api.spi;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock under the caller's control, for tests and simulations (A6): it moves only when told
 * to, or by a fixed step after each reading, so runs with the same script read the same times.
 *
 * <p>{@link #advance(long)} only moves forward; only {@link #set(long)} may move the time
 * backwards, and only because the caller asked. Thread-safe: concurrent readers of a ticking
 * clock each get a distinct reading.
 */
public final class ManualClock implements Clock {

  private final AtomicLong now;
  private final long stepMs;

  private ManualClock(long startMs, long stepMs) {
    check(startMs);
    if (stepMs < 0) {
      throw new IllegalArgumentException("step must be >= 0 ms, got " + stepMs);
    }
    this.now = new AtomicLong(startMs);
    this.stepMs = stepMs;
  }

  /**
   * A clock fixed at {@code startMs} until advanced or set.
   *
   * @throws thymos.api.ProtocolViolation if {@code startMs} is outside 0..2^53−1
   */
  public static ManualClock at(long startMs) {
    return new ManualClock(startMs, 0);
  }

  /**
   * A clock that reads {@code startMs} first and then {@code stepMs} later on each reading, so
   * durations the kernel measures (X7.1 {@code wall_clock_ms}) are non-zero and reproducible.
   *
   * @throws IllegalArgumentException if {@code stepMs} is negative
   * @throws thymos.api.ProtocolViolation if {@code startMs} is outside 0..2^53−1
   */
  public static ManualClock ticking(long startMs, long stepMs) {
    return new ManualClock(startMs, stepMs);
  }

  /** The current time; a ticking clock then moves on by its step. */
  @Override
  public long nowMs() {
    return stepMs == 0 ? now.get() : now.getAndAdd(stepMs);
  }

  /** The time the next reading will return, without moving a ticking clock. */
  public long peekMs() {
    return now.get();
  }

  /**
   * Moves the clock forward by {@code deltaMs} and returns the new time.
   *
   * @throws IllegalArgumentException if {@code deltaMs} is negative (use {@link #set(long)})
   * @throws thymos.api.ProtocolViolation if the new time would exceed 2^53−1
   */
  public long advance(long deltaMs) {
    if (deltaMs < 0) {
      throw new IllegalArgumentException(
          "advance moves forward only, got " + deltaMs + " ms; use set to go back");
    }
    return now.accumulateAndGet(deltaMs, (t, d) -> check(Math.addExact(t, d)));
  }

  /**
   * Sets the time, backwards too: the one way a manual clock goes back.
   *
   * @throws thymos.api.ProtocolViolation if {@code timeMs} is outside 0..2^53−1
   */
  public void set(long timeMs) {
    now.set(check(timeMs));
  }

  private static long check(long timeMs) {
    return ClockReading.of(timeMs).timeMs();
  }

  @Override
  public String toString() {
    return "ManualClock[" + now.get() + " ms, step " + stepMs + " ms]";
  }
}
