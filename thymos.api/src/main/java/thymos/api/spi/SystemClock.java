package thymos.api.spi;

/**
 * The built-in production clock (A6): the host's wall clock, unattested. Readings may go
 * backwards when the host clock is adjusted; the kernel records every reading it uses (I6), so
 * replay is unaffected.
 */
public final class SystemClock implements Clock {

  /** A system clock; all instances read the same host clock. */
  public SystemClock() {}

  /** {@link System#currentTimeMillis()}. */
  @Override
  public long nowMs() {
    return System.currentTimeMillis();
  }

  @Override
  public String toString() {
    return "SystemClock";
  }
}
