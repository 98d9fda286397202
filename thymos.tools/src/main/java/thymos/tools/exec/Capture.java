package thymos.tools.exec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import thymos.tools.exec.ExecResult.Captured;

/**
 * Drains one output stream of a program on its own thread (T4.4): keeps at most {@code cap}
 * bytes, reads and discards the rest so the program never blocks on a full pipe, and never holds
 * more than the cap plus one read buffer.
 */
final class Capture implements Runnable {

  private static final int CHUNK = 64 * 1024;

  private final InputStream in;
  private final int cap;
  private final Thread thread;
  private byte[] kept = new byte[0];
  private int size;
  private long total;

  private Capture(InputStream in, int cap, String name) {
    this.in = in;
    this.cap = cap;
    this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this);
  }

  /** Starts draining {@code in} on a daemon thread. */
  static Capture start(InputStream in, int cap, String name) {
    Capture c = new Capture(in, cap, name);
    c.thread.start();
    return c;
  }

  @Override
  public void run() {
    byte[] buf = new byte[CHUNK];
    try (in) {
      for (int r; (r = in.read(buf)) >= 0; ) {
        synchronized (this) {
          int keep = (int) Math.min(r, (long) cap - size);
          if (keep > 0) {
            if (size + keep > kept.length) {
              kept = Arrays.copyOf(kept, Math.min(cap, Math.max(size + keep, kept.length * 2)));
            }
            System.arraycopy(buf, 0, kept, size, keep);
            size += keep;
          }
          total += r;
        }
      }
    } catch (IOException e) {
      // the stream was closed under us (the tree was killed): keep what was read
    }
  }

  /** Waits up to {@code millis} for the end of the stream; whether it was reached. */
  boolean await(long millis) throws InterruptedException {
    thread.join(Math.max(1, millis));
    return !thread.isAlive();
  }

  /** What was captured so far. */
  synchronized Captured captured() {
    return new Captured(Arrays.copyOf(kept, size), total > size, total);
  }
}
