package thymos.ledger.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import thymos.ledger.spi.LedgerUnavailable;

/**
 * A small pool of read-only connections (L7.1): at most {@code max} exist, each is borrowed for
 * one short unit of work (one page of a read) and handed back, so a stream that is never closed
 * holds no connection. In WAL mode readers never wait for the writer.
 */
final class ReaderPool implements AutoCloseable {

  /** Opens one more read-only connection. */
  interface Factory {
    Connection open() throws SQLException;
  }

  private final Factory factory;
  private final Semaphore permits;
  private final long waitMs;
  private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  /**
   * @param max the most connections
   * @param waitMs how long a reader waits for a free connection before {@link LedgerUnavailable}
   */
  ReaderPool(Factory factory, int max, long waitMs) {
    this.factory = factory;
    this.permits = new Semaphore(max, true);
    this.waitMs = waitMs;
  }

  /** Runs {@code work} on a pooled connection; driver errors are mapped (L5.6). */
  <T> T with(String action, Connections.Work<T> work) {
    acquire();
    Connection c = null;
    boolean healthy = false;
    try {
      c = idle.poll();
      if (c == null) {
        c = factory.open();
      }
      T result = work.run(c);
      healthy = true;
      return result;
    } catch (SQLException e) {
      throw SqlErrors.map(action, e);
    } finally {
      if (c != null) {
        if (healthy && !closed) {
          idle.offer(c);
        } else {
          quietlyClose(c);
        }
        // close() may have run while c was borrowed; make sure it is not left idle.
        if (closed) {
          drain();
        }
      }
      permits.release();
    }
  }

  private void acquire() {
    if (closed) {
      throw Connections.closedError();
    }
    try {
      if (!permits.tryAcquire(waitMs, TimeUnit.MILLISECONDS)) {
        throw new LedgerUnavailable("no read connection became free within " + waitMs + " ms",
            null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerUnavailable("interrupted while waiting for a read connection", e);
    }
    if (closed) {
      permits.release();
      throw Connections.closedError();
    }
  }

  /** Closes idle connections now and borrowed ones when they come back; idempotent. */
  @Override
  public void close() {
    closed = true;
    drain();
  }

  private void drain() {
    for (Connection c; (c = idle.poll()) != null; ) {
      quietlyClose(c);
    }
  }

  static void quietlyClose(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // Nothing to do: the connection is being dropped anyway.
    }
  }
}
