package thymos.ledger.sqlite;

import thymos.ledger.spi.LedgerBackend;
import thymos.tck.LedgerBackendVerification;
import thymos.tck.TckEnvironment;

/**
 * The TCK (spec 10) against {@code sqlite::memory:} stores: each open is a new private store, so
 * like the memory backend it declares neither durability nor processes and the reopen tests skip,
 * naming the capability (K2.6).
 */
class SqliteInMemoryTckTest extends LedgerBackendVerification {

  @Override
  protected LedgerBackend create(TckEnvironment env) {
    return TestLedgers.open("sqlite::memory:", "corruption_hook", "true");
  }
}
