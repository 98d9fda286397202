package thymos.ledger.sqlite;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import thymos.api.crypto.Hash32;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerConfig;
import thymos.ledger.spi.Ledgers;
import thymos.ledger.spi.StoredEntry;

/** Opens test ledgers through {@link Ledgers} (L6), as applications do. */
final class TestLedgers {

  private TestLedgers() {}

  /** The ledger in {@code file}, with options given as key, value, key, value… */
  static SqliteLedger open(Path file, String... options) {
    return open("sqlite:" + file, options);
  }

  /** The ledger at {@code uri}. */
  static SqliteLedger open(String uri, String... options) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < options.length; i += 2) {
      map.put(options[i], options[i + 1]);
    }
    LedgerBackend b = Ledgers.open(new LedgerConfig(uri, map));
    return (SqliteLedger) b;
  }

  /** Every entry of {@code traj}, read through a closed stream. */
  static List<StoredEntry> stored(LedgerBackend ledger, Hash32 traj) {
    try (Stream<StoredEntry> s = ledger.read(traj)) {
      return s.toList();
    }
  }
}
