package thymos.ledger.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import thymos.api.crypto.Hash32;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.EntryQuerySql;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.StoredEntry;

/**
 * The listings of L5.4 in SQL: the audit query — the filters of an {@link EntryQuery} as bound
 * parameters, the page key as a row-value comparison on the {@code entries_by_time} index, in
 * {@link EntryQuery.Key} order (recorded time, trajectory id as {@code bytea}, whose order is the
 * ids' unsigned byte order, seq) — and the trajectory listing as a loose index scan.
 */
final class EntryQueries {

  private final String table;
  private final String trajectoriesSql;

  EntryQueries(String table) {
    this.table = table;
    // One primary-key seek per trajectory, however many entries each holds.
    this.trajectoriesSql = """
        WITH RECURSIVE t(id, n) AS (
          SELECT (SELECT trajectory_id FROM %1$s WHERE trajectory_id > ?
                  ORDER BY trajectory_id LIMIT 1), 1
          UNION ALL
          SELECT (SELECT trajectory_id FROM %1$s WHERE trajectory_id > t.id
                  ORDER BY trajectory_id LIMIT 1), n + 1
          FROM t WHERE t.id IS NOT NULL AND n <= ?)
        SELECT id FROM t WHERE id IS NOT NULL ORDER BY n""".formatted(table);
  }

  /** At most {@code limit + 1} trajectory ids after {@code after}; the extra one shows more. */
  List<Hash32> trajectories(Connection c, PageRequest<Hash32> page) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(trajectoriesSql)) {
      // The empty bytea sorts before every id.
      s.setBytes(1, page.after().map(Hash32::bytes).orElse(new byte[0]));
      s.setInt(2, page.limit());
      try (ResultSet r = s.executeQuery()) {
        List<Hash32> found = new ArrayList<>();
        while (r.next()) {
          found.add(EntryRows.trajectoryId(r.getBytes(1)));
        }
        return found;
      }
    }
  }

  /** At most {@code page.limit() + 1} matching rows after the page key; the extra one shows more. */
  List<StoredEntry> run(Connection c, EntryQuery query, PageRequest<EntryQuery.Key> page)
      throws SQLException {
    // Ids are stored as bytea, whose order is the ids' unsigned byte order.
    EntryQuerySql q = EntryQuerySql.of("SELECT " + EntryRows.COLUMNS + " FROM " + table, query,
        page, Hash32::bytes);
    return EntryRows.list(c, q.sql(), s -> {
      for (int i = 0; i < q.args().size(); i++) {
        s.setObject(i + 1, q.args().get(i));
      }
    });
  }
}
