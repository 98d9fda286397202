package thymos.ledger.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import thymos.ledger.spi.LedgerCorrupted;
import thymos.ledger.spi.LedgerFormatMismatch;
import thymos.ledger.spi.LedgerUnavailable;

/**
 * The storage format (L5.7): the SQLite header's {@code application_id} marks a Thymos ledger and
 * its {@code user_version} is the format version. A blank database is stamped and given the
 * schema in one write transaction, so processes booting together create it once; any other store
 * is refused before anything is written to it.
 *
 * <p>Format 1: one STRICT table {@code entries}, primary key {@code (trajectory_id, seq)} and a
 * unique {@code id} (the database enforces L5.2 and L2.1), plus an index in {@code EntryQuery.Key}
 * order. Ids are lowercase hex text, so text order is the ids' unsigned byte order; the canonical
 * bytes are a BLOB, stored and returned as given (L2.2).
 */
final class StoreFormat {

  /** The SQLite {@code application_id} of a Thymos ledger: ASCII {@code THYM}. */
  static final int APPLICATION_ID = 0x5448594D;

  /** The storage format version this backend writes and reads (L5.7). */
  static final int FORMAT_VERSION = 1;

  private static final String[] SCHEMA = {
      """
      CREATE TABLE entries (
        trajectory_id TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq >= 0),
        id TEXT NOT NULL UNIQUE,
        parent TEXT,
        kind TEXT NOT NULL,
        recorded_ms INTEGER NOT NULL,
        bytes BLOB NOT NULL,
        PRIMARY KEY (trajectory_id, seq)
      ) STRICT""",
      "CREATE INDEX entries_by_time ON entries (recorded_ms, trajectory_id, seq)",
      "PRAGMA application_id = " + APPLICATION_ID,
      "PRAGMA user_version = " + FORMAT_VERSION,
  };

  private StoreFormat() {}

  private record Stamp(int applicationId, int version, int objects, boolean hasEntries) {
    boolean blank() {
      return applicationId == 0 && version == 0 && objects == 0;
    }
  }

  /**
   * Checks (or, for a blank database, creates) the format, then switches a file store to WAL.
   *
   * @throws LedgerCorrupted if the database is not a Thymos ledger
   * @throws LedgerFormatMismatch if it is a Thymos ledger of another format version
   * @throws LedgerUnavailable if WAL cannot be enabled
   * @throws SQLException for driver failures (mapped by the caller)
   */
  static void prepare(Connection c, boolean file) throws SQLException {
    Stamp stamp = stamp(c);
    // The stamp is read with several statements: a process creating the store meanwhile can make
    // the reading torn (application_id 0 from before its commit, the tables from after). A
    // Thymos application_id can only come from a committed stamp; anything else is read again
    // under the write lock, where no other process can commit.
    if (stamp.applicationId() != APPLICATION_ID) {
      Connections.exec(c, "BEGIN IMMEDIATE");
      try {
        stamp = stamp(c); // another process may have created it meanwhile
        if (stamp.blank()) {
          for (String sql : SCHEMA) {
            Connections.exec(c, sql);
          }
          stamp = new Stamp(APPLICATION_ID, FORMAT_VERSION, 2, true);
        }
        Connections.exec(c, "COMMIT");
      } catch (SQLException | RuntimeException e) {
        try {
          Connections.exec(c, "ROLLBACK");
        } catch (SQLException r) {
          e.addSuppressed(r);
        }
        throw e;
      }
    }
    check(stamp);
    if (file) {
      // Only now: switching a foreign database to WAL would change it.
      String mode = text(c, "PRAGMA journal_mode = WAL");
      if (!"wal".equalsIgnoreCase(mode)) {
        throw new LedgerUnavailable("the ledger cannot use the WAL journal (journal mode stays "
            + mode + ")", null);
      }
    }
  }

  private static void check(Stamp s) {
    if (s.applicationId() != APPLICATION_ID) {
      throw new LedgerCorrupted("the file is an SQLite database but not a Thymos ledger "
          + "(application_id " + Integer.toHexString(s.applicationId()) + ", expected "
          + Integer.toHexString(APPLICATION_ID) + ")");
    }
    if (s.version() != FORMAT_VERSION) {
      throw new LedgerFormatMismatch(s.version(), FORMAT_VERSION);
    }
    if (!s.hasEntries()) {
      throw new LedgerCorrupted("the Thymos ledger has no entries table");
    }
  }

  private static Stamp stamp(Connection c) throws SQLException {
    int app = Integer.parseInt(text(c, "PRAGMA application_id"));
    int version = Integer.parseInt(text(c, "PRAGMA user_version"));
    int objects = Integer.parseInt(text(c, "SELECT count(*) FROM sqlite_schema"));
    int entries = Integer.parseInt(text(c,
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'entries'"));
    return new Stamp(app, version, objects, entries == 1);
  }

  private static String text(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getString(1) : "";
    }
  }
}
