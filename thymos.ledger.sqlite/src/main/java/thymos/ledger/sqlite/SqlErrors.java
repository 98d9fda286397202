package thymos.ledger.sqlite;

import java.sql.SQLException;
import org.sqlite.SQLiteException;
import thymos.api.LedgerException;
import thymos.ledger.spi.LedgerCorrupted;
import thymos.ledger.spi.LedgerUnavailable;

/**
 * Turns the driver's {@link SQLException}s into the SPI's typed errors (L5.6): a file that is not
 * a database or whose pages are damaged is {@link LedgerCorrupted}; everything else — locks held
 * past the busy timeout, a full disk, a read-only file, I/O errors — is {@link LedgerUnavailable}.
 * Messages name SQLite's result code, never the file path (it may be sensitive).
 */
final class SqlErrors {

  // SQLite primary result codes (https://sqlite.org/rescode.html).
  static final int BUSY = 5;
  static final int LOCKED = 6;
  static final int READONLY = 8;
  static final int CORRUPT = 11;
  static final int FULL = 13;
  static final int CONSTRAINT = 19;
  static final int FORMAT = 24;
  static final int NOTADB = 26;

  private SqlErrors() {}

  /** SQLite's primary result code of {@code e} (the low byte of an extended code). */
  static int primaryCode(SQLException e) {
    int code = e instanceof SQLiteException s && s.getResultCode().code > 0
        ? s.getResultCode().code : e.getErrorCode();
    return code & 0xff;
  }

  /** The typed error for {@code e}, which happened while doing {@code action}. */
  static LedgerException map(String action, SQLException e) {
    int code = primaryCode(e);
    String why = switch (code) {
      case BUSY, LOCKED -> "the database stayed locked by another connection past the busy timeout";
      case FULL -> "the disk (or the database's page limit) is full";
      case READONLY -> "the database is read-only";
      case CORRUPT, NOTADB, FORMAT -> null;
      default -> "SQLite error";
    };
    String sqlite = e.getMessage() == null ? "code " + code : e.getMessage();
    if (why == null) {
      LedgerCorrupted c = new LedgerCorrupted("the ledger file is not an intact SQLite database ("
          + action + "): " + sqlite);
      c.addSuppressed(e); // LedgerCorrupted takes no cause
      return c;
    }
    return new LedgerUnavailable(action + ": " + why + " (" + sqlite + ")", e);
  }
}
