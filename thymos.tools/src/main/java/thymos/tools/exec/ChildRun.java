package thymos.tools.exec;

import java.io.File;
import java.io.IOException;
import java.util.LinkedHashSet;
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

  /** How often descendants are collected while the program runs (so orphans can be found). */
  private static final long SLICE_MS = 50;
  /** How long the drains may take after the tree is dead. */
  private static final long DRAIN_GRACE_MS = 1_000;

  private ChildRun() {}

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
      while (!exited) {
        long left = deadline - WorkerClock.nanos();
        if (left <= 0) {
          break;
        }
        exited = p.waitFor(Math.min(left, TimeUnit.MILLISECONDS.toNanos(SLICE_MS)),
            TimeUnit.NANOSECONDS);
        if (!exited) {
          p.descendants().forEach(seen::add);
        }
      }
      if (exited) { // wait for the output, which a left-behind process may hold open
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - WorkerClock.nanos());
        drained = out.await(left) && err.await(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    TreeKill.kill(p.toHandle(), seen);
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
