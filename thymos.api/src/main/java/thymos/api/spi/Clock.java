package thymos.api.spi;

/**
 * The only way the kernel learns the time (I6, A6). Implementations: the system clock, a manual
 * clock for tests and simulations, attested clocks. The reading used for a decision is recorded
 * in the entry, so replay never needs a clock.
 */
public interface Clock {

  /** The current time in unix milliseconds (E4.2). */
  long nowMs();

  /**
   * The current time with its attestation, if any (A6). Unattested clocks need not override
   * this: the default wraps {@link #nowMs()} without attestation.
   *
   * @throws thymos.api.ProtocolViolation if {@link #nowMs()} is outside 0..2^53−1
   */
  default ClockReading read() {
    return ClockReading.of(nowMs());
  }
}
