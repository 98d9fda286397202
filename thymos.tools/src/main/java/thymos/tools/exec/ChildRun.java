package thymos.tools.exec;

import java.io.File;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import thymos.tools.exec.ExecResult.Status;

/**
 * Runs one {@link Protocol.Job} inside the worker (T4.2–T4.4): spawns {@code argv} directly (no
 * shell) with exactly the given environment in the given folder, drains stdout and stderr
 * concurrently under the cap, and kills the whole process tree at the wall-clock limit. Processes
 * the program leaves behind when it exits are killed too: nothing outlives the call.
 */
final class ChildRun {

  /**
   * How often, at most, descendants are collected while the program runs (so orphans can be
   * found); the first comes after {@link #FIRST_SLICE_MS}, then 40 ms, then every 50 ms.
   */
  private static final long SLICE_MS = 50;
  /** The first wait: most quick programs end within it and need no collection of descendants. */
  private static final long FIRST_SLICE_MS = 20;
  /** How long the drains may take after the tree is dead. */
  private static final long DRAIN_GRACE_MS = 1_000;

  /** How long the output may stay open after the program exits before leftovers are killed. */
  private static final long QUICK_DRAIN_MS = 50;
  private static final long SELF = ProcessHandle.current().pid();
  /** Whether the worker was started through {@code setsid}: its session holds only calls. */
  private static final boolean LEADER = TreeKill.session(SELF) == SELF;

  private ChildRun() {}

  /**
   * Kills the program's tree and every other process of the worker's session (one request at a
   * time, so they all belong to this call).
   */
  private static void killTree(Process p, Set<ProcessHandle> seen) {
    TreeKill.kill(p.toHandle(), seen);
    for (int round = 0; LEADER && round < 10; round++) {
      List<ProcessHandle> left = TreeKill.sessionMembers(SELF);
      if (left.isEmpty()) {
        return;
      }
      TreeKill.kill(left.get(0), left);
    }
  }

  static ExecResult run(Protocol.Job job) {
    ProcessBuilder pb = new ProcessBuilder(job.argv())
        .directory(job.cwd().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(job.env());
    long start = WorkerClock.nanos();
    Process p;
    try {
      p = pb.start();
    } catch (IOException | RuntimeException e) {
      return ExecResult.failed(Status.SPAWN_FAILED, "cannot start " + job.argv().get(0) + ": "
          + e.getMessage());
    }
    Capture out = Capture.start(p.getInputStream(), job.maxOutputBytes(), "exec-stdout");
    Capture err = Capture.start(p.getErrorStream(), job.maxOutputBytes(), "exec-stderr");
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(job.timeoutMs());
    Set<ProcessHandle> seen = new LinkedHashSet<>();
    boolean exited = false;
    boolean drained = false;
    try {
      for (long slice = FIRST_SLICE_MS; !exited; slice = Math.min(SLICE_MS, slice * 2)) {
        long left = deadline - WorkerClock.nanos();
        if (left <= 0) {
          break;
        }
        exited = p.waitFor(Math.min(left, TimeUnit.MILLISECONDS.toNanos(slice)),
            TimeUnit.NANOSECONDS);
        if (!exited) {
          p.descendants().forEach(seen::add);
        }
      }
      if (exited) { // wait for the output, which a left-behind process may hold open
        drained = out.await(QUICK_DRAIN_MS) && err.await(QUICK_DRAIN_MS);
        if (!drained) {
          killTree(p, seen);
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - WorkerClock.nanos());
          drained = out.await(left) && err.await(left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Always, even for a program that exited at once: the JDK closes its output pipes when it
    // exits, so a background process it left (`sleep 30 &`) is invisible to the drains and, once
    // re-parented, to ancestry; only the session finds it.
    killTree(p, seen);
    try {
      out.await(DRAIN_GRACE_MS);
      err.await(DRAIN_GRACE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long durationMs = TimeUnit.NANOSECONDS.toMillis(WorkerClock.nanos() - start);
    if (exited && drained) {
      return new ExecResult(Status.EXITED, p.exitValue(), out.captured(), err.captured(),
          durationMs, "");
    }
    String why = exited ? "the program exited but a process it left behind kept its output open"
        : "the program ran";
    return new ExecResult(Status.TIMEOUT, exited ? p.exitValue() : -1, out.captured(),
        err.captured(), durationMs, why + " past the limit of " + job.timeoutMs()
        + " ms; its process tree was killed");
  }
}
