package thymos.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.ledger.spi.Capability;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerFormatMismatch;
import thymos.ledger.spi.StoredEntry;

/** The storage format stamp (06 L5.7). */
abstract class FormatRules extends RuleGroup {

  private static final Hash32 T = TckEntries.traj(1);

  FormatRules(LedgerBackendVerification tck) {
    super(tck);
  }

  @Test
  @DisplayName("L5.7: the format version is positive and the same for every handle and reopen")
  void required_L5_7_formatVersionIsStable() {
    int version = ledger.storageFormatVersion();
    assertTrue(version >= 1, "a format version is >= 1, got " + version);
    ledger.appendBatch(TckEntries.chain(T, 2));
    assertEquals(version, ledger.storageFormatVersion());
    if (ledger.capabilities().contains(Capability.DURABLE_ACROSS_REOPEN)) {
      assertEquals(version, store.reopen().storageFormatVersion());
    }
    assertEquals(version, store(false).open().storageFormatVersion(), "a fresh store");
  }

  @Test
  @DisplayName("L5.7: a store of another format version is refused with \"found N, expected M\"")
  void required_L5_7_otherFormatVersionIsRefused() {
    requireCapability(ledger, Capability.DURABLE_ACROSS_REOPEN);
    int version = ledger.storageFormatVersion();
    Optional<Runnable> newer = tck.restampFormat(store.env(), version + 1);
    assumeTrue(newer.isPresent(), "needs an override of LedgerBackendVerification.restampFormat");
    List<StoredEntry> rows = TckEntries.chain(T, 3);
    ledger.appendBatch(rows);
    store.closeHandles();
    newer.get().run();
    LedgerFormatMismatch e = assertThrows(LedgerFormatMismatch.class, store::open);
    assertEquals(version + 1, e.found());
    assertEquals(version, e.expected());
    assertEquals("THY-L507", e.code());
    assertTrue(e.getMessage().contains("found " + (version + 1) + ", expected " + version),
        e.getMessage());
    // The refused store is left as it was: stamped back, it opens with its entries.
    store.closeHandles();
    tck.restampFormat(store.env(), version).orElseThrow().run();
    LedgerBackend again = store.open();
    assertEquals(rows, stored(again, T));
    assertEquals(version, again.storageFormatVersion());
  }
}
