package thymos.ledger.postgres;

import java.util.List;
import java.util.stream.Stream;
import thymos.api.crypto.Hash32;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.Ledgers;
import thymos.ledger.spi.StoredEntry;

/** Opens test ledgers through {@link Ledgers} (L6), as applications do. */
final class TestLedgers {

  private TestLedgers() {}

  /** The ledger in {@code schema} of the test server, with options as key, value, key, value… */
  static PostgresLedger open(String schema, String... options) {
    LedgerBackend b = Ledgers.open(TestServer.config(schema, options));
    return (PostgresLedger) b;
  }

  /** Every entry of {@code traj}, read through a closed stream. */
  static List<StoredEntry> stored(LedgerBackend ledger, Hash32 traj) {
    try (Stream<StoredEntry> s = ledger.read(traj)) {
      return s.toList();
    }
  }
}
