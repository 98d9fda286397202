package thymos.tools.exec;

/**
 * The one clock read of this module, and it happens only inside the worker process (T4.1): the
 * worker must enforce a wall-clock limit and report a duration (T4.4). Nothing the kernel decides
 * depends on it; the duration is an observation recorded like the program's output, and replay
 * never re-runs the program. The architecture test exempts this class alone and checks that only
 * the worker's code calls it (docs/decisions.md).
 */
final class WorkerClock {

  private WorkerClock() {}

  /** A monotonic reading in nanoseconds. */
  static long nanos() {
    return System.nanoTime();
  }
}
