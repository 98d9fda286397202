package thymos.ledger.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import thymos.api.crypto.Hash32;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.LedgerCorrupted;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.StoredEntry;

/**
 * The audit listing of L5.4 in SQL: the filters of an {@link EntryQuery} as bound parameters, the
 * page key as a row-value comparison on the {@code entries_by_time} index, in {@link
 * EntryQuery.Key} order (recorded time, trajectory id as hex text — its bytes' order —, seq).
 */
final class EntryQueries {

  private EntryQueries() {}

  /** At most {@code page.limit() + 1} matching rows after the page key; the extra one shows more. */
  static List<StoredEntry> run(Connection c, EntryQuery query, PageRequest<EntryQuery.Key> page)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + EntryRows.COLUMNS
        + " FROM entries WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    page.after().ifPresent(k -> {
      sql.append(" AND (recorded_ms, trajectory_id, seq) > (?, ?, ?)");
      args.add(k.recordedMs());
      args.add(k.trajectoryId().hex());
      args.add(k.seq());
    });
    query.kind().ifPresent(k -> {
      sql.append(" AND kind = ?");
      args.add(k.wire());
    });
    query.trajectoryId().ifPresent(t -> {
      sql.append(" AND trajectory_id = ?");
      args.add(t.hex());
    });
    if (query.fromMs().isPresent()) {
      sql.append(" AND recorded_ms >= ?");
      args.add(query.fromMs().getAsLong());
    }
    if (query.toMs().isPresent()) {
      sql.append(" AND recorded_ms < ?");
      args.add(query.toMs().getAsLong());
    }
    sql.append(" ORDER BY recorded_ms, trajectory_id, seq LIMIT ?");
    args.add((long) page.limit() + 1);
    return EntryRows.list(c, sql.toString(), s -> {
      for (int i = 0; i < args.size(); i++) {
        Object a = args.get(i);
        if (a instanceof Long l) {
          s.setLong(i + 1, l);
        } else {
          s.setString(i + 1, (String) a);
        }
      }
    });
  }

  /** A stored trajectory id. */
  static Hash32 trajectoryId(String hex) {
    try {
      return Hash32.parse(hex);
    } catch (RuntimeException e) {
      LedgerCorrupted c = new LedgerCorrupted("a stored trajectory id is not 32 bytes of hex");
      c.addSuppressed(e);
      throw c;
    }
  }
}
