package thymos.ledger.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.model.EntryKind;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.LedgerCorrupted;
import thymos.ledger.spi.Position;
import thymos.ledger.spi.StoredEntry;

/**
 * The SQL of single rows of one schema's {@code entries} table (format 1, see {@link
 * StoreFormat}): reading a row back into a {@link StoredEntry} — a row that breaks its structure
 * is {@link LedgerCorrupted} (L5.5) — and inserting rows with their bytes as given (L2.2).
 */
final class EntryRows {

  /** The columns {@link #decode} reads, in order. */
  static final String COLUMNS = "trajectory_id, seq, id, parent, kind, recorded_ms, bytes";

  private static final Map<String, EntryKind> KINDS = new HashMap<>();

  static {
    for (EntryKind k : EntryKind.values()) {
      KINDS.put(k.wire(), k);
    }
  }

  /** The schema-qualified table, e.g. {@code "thymos".entries}. */
  final String table;
  private final String atSql;
  private final String rangeSql;
  private final String rangeBytesSql;
  private final String headSql;
  private final String locateSql;
  private final String insertSql;
  private final String insertRootSql;
  private final String insertNextSql;

  EntryRows(String quotedSchema) {
    table = quotedSchema + ".entries";
    atSql = "SELECT " + COLUMNS + " FROM " + table + " WHERE trajectory_id = ? AND seq = ?";
    rangeSql = "SELECT " + COLUMNS + " FROM " + table + " WHERE trajectory_id = ? AND seq >= ?"
        + " AND seq < ? ORDER BY seq LIMIT ?";
    rangeBytesSql = "SELECT seq, bytes FROM " + table + " WHERE trajectory_id = ? AND seq >= ?"
        + " AND seq < ? ORDER BY seq LIMIT ?";
    headSql = "SELECT seq, id FROM " + table + " WHERE trajectory_id = ? ORDER BY seq DESC"
        + " LIMIT 1";
    locateSql = "SELECT trajectory_id, seq FROM " + table + " WHERE id = ?";
    // A taken position or id skips the row instead of aborting the transaction, so the caller
    // can name the reason in the same transaction (see PostgresLedger#insert).
    insertSql = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT DO NOTHING";
    // One statement that inserts only where the row follows the head (L5.1), for auto-commit.
    String insertIf = "INSERT INTO " + table + " (" + COLUMNS + ") SELECT ?, ?, ?, ?, ?, ?, ?"
        + " WHERE ";
    insertRootSql = insertIf + "NOT EXISTS (SELECT 1 FROM " + table + " WHERE trajectory_id = ?)"
        + " ON CONFLICT DO NOTHING";
    insertNextSql = insertIf + "(SELECT seq FROM " + table + " WHERE trajectory_id = ? ORDER BY"
        + " seq DESC LIMIT 1) = ? AND EXISTS (SELECT 1 FROM " + table + " WHERE trajectory_id = ?"
        + " AND seq = ? AND id = ?) ON CONFLICT DO NOTHING";
  }

  /** Binds the parameters of a prepared statement. */
  interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  /** The rows {@code sql} (selecting {@link #COLUMNS}) returns, in its order. */
  static List<StoredEntry> list(Connection c, String sql, Binder binder) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      try (ResultSet r = s.executeQuery()) {
        List<StoredEntry> rows = new ArrayList<>();
        while (r.next()) {
          rows.add(decode(r));
        }
        return rows;
      }
    }
  }

  /** The row at {@code (trajectoryId, seq)}, if one is stored. */
  Optional<StoredEntry> at(Connection c, Hash32 trajectoryId, long seq) throws SQLException {
    return list(c, atSql, s -> {
      s.setBytes(1, trajectoryId.bytes());
      s.setLong(2, seq);
    }).stream().findFirst();
  }

  /** The rows of a trajectory with {@code from <= seq < to}, at most {@code limit}, by seq. */
  List<StoredEntry> range(Connection c, Hash32 trajectoryId, long from, long to, int limit)
      throws SQLException {
    return list(c, rangeSql, s -> {
      s.setBytes(1, trajectoryId.bytes());
      s.setLong(2, from);
      s.setLong(3, to);
      s.setInt(4, limit);
    });
  }

  /** A row's seq and stored bytes. */
  record SeqBytes(long seq, byte[] bytes) {}

  /** The seq and bytes of the rows {@link #range} returns, nothing else decoded. */
  List<SeqBytes> rangeBytes(Connection c, Hash32 trajectoryId, long from, long to, int limit)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(rangeBytesSql)) {
      s.setBytes(1, trajectoryId.bytes());
      s.setLong(2, from);
      s.setLong(3, to);
      s.setInt(4, limit);
      try (ResultSet r = s.executeQuery()) {
        List<SeqBytes> found = new ArrayList<>();
        while (r.next()) {
          byte[] bytes = r.getBytes(2);
          found.add(new SeqBytes(r.getLong(1), bytes == null ? new byte[0] : bytes));
        }
        return found;
      }
    }
  }

  /** The trajectory's highest stored row (L5.4). */
  Optional<Head> head(Connection c, Hash32 trajectoryId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(headSql)) {
      s.setBytes(1, trajectoryId.bytes());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        long seq = r.getLong(1);
        byte[] id = r.getBytes(2);
        return Optional.of(decoded(trajectoryId.hex(), seq, () -> new Head(seq, Hash32.of(id))));
      }
    }
  }

  /** Where the row with this id is stored. */
  Optional<Position> locate(Connection c, Hash32 id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(locateSql)) {
      s.setBytes(1, id.bytes());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        byte[] traj = r.getBytes(1);
        long seq = r.getLong(2);
        return Optional.of(decoded(hex(traj), seq, () -> new Position(Hash32.of(traj), seq)));
      }
    }
  }

  /**
   * Inserts {@code rows} in order and returns the first one the database skipped because its
   * position or id is taken (the rows after it are not tried); empty when all were inserted.
   */
  Optional<StoredEntry> insert(Connection c, List<StoredEntry> rows) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(insertSql)) {
      for (StoredEntry e : rows) {
        bindRow(s, e);
        if (s.executeUpdate() == 0) {
          return Optional.of(e);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Inserts {@code e} in one statement if it follows the trajectory's head — seq 0 of a missing
   * trajectory, or head seq + 1 with the head's id as parent — and its position and id are free;
   * returns whether it was inserted. A refusal stores nothing and says nothing about why.
   */
  boolean insertIfNext(Connection c, StoredEntry e) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(e.seq() == 0 ? insertRootSql
        : insertNextSql)) {
      bindRow(s, e);
      s.setBytes(8, e.trajectoryId().bytes());
      if (e.seq() > 0) {
        s.setLong(9, e.seq() - 1);
        s.setBytes(10, e.trajectoryId().bytes());
        s.setLong(11, e.seq() - 1);
        s.setBytes(12, e.parent().orElseThrow().bytes());
      }
      return s.executeUpdate() == 1;
    }
  }

  private static void bindRow(PreparedStatement s, StoredEntry e) throws SQLException {
    s.setBytes(1, e.trajectoryId().bytes());
    s.setLong(2, e.seq());
    s.setBytes(3, e.id().bytes());
    s.setBytes(4, e.parent().map(Hash32::bytes).orElse(null));
    s.setString(5, e.kind().wire());
    s.setLong(6, e.recordedMs());
    s.setBytes(7, e.canonicalBytes());
  }

  /** The row at the cursor, columns {@link #COLUMNS}. */
  static StoredEntry decode(ResultSet r) throws SQLException {
    byte[] traj = r.getBytes(1);
    long seq = r.getLong(2);
    byte[] id = r.getBytes(3);
    byte[] parent = r.getBytes(4);
    String kind = r.getString(5);
    long ms = r.getLong(6);
    byte[] bytes = r.getBytes(7);
    return decoded(hex(traj), seq, () -> {
      EntryKind k = KINDS.get(kind);
      if (k == null) {
        throw new IllegalArgumentException("unknown kind " + kind);
      }
      return new StoredEntry(Hash32.of(id), Hash32.of(traj), seq,
          Optional.ofNullable(parent).map(Hash32::of), k, ms, bytes == null ? new byte[0]
              : bytes);
    });
  }

  /** A stored trajectory id. */
  static Hash32 trajectoryId(byte[] stored) {
    return decoded(hex(stored), -1, () -> Hash32.of(stored));
  }

  // For messages: the stored bytes as hex, whatever their length.
  static String hex(byte[] b) {
    if (b == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(b.length * 2);
    for (byte x : b) {
      sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
    }
    return sb.toString();
  }

  private interface Decoding<T> {
    T get();
  }

  // A stored value that does not decode is damage to the store, not a caller error.
  private static <T> T decoded(String traj, long seq, Decoding<T> decoding) {
    try {
      return decoding.get();
    } catch (RuntimeException e) {
      LedgerCorrupted c = new LedgerCorrupted("the row at traj:" + traj
          + (seq >= 0 ? " seq " + seq : "") + " does not decode: " + e.getMessage());
      c.addSuppressed(e);
      throw c;
    }
  }
}
