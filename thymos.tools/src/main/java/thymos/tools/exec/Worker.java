package thymos.tools.exec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import thymos.api.json.JsonObject;
import thymos.api.spi.ToolContext;
import thymos.tools.exec.ExecResult.Status;

/**
 * The runtime's handle on one worker process (T4.1): writes request frames to its stdin; a reader
 * thread turns its stdout into response frames, or into a crash report at the end of the stream
 * or at a malformed frame (T4.4). The worker starts with an empty environment but {@code LANG}
 * (so program arguments are encoded as UTF-8).
 */
final class Worker {

  /** How often the caller checks cancellation and records the worker's process tree. */
  private static final long SLICE_MS = 50;

  private final Process process;
  private final OutputStream toWorker;
  private final BlockingQueue<Object> replies = new ArrayBlockingQueue<>(1);
  private final Set<ProcessHandle> tree = ConcurrentHashMap.newKeySet();

  private Worker(Process process) {
    this.process = process;
    this.toWorker = new BufferedOutputStream(process.getOutputStream());
    InputStream fromWorker = new BufferedInputStream(process.getInputStream());
    Thread.ofPlatform().daemon().name("exec-worker-" + process.pid()).start(() -> {
      try {
        while (true) {
          Optional<JsonObject> frame = Frames.read(fromWorker);
          if (frame.isEmpty()) {
            replies.put(new Failure(Status.WORKER_CRASHED, "the worker (pid " + process.pid()
                + ") closed its output" + exitNote()));
            return;
          }
          replies.put(frame.get());
        }
      } catch (Frames.MalformedFrame e) {
        offer(new Failure(Status.WORKER_CRASHED, "the worker (pid " + process.pid()
            + ") sent a malformed frame: " + e.getMessage()));
      } catch (IOException e) {
        offer(new Failure(Status.WORKER_CRASHED, "reading from the worker (pid "
            + process.pid() + ") failed: " + e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** A call that did not produce a response frame. */
  record Failure(Status status, String message) {}

  static Worker start(List<String> command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear(); // nothing of the runtime's environment reaches the worker (T4.3)
    pb.environment().put("LANG", "C.UTF-8");
    return new Worker(pb.start());
  }

  /**
   * Sends {@code request} and waits up to {@code waitMs} for the response, checking {@code
   * cancellation} in between.
   *
   * @return the response frame, or a {@link Failure} after which this worker must be {@link
   *     #kill}ed
   */
  Object call(JsonObject request, long waitMs, ToolContext.Cancellation cancellation) {
    tree.clear();
    try {
      Frames.write(toWorker, request);
    } catch (IOException e) {
      Object pending = replies.poll();
      return pending instanceof Failure f ? f : new Failure(Status.WORKER_CRASHED,
          "writing to the worker (pid " + process.pid() + ") failed: " + e.getMessage());
    }
    try {
      for (long waited = 0; waited <= waitMs; waited += SLICE_MS) {
        Object reply = replies.poll(SLICE_MS, TimeUnit.MILLISECONDS);
        if (reply != null) {
          return reply;
        }
        // everything seen this call, to kill its processes should the worker die (T4.4); a dead
        // worker has no descendants, so this only ever adds
        process.descendants().forEach(tree::add);
        if (cancellation.isCancelled()) {
          return new Failure(Status.CANCELLED, "cancelled while the program ran");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Failure(Status.CANCELLED, "interrupted while the program ran");
    }
    return new Failure(Status.WORKER_CRASHED, "the worker (pid " + process.pid()
        + ") did not answer within " + waitMs + " ms");
  }

  /**
   * Kills the worker and every process it was seen running during the call, and every process
   * left in its session when it was started through {@code setsid} (T4.4).
   */
  void kill() {
    TreeKill.kill(process.toHandle(), tree);
    // a session id is a leader's pid, never reused while the session lives: safe to scan
    List<ProcessHandle> left = TreeKill.sessionMembers(process.pid());
    if (!left.isEmpty()) {
      TreeKill.kill(left.get(0), left);
    }
  }

  /** Asks the worker to stop by closing its stdin; kills it if that fails. */
  void stop() {
    try {
      toWorker.close();
    } catch (IOException e) {
      kill();
    }
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  private void offer(Failure f) {
    replies.offer(f);
  }

  private String exitNote() {
    try {
      return process.waitFor(200, TimeUnit.MILLISECONDS)
          ? " and exited with status " + process.exitValue() : "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
