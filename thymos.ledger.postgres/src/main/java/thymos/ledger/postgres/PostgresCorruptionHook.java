package thymos.ledger.postgres;

import java.sql.PreparedStatement;
import thymos.api.crypto.Hash32;
import thymos.ledger.spi.CorruptionHook;

/**
 * The K2.4 tampering hook on the PostgreSQL store: plain {@code UPDATE} and {@code DELETE} of one
 * row, bypassing every append rule, so tests can prove replay's tamper evidence (I4). Offered only
 * when the ledger is opened with {@value PostgresLedgerProvider#CORRUPTION_HOOK_OPTION}{@code
 * =true}.
 */
final class PostgresCorruptionHook implements CorruptionHook {

  private final ConnectionPool pool;
  private final String table;

  PostgresCorruptionHook(ConnectionPool pool, String table) {
    this.pool = pool;
    this.table = table;
  }

  @Override
  public void replaceStoredBytes(Hash32 trajectoryId, long seq, byte[] bytes) {
    if (bytes.length == 0) {
      throw new IllegalArgumentException("[L2.2] canonical bytes are empty");
    }
    change("UPDATE " + table + " SET bytes = ? WHERE trajectory_id = ? AND seq = ?", trajectoryId,
        seq, bytes.clone());
  }

  @Override
  public void removeStored(Hash32 trajectoryId, long seq) {
    change("DELETE FROM " + table + " WHERE trajectory_id = ? AND seq = ?", trajectoryId, seq,
        null);
  }

  private void change(String sql, Hash32 trajectoryId, long seq, byte[] bytes) {
    int changed = pool.transaction("tampering with a row", c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        int i = 1;
        if (bytes != null) {
          s.setBytes(i++, bytes);
        }
        s.setBytes(i++, trajectoryId.bytes());
        s.setLong(i, seq);
        return s.executeUpdate();
      }
    });
    if (changed == 0) {
      throw new IllegalArgumentException("no row at traj:" + trajectoryId.hex() + " seq " + seq);
    }
  }
}
