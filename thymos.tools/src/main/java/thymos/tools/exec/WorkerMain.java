package thymos.tools.exec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import thymos.api.json.JsonObject;
import thymos.tools.exec.ExecResult.Status;

/**
 * The worker process's entry point (T4.1): reads request frames from stdin and answers each with
 * one response frame on stdout, one request at a time, until stdin ends (the runtime closed it or
 * died). A malformed frame ends the worker with status 2, which the runtime reports as {@code
 * worker_crashed}. Launched as {@code java -m thymos.tools/thymos.tools.exec.WorkerMain}; the
 * package is not exported, so this is no API.
 */
public final class WorkerMain {

  private WorkerMain() {}

  /**
   * Serves requests on stdin/stdout.
   *
   * @param args none
   */
  public static void main(String[] args) throws IOException {
    InputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in));
    OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
    System.setOut(System.err); // stdout carries frames only
    while (true) {
      Optional<JsonObject> request;
      try {
        request = Frames.read(in);
      } catch (Frames.MalformedFrame e) {
        System.err.println("thymos worker: " + e.getMessage());
        System.exit(2);
        return;
      }
      if (request.isEmpty()) {
        return;
      }
      ExecResult result;
      try {
        result = ChildRun.run(Protocol.job(request.get()));
      } catch (IllegalArgumentException e) {
        result = ExecResult.failed(Status.BAD_REQUEST, "bad request: " + e.getMessage());
      }
      Frames.write(out, Protocol.response(result));
    }
  }
}
