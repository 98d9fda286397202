package thymos.tools.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import thymos.api.json.JsonObject;
import thymos.api.spi.ToolContext;
import thymos.tools.exec.ExecResult.Status;

/**
 * Runs {@link ExecRequest}s in worker processes (T4): a separate JVM started from the same runtime
 * (same {@code java}, same module or class path), spoken to in frames (docs/worker-protocol.md).
 *
 * <ul>
 *   <li>{@code argv[0]} must be a program of the profile, resolved to an absolute path on the
 *       fixed search path when the pool is built; anything else is {@link Status#REFUSED} before
 *       any process is spawned (T4.2).
 *   <li>The program's environment is exactly {@code PATH} (the fixed search path), {@code LANG}
 *       ({@code C.UTF-8}) and {@code HOME} (the request's home, the sandbox root) (T4.3).
 *   <li>Limits, output caps and tree kills are enforced by the worker (T4.4); a worker that dies,
 *       hangs past the limit plus a grace, or sends a malformed frame is killed with its process
 *       tree and reported as {@link Status#WORKER_CRASHED}; the next call starts a fresh worker.
 *   <li>Up to {@code workers} calls run at once, each in its own worker; idle workers stay warm
 *       for the next call. {@link #close()} stops them.
 * </ul>
 *
 * <p>Workers start lazily, on the first call. Thread-safe. Never throws for a failed call: every
 * outcome is an {@link ExecResult}.
 */
public final class WorkerPool implements AutoCloseable {

  /** Time the worker gets beyond the program's limit to kill the tree and answer. */
  static final long GRACE_MS = 5_000;
  private static final System.Logger LOG = System.getLogger(WorkerPool.class.getName());

  private final Programs programs;
  private final String searchPath;
  private final List<String> command;
  private final Semaphore slots;
  private final Deque<Worker> idle = new ArrayDeque<>();
  private final List<Worker> all = new ArrayList<>();
  private boolean closed;

  /**
   * A pool for {@code settings}; resolves the profile's programs now (T4.2), starts no process.
   */
  public WorkerPool(ExecSettings settings) {
    this(settings, workerCommand());
  }

  /** Test hook: workers started with another command. */
  WorkerPool(ExecSettings settings, List<String> command) {
    this.programs = Programs.resolve(settings.profile(), settings.programs(), settings.path());
    this.searchPath = String.join(":", settings.path());
    this.command = List.copyOf(command);
    this.slots = new Semaphore(settings.workers(), true);
    if (!programs.missing().isEmpty()) {
      LOG.log(System.Logger.Level.INFO, "exec profile {0}: not found on {1}: {2}",
          settings.profile(), searchPath, programs.missing());
    }
  }

  /** As {@link #run(ExecRequest, ToolContext.Cancellation)} without cancellation. */
  public ExecResult run(ExecRequest request) {
    return run(request, ToolContext.Cancellation.NEVER);
  }

  /**
   * Runs {@code request} in a warm worker, or a fresh one.
   *
   * @return the result; {@link Status#REFUSED} for a program outside the profile (nothing
   *     spawned), {@link Status#WORKER_CRASHED} when the worker failed, {@link Status#CANCELLED}
   *     when {@code cancellation} was raised (the worker and its tree are killed)
   */
  public ExecResult run(ExecRequest request, ToolContext.Cancellation cancellation) {
    String argv0 = request.argv().get(0);
    Optional<Path> program = programs.lookup(argv0);
    if (program.isEmpty()) {
      return ExecResult.failed(Status.REFUSED, "program \"" + argv0 + "\" is not in the exec "
          + "profile \"" + programs.profile() + "\" (" + String.join(" ", programs.names())
          + "); nothing was run (T4.2)");
    }
    List<String> argv = new ArrayList<>(request.argv());
    argv.set(0, program.get().toString());
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", searchPath);
    env.put("LANG", "C.UTF-8");
    env.put("HOME", request.home().orElse(request.cwd()).toString());
    long cap = Math.min(request.maxOutputBytes(), ExecSettings.MAX_OUTPUT_CAP);
    JsonObject frame = Protocol.request(argv, request.cwd(), env, request.timeoutMs(), cap);
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExecResult.failed(Status.CANCELLED, "interrupted while waiting for a worker");
    }
    try {
      Worker w;
      try {
        w = take();
      } catch (IOException | IllegalStateException e) {
        return ExecResult.failed(Status.WORKER_CRASHED, "cannot start a worker: "
            + e.getMessage());
      }
      Object reply = w.call(frame, request.timeoutMs() + GRACE_MS, cancellation);
      if (reply instanceof JsonObject answer) {
        try {
          ExecResult result = Protocol.result(answer, cap);
          give(w);
          return result;
        } catch (Frames.MalformedFrame m) {
          reply = new Worker.Failure(Status.WORKER_CRASHED, "the worker sent a malformed "
              + "response: " + m.getMessage());
        }
      }
      Worker.Failure f = (Worker.Failure) reply;
      discard(w);
      return ExecResult.failed(f.status(), f.message());
    } finally {
      slots.release();
    }
  }

  /** The processes of the live workers (for tests and diagnostics). */
  synchronized List<ProcessHandle> workers() {
    return all.stream().filter(Worker::isAlive).map(Worker::handle).toList();
  }

  /** Stops every worker: idle ones close their stdin and exit; busy ones are killed. */
  @Override
  public synchronized void close() {
    closed = true;
    for (Worker w : all) {
      if (idle.contains(w)) {
        w.stop();
      } else {
        w.kill();
      }
    }
    idle.clear();
    all.clear();
  }

  private synchronized Worker take() throws IOException {
    if (closed) {
      throw new IllegalStateException("the worker pool is closed");
    }
    while (!idle.isEmpty()) {
      Worker w = idle.pop();
      if (w.isAlive()) {
        return w;
      }
      all.remove(w); // died while idle: start a fresh one
      w.kill();
    }
    Worker w = Worker.start(command);
    all.add(w);
    return w;
  }

  private synchronized void give(Worker w) {
    if (closed) {
      w.stop();
    } else {
      idle.push(w);
    }
  }

  private synchronized void discard(Worker w) {
    all.remove(w);
    w.kill();
  }

  /**
   * The command that starts a worker: this runtime's {@code java} with the module path (or class
   * path) it was started with, running {@link WorkerMain}. In a jlink image the module is part of
   * the image and no path is needed.
   */
  static List<String> workerCommand() {
    List<String> cmd = new ArrayList<>();
    for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (java.nio.file.Files.isExecutable(Path.of(setsid))) {
        cmd.add(setsid); // its own session: left-behind processes can be found (TreeKill)
        break;
      }
    }
    cmd.addAll(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    Module m = WorkerMain.class.getModule();
    if (m.isNamed()) {
      String modulePath = System.getProperty("jdk.module.path");
      if (modulePath != null && !modulePath.isEmpty()) {
        cmd.addAll(List.of("--module-path", modulePath));
      }
      cmd.addAll(List.of("-m", m.getName() + "/" + WorkerMain.class.getName()));
    } else {
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
          WorkerMain.class.getName()));
    }
    return cmd;
  }
}
