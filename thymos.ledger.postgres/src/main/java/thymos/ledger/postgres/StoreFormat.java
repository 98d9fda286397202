package thymos.ledger.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import thymos.ledger.spi.LedgerCorrupted;
import thymos.ledger.spi.LedgerFormatMismatch;

/**
 * The storage format (L5.7) of a ledger schema: a one-row table {@code thymos_format(application,
 * version)} marks the schema as a Thymos ledger and carries the format version. Opening checks it
 * in one transaction that first takes a transaction-scoped advisory lock keyed by the schema name,
 * so runtimes booting together serialise here: the first creates the schema, tables and stamp
 * ({@code CREATE … IF NOT EXISTS}), the others find them. A schema that holds anything but has no
 * stamp is refused before anything is written to it.
 *
 * <p>Format 1: table {@code entries} with primary key {@code (trajectory_id, seq)} and a unique
 * {@code id} (the database enforces L5.2 and L2.1), ids as 32-byte {@code bytea} (whose order is
 * unsigned byte order, the {@code EntryQuery.Key} order), canonical bytes as {@code bytea} stored
 * and returned as given (L2.2), and an index in {@code EntryQuery.Key} order.
 */
final class StoreFormat {

  /** The value of {@code thymos_format.application} in a Thymos ledger. */
  static final String APPLICATION = "thymos-ledger";

  /** The storage format version this backend writes and reads (L5.7). */
  static final int FORMAT_VERSION = 1;

  /** The advisory lock's first key: ASCII {@code THYM}; the second is the schema's hash. */
  static final int LOCK_CLASS = 0x5448594D;

  private StoreFormat() {}

  private static String[] schema(String s) {
    return new String[] {
        "CREATE SCHEMA IF NOT EXISTS " + s,
        """
        CREATE TABLE IF NOT EXISTS %s.entries (
          trajectory_id bytea NOT NULL CHECK (octet_length(trajectory_id) = 32),
          seq bigint NOT NULL CHECK (seq >= 0),
          id bytea NOT NULL CHECK (octet_length(id) = 32),
          parent bytea CHECK (octet_length(parent) = 32),
          kind text NOT NULL,
          recorded_ms bigint NOT NULL,
          bytes bytea NOT NULL,
          CONSTRAINT entries_pkey PRIMARY KEY (trajectory_id, seq),
          CONSTRAINT entries_id_key UNIQUE (id)
        )""".formatted(s),
        "CREATE INDEX IF NOT EXISTS entries_by_time ON " + s
            + ".entries (recorded_ms, trajectory_id, seq)",
        "CREATE TABLE IF NOT EXISTS " + s + ".thymos_format (application text NOT NULL, "
            + "version integer NOT NULL)",
        "INSERT INTO " + s + ".thymos_format (application, version) VALUES ('" + APPLICATION
            + "', " + FORMAT_VERSION + ")",
    };
  }

  /**
   * Checks (or, for a missing or empty schema, creates) the format, in one transaction on {@code
   * c} (auto-commit off; the caller commits).
   *
   * @throws LedgerCorrupted if the schema holds something other than a Thymos ledger, or a stamp
   *     that is not one row, or no {@code entries} table
   * @throws LedgerFormatMismatch if it is a Thymos ledger of another format version
   * @throws SQLException for driver failures (mapped by the caller)
   */
  static void prepare(Connection c, String schema, String quoted) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
      s.setInt(1, LOCK_CLASS);
      s.setInt(2, schema.hashCode());
      s.execute();
    }
    // Read after the lock: at READ COMMITTED each statement sees what earlier holders committed.
    boolean stamped = count(c, "SELECT count(*) FROM pg_class k JOIN pg_namespace n ON n.oid = "
        + "k.relnamespace WHERE n.nspname = ? AND k.relname = 'thymos_format'", schema) == 1;
    if (!stamped) {
      long objects = count(c, "SELECT count(*) FROM pg_class k JOIN pg_namespace n ON n.oid = "
          + "k.relnamespace WHERE n.nspname = ?", schema)
          + count(c, "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = "
          + "p.pronamespace WHERE n.nspname = ?", schema);
      if (objects > 0) {
        throw new LedgerCorrupted("schema " + schema + " holds " + objects + " objects but no "
            + "Thymos format stamp: it is not a Thymos ledger");
      }
      try (Statement s = c.createStatement()) {
        for (String sql : schema(quoted)) {
          s.execute(sql);
        }
      }
    }
    check(c, schema, quoted);
  }

  private static void check(Connection c, String schema, String quoted) throws SQLException {
    String application = null;
    int version = 0;
    int rows = 0;
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
        "SELECT application, version FROM " + quoted + ".thymos_format")) {
      while (r.next()) {
        application = r.getString(1);
        version = r.getInt(2);
        rows++;
      }
    }
    if (rows != 1 || !APPLICATION.equals(application)) {
      throw new LedgerCorrupted("schema " + schema + " has a thymos_format table that is not a "
          + "Thymos stamp (" + rows + " rows)");
    }
    if (version != FORMAT_VERSION) {
      throw new LedgerFormatMismatch(version, FORMAT_VERSION);
    }
    if (count(c, "SELECT count(*) FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace "
        + "WHERE n.nspname = ? AND k.relname = 'entries' AND k.relkind = 'r'", schema) != 1) {
      throw new LedgerCorrupted("the Thymos ledger in schema " + schema + " has no entries table");
    }
  }

  private static long count(Connection c, String sql, String schema) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, schema);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
