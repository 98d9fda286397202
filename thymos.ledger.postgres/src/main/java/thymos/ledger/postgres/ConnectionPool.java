package thymos.ledger.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import thymos.ledger.spi.LedgerUnavailable;

/**
 * The connections of one open store (L7.2): at most {@code max} exist, each borrowed for one short
 * unit of work — one transaction, or one page of a read — and handed back, so a stream that is
 * never closed holds no connection. A connection whose work failed because the connection is gone
 * (server restart, {@code pg_terminate_backend}, network) is dropped, and the idle ones that were
 * opened before the failure are validated before their next use, so the pool reconnects by
 * itself; the failing call itself reports {@link LedgerUnavailable} and is never retried silently.
 * Every driver exception is mapped to a typed error (L5.6).
 */
final class ConnectionPool implements AutoCloseable {

  /** Work on a connection that may fail with the driver's exception. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Opens one more connection, ready for use with auto-commit on. */
  interface Factory {
    Connection open() throws SQLException;
  }

  /** An idle connection: when it was handed back, and in which generation it was opened. */
  private record Idle(Connection connection, long since, long generation) {}

  // An idle connection older than this is validated (one round trip) before it is lent again.
  private static final long VALIDATE_AFTER_NS = TimeUnit.MILLISECONDS.toNanos(1_000);
  private static final int VALIDATE_TIMEOUT_S = 5;

  private final Factory factory;
  private final Semaphore permits;
  private final long waitMs;
  private final ConcurrentLinkedDeque<Idle> idle = new ConcurrentLinkedDeque<>();
  // Raised whenever a connection is found lost: connections of older generations are suspect.
  private final AtomicLong generation = new AtomicLong();
  private volatile boolean closed;

  /**
   * @param max the most connections
   * @param waitMs how long a call waits for a free connection before {@link LedgerUnavailable}
   */
  ConnectionPool(Factory factory, int max, long waitMs) {
    this.factory = factory;
    this.permits = new Semaphore(max, true);
    this.waitMs = waitMs;
  }

  /**
   * Runs {@code work} with auto-commit on: each statement is its own transaction, durable when it
   * returns (L5.1).
   */
  <T> T autoCommit(String action, Work<T> work) {
    return with(action, work);
  }

  /**
   * Runs {@code work} in one transaction, committing when it returns and rolling back when
   * anything is thrown. The commit returns once the server has made it durable (L5.1).
   */
  <T> T transaction(String action, Work<T> work) {
    return with(action, c -> {
      c.setAutoCommit(false);
      T result;
      try {
        result = work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException | Error e) {
        try {
          c.rollback();
          c.setAutoCommit(true);
        } catch (SQLException r) {
          e.addSuppressed(r);
          quietlyClose(c); // its state is unknown: never lend it again
        }
        throw e;
      }
      c.setAutoCommit(true);
      return result;
    });
  }

  private <T> T with(String action, Work<T> work) {
    acquire();
    Connection c = null;
    long born = generation.get();
    boolean reusable = false;
    try {
      Idle lent = borrowIdle();
      if (lent != null) {
        c = lent.connection();
        born = lent.generation();
      } else {
        c = factory.open();
      }
      T result = work.run(c);
      reusable = true;
      return result;
    } catch (SQLException e) {
      reusable = !PgErrors.connectionLost(e) && isOpen(c);
      if (!reusable) {
        generation.incrementAndGet();
      }
      throw PgErrors.map(action, e);
    } catch (RuntimeException | Error e) {
      // Typed refusals (AppendConflict, …) leave a healthy connection, already rolled back.
      reusable = isOpen(c);
      throw e;
    } finally {
      if (c != null) {
        if (reusable && !closed) {
          idle.push(new Idle(c, System.nanoTime(), born));
        } else {
          quietlyClose(c);
        }
        if (closed) {
          drain(); // close() may have run while c was borrowed
        }
      }
      permits.release();
    }
  }

  // The most recently used idle connection that is still good; suspect ones are validated.
  private Idle borrowIdle() {
    for (Idle i; (i = idle.poll()) != null; ) {
      boolean suspect = i.generation() < generation.get()
          || System.nanoTime() - i.since() > VALIDATE_AFTER_NS;
      if (!suspect || valid(i.connection())) {
        return suspect ? new Idle(i.connection(), i.since(), generation.get()) : i;
      }
      quietlyClose(i.connection());
    }
    return null;
  }

  private static boolean valid(Connection c) {
    try {
      return c.isValid(VALIDATE_TIMEOUT_S);
    } catch (SQLException e) {
      return false;
    }
  }

  private static boolean isOpen(Connection c) {
    try {
      return c != null && !c.isClosed();
    } catch (SQLException e) {
      return false;
    }
  }

  private void acquire() {
    if (closed) {
      throw closedError();
    }
    try {
      if (!permits.tryAcquire(waitMs, TimeUnit.MILLISECONDS)) {
        throw new LedgerUnavailable("no pooled connection became free within " + waitMs + " ms",
            null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerUnavailable("interrupted while waiting for a pooled connection", e);
    }
    if (closed) {
      permits.release();
      throw closedError();
    }
  }

  static LedgerUnavailable closedError() {
    return new LedgerUnavailable("the postgresql ledger is closed", null);
  }

  boolean isClosed() {
    return closed;
  }

  /** Closes idle connections now and borrowed ones when they come back; idempotent. */
  @Override
  public void close() {
    closed = true;
    drain();
  }

  private void drain() {
    for (Idle i; (i = idle.poll()) != null; ) {
      quietlyClose(i.connection());
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
