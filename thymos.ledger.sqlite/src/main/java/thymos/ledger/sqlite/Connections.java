package thymos.ledger.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import thymos.ledger.spi.LedgerUnavailable;

/**
 * The connections of one open store (L7.1): a single writer, used under a lock so this process
 * appends one transaction at a time, and a {@link ReaderPool} of read-only connections. A private
 * in-memory store ({@code sqlite::memory:}) exists only inside its one connection, so there reads
 * share the writer (and its lock). Every driver exception is mapped to a typed error (L5.6).
 */
final class Connections implements AutoCloseable {

  /** Work on a connection that may fail with the driver's exception. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final ReentrantLock writerLock = new ReentrantLock();
  private final Connection writer;
  private final ReaderPool readers; // null for the in-memory store
  private volatile boolean closed;

  private Connections(Connection writer, ReaderPool readers) {
    this.writer = writer;
    this.readers = readers;
  }

  /**
   * Opens the store {@code options} names: creates the file owner-only if missing, checks or
   * stamps the format (L5.7), switches to WAL, and prepares the reader pool.
   *
   * @throws LedgerUnavailable, {@link thymos.ledger.spi.LedgerCorrupted} or {@link
   *     thymos.ledger.spi.LedgerFormatMismatch} as {@link StoreFormat#prepare} and {@link
   *     LedgerFile#prepare} say
   */
  static Connections open(SqliteOptions options) {
    options.file().ifPresent(LedgerFile::prepare);
    String url = options.jdbcUrl();
    Connection writer;
    try {
      writer = config(options, false).createConnection(url);
    } catch (SQLException e) {
      throw SqlErrors.map("opening the ledger", e);
    }
    try {
      StoreFormat.prepare(writer, options.file().isPresent());
    } catch (SQLException e) {
      ReaderPool.quietlyClose(writer);
      throw SqlErrors.map("checking the ledger's format", e);
    } catch (RuntimeException e) {
      ReaderPool.quietlyClose(writer);
      throw e;
    }
    ReaderPool readers = options.file().isEmpty() ? null
        : new ReaderPool(() -> config(options, true).createConnection(url), options.readers(),
            Math.max(1_000L, options.busyTimeoutMs()));
    return new Connections(writer, readers);
  }

  private static SQLiteConfig config(SqliteOptions options, boolean readOnly) {
    SQLiteConfig c = new SQLiteConfig();
    c.setBusyTimeout(options.busyTimeoutMs());
    c.setSynchronous(options.synchronousFull() ? SQLiteConfig.SynchronousMode.FULL
        : SQLiteConfig.SynchronousMode.NORMAL);
    c.setReadOnly(readOnly);
    return c;
  }

  /** Runs {@code work} on the writer connection, holding the writer lock. */
  <T> T write(String action, Work<T> work) {
    writerLock.lock();
    try {
      if (closed) {
        throw closedError();
      }
      return work.run(writer);
    } catch (SQLException e) {
      throw SqlErrors.map(action, e);
    } finally {
      writerLock.unlock();
    }
  }

  /**
   * Runs {@code work} in one write transaction ({@code BEGIN IMMEDIATE}, so the database's write
   * lock is held from the first read on, across processes too — L5.1, L5.2), committing when it
   * returns and rolling back when anything is thrown.
   */
  <T> T transaction(String action, Work<T> work) {
    return write(action, c -> {
      exec(c, "BEGIN IMMEDIATE");
      try {
        T result = work.run(c);
        exec(c, "COMMIT");
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollback(c, e);
        throw e;
      }
    });
  }

  /** Runs {@code work} on a read connection (the writer for the in-memory store). */
  <T> T read(String action, Work<T> work) {
    if (closed) {
      throw closedError();
    }
    return readers == null ? write(action, work) : readers.with(action, work);
  }

  static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  // SQLite may already have rolled back (e.g. after SQLITE_FULL); other failures are noted.
  private static void rollback(Connection c, Throwable cause) {
    try {
      exec(c, "ROLLBACK");
    } catch (SQLException e) {
      String m = String.valueOf(e.getMessage());
      if (!m.contains("no transaction is active")) {
        cause.addSuppressed(e);
      }
    }
  }

  static LedgerUnavailable closedError() {
    return new LedgerUnavailable("the sqlite ledger is closed", null);
  }

  /** Closes every connection; idempotent. */
  @Override
  public void close() {
    writerLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (readers != null) {
        readers.close();
      }
      ReaderPool.quietlyClose(writer);
    } finally {
      writerLock.unlock();
    }
  }

  boolean isClosed() {
    return closed;
  }
}
