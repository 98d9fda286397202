package thymos.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.ledger.spi.Capability;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.memory.MemoryLedger;

/**
 * The TCK against the in-memory reference backend (L7.3). Memory is not durable: every {@code
 * create} is a new empty store, so the reopen tests skip, naming DURABLE_ACROSS_REOPEN (K2.6).
 */
class MemoryBackendTckTest extends LedgerBackendVerification {

  @Override
  protected LedgerBackend create(TckEnvironment env) {
    return new MemoryLedger();
  }

  @Test
  @DisplayName("K2.6: memory declares the hook, and neither durability nor processes")
  void capabilitiesAreDeclaredHonestly() {
    try (MemoryLedger ledger = new MemoryLedger()) {
      assertEquals(Set.of(Capability.CORRUPTION_HOOK), ledger.capabilities());
      assertTrue(ledger.corruptionHook().isPresent());
      assertEquals(MemoryLedger.FORMAT_VERSION, ledger.storageFormatVersion());
      ledger.close();
      assertTrue(ledger.toString().contains("closed"), ledger.toString());
    }
  }
}
