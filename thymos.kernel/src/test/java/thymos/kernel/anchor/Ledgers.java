package thymos.kernel.anchor;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.model.Entry;
import thymos.api.model.RootPayload;
import thymos.api.model.UsagePayload;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.StoredEntry;

/** Test trajectories appended through the ledger SPI. */
final class Ledgers {

  private Ledgers() {}

  /** The id of the test trajectory {@code name}. */
  static Hash32 id(String name) {
    return Ids.blake3(name.getBytes(StandardCharsets.UTF_8));
  }

  /** Creates trajectory {@code name} with a root and {@code more} usage entries. */
  static Hash32 trajectory(LedgerBackend ledger, String name, int more) {
    Hash32 id = id(name);
    Hash32 writ = Ids.blake3(("writ " + name).getBytes(StandardCharsets.UTF_8));
    ledger.append(StoredEntry.of(Entry.create(id, 0, Optional.empty(), 1000,
        RootPayload.bound(writ, "anchor test"))));
    grow(ledger, id, more);
    return id;
  }

  /** Appends {@code count} usage entries to trajectory {@code id}. */
  static void grow(LedgerBackend ledger, Hash32 id, int count) {
    for (int i = 0; i < count; i++) {
      var head = ledger.head(id).orElseThrow();
      ledger.append(StoredEntry.of(Entry.create(id, head.seq() + 1, Optional.of(head.id()),
          1000 + head.seq() + 1, new UsagePayload("test", "model", head.seq(), 10, 20, 30))));
    }
  }
}
