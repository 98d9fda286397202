package thymos.ledger.sqlite;

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
 * The SQL of single rows of the {@code entries} table (format 1, see {@link StoreFormat}): reading
 * a row back into a {@link StoredEntry} — a row that breaks its structure is {@link
 * LedgerCorrupted} (L5.5) — and inserting rows with their bytes as given (L2.2).
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

  private EntryRows() {}

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
  static Optional<StoredEntry> at(Connection c, Hash32 trajectoryId, long seq)
      throws SQLException {
    return list(c, "SELECT " + COLUMNS + " FROM entries WHERE trajectory_id = ? AND seq = ?",
        s -> {
          s.setString(1, trajectoryId.hex());
          s.setLong(2, seq);
        }).stream().findFirst();
  }

  /** The rows of a trajectory with {@code from <= seq < to}, at most {@code limit}, by seq. */
  static List<StoredEntry> range(Connection c, Hash32 trajectoryId, long from, long to,
      int limit) throws SQLException {
    return list(c, "SELECT " + COLUMNS + " FROM entries WHERE trajectory_id = ? AND seq >= ?"
        + " AND seq < ? ORDER BY seq LIMIT ?", s -> {
          s.setString(1, trajectoryId.hex());
          s.setLong(2, from);
          s.setLong(3, to);
          s.setInt(4, limit);
        });
  }

  /** A row's seq and stored bytes. */
  record SeqBytes(long seq, byte[] bytes) {}

  /** The seq and bytes of the rows {@link #range} returns, nothing else decoded. */
  static List<SeqBytes> rangeBytes(Connection c, Hash32 trajectoryId, long from, long to,
      int limit) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT seq, bytes FROM entries"
        + " WHERE trajectory_id = ? AND seq >= ? AND seq < ? ORDER BY seq LIMIT ?")) {
      s.setString(1, trajectoryId.hex());
      s.setLong(2, from);
      s.setLong(3, to);
      s.setInt(4, limit);
      try (ResultSet r = s.executeQuery()) {
        List<SeqBytes> rows = new ArrayList<>();
        while (r.next()) {
          byte[] bytes = r.getBytes(2);
          rows.add(new SeqBytes(r.getLong(1), bytes == null ? new byte[0] : bytes));
        }
        return rows;
      }
    }
  }

  /** The trajectory's highest stored row (L5.4). */
  static Optional<Head> head(Connection c, Hash32 trajectoryId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT seq, id FROM entries WHERE trajectory_id = ? ORDER BY seq DESC LIMIT 1")) {
      s.setString(1, trajectoryId.hex());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        long seq = r.getLong(1);
        return Optional.of(decoded(trajectoryId.hex(), seq, () -> new Head(seq,
            Hash32.parse(r.getString(2)))));
      }
    }
  }

  /** Where the row with this id is stored. */
  static Optional<Position> locate(Connection c, Hash32 id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT trajectory_id, seq FROM entries WHERE id = ?")) {
      s.setString(1, id.hex());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        String traj = r.getString(1);
        long seq = r.getLong(2);
        return Optional.of(decoded(traj, seq, () -> new Position(Hash32.parse(traj), seq)));
      }
    }
  }

  /** Inserts {@code rows}; the database's keys refuse a taken position or id. */
  static void insert(Connection c, List<StoredEntry> rows) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO entries (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (StoredEntry e : rows) {
        s.setString(1, e.trajectoryId().hex());
        s.setLong(2, e.seq());
        s.setString(3, e.id().hex());
        s.setString(4, e.parent().map(Hash32::hex).orElse(null));
        s.setString(5, e.kind().wire());
        s.setLong(6, e.recordedMs());
        s.setBytes(7, e.canonicalBytes());
        s.executeUpdate();
      }
    }
  }

  /** The row at the cursor, columns {@link #COLUMNS}. */
  static StoredEntry decode(ResultSet r) throws SQLException {
    String traj = r.getString(1);
    long seq = r.getLong(2);
    String id = r.getString(3);
    String parent = r.getString(4);
    String kind = r.getString(5);
    long ms = r.getLong(6);
    byte[] bytes = r.getBytes(7);
    return decoded(traj, seq, () -> {
      EntryKind k = KINDS.get(kind);
      if (k == null) {
        throw new IllegalArgumentException("unknown kind " + kind);
      }
      return new StoredEntry(Hash32.parse(id), Hash32.parse(traj), seq,
          Optional.ofNullable(parent).map(Hash32::parse), k, ms, bytes == null ? new byte[0]
              : bytes);
    });
  }

  private interface Decoding<T> {
    T get() throws SQLException;
  }

  // A stored value that does not decode is damage to the store, not a caller error.
  private static <T> T decoded(String traj, long seq, Decoding<T> decoding) throws SQLException {
    try {
      return decoding.get();
    } catch (RuntimeException e) {
      LedgerCorrupted c = new LedgerCorrupted("the row at traj:" + traj + " seq " + seq
          + " does not decode: " + e.getMessage());
      c.addSuppressed(e);
      throw c;
    }
  }
}
