package thymos.ledger.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import thymos.api.crypto.Hash32;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.EntryQuerySql;
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
    // Ids are stored as hex text, whose order is their bytes' order.
    EntryQuerySql q = EntryQuerySql.of("SELECT " + EntryRows.COLUMNS + " FROM entries", query,
        page, Hash32::hex);
    return EntryRows.list(c, q.sql(), s -> {
      for (int i = 0; i < q.args().size(); i++) {
        s.setObject(i + 1, q.args().get(i));
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
