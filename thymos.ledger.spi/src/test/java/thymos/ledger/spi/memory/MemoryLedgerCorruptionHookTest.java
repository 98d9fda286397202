package thymos.ledger.spi.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.ledger.spi.Capability;
import thymos.ledger.spi.CorruptionHook;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.Rows;
import thymos.ledger.spi.StoredEntry;

/** The declared capabilities (K2.6) and the tampering hook (K2.4) of the reference backend. */
class MemoryLedgerCorruptionHookTest {

  private static final Hash32 T = Rows.traj(1);
  private final MemoryLedger ledger = new MemoryLedger();
  private final List<StoredEntry> rows = Rows.chain(T, 4);

  private List<StoredEntry> stored() {
    try (Stream<StoredEntry> s = ledger.read(T)) {
      return s.toList();
    }
  }

  private CorruptionHook hook() {
    ledger.appendBatch(rows);
    return ledger.corruptionHook().orElseThrow();
  }

  @Test
  @DisplayName("K2.6: memory declares the hook, and neither durability nor processes")
  void capabilitiesAreDeclaredHonestly() {
    assertEquals(Set.of(Capability.CORRUPTION_HOOK), ledger.capabilities());
    assertTrue(ledger.corruptionHook().isPresent());
    assertEquals(MemoryLedger.FORMAT_VERSION, ledger.storageFormatVersion());
  }

  @Test
  @DisplayName("K2.4: replaced bytes are what reads return; the columns stay")
  void replacedBytesAreReadBack() {
    hook().replaceStoredBytes(T, 2, rows.get(1).canonicalBytes());
    StoredEntry tampered = stored().get(2);
    assertArrayEquals(rows.get(1).canonicalBytes(), tampered.canonicalBytes());
    assertEquals(rows.get(2).id(), tampered.id());
    assertEquals(2, tampered.seq());
    assertEquals(tampered, ledger.query(EntryQuery.all(), PageRequest.first(10)).items().get(2));
    assertEquals(Optional.of(Head.of(rows.get(3))), ledger.head(T));
  }

  @Test
  @DisplayName("K2.4: a removed row leaves a gap; removing the last moves the head back")
  void removedRowsLeaveAGap() {
    CorruptionHook hook = hook();
    hook.removeStored(T, 1);
    assertEquals(List.of(rows.get(0), rows.get(2), rows.get(3)), stored());
    assertEquals(Optional.empty(), ledger.locate(rows.get(1).id()));
    hook.removeStored(T, 3);
    hook.removeStored(T, 2);
    assertEquals(Optional.of(Head.of(rows.get(0))), ledger.head(T));
    hook.removeStored(T, 0);
    assertEquals(Optional.empty(), ledger.head(T));
    assertEquals(List.of(), ledger.trajectories(PageRequest.first(5)).items());
  }

  @Test
  @DisplayName("K2.4: tampering a missing row is refused")
  void missingRowsCannotBeTampered() {
    CorruptionHook hook = hook();
    assertThrows(IllegalArgumentException.class, () -> hook.removeStored(T, 4));
    assertThrows(IllegalArgumentException.class,
        () -> hook.replaceStoredBytes(Rows.traj(2), 0, new byte[] {1}));
    hook.removeStored(T, 1);
    assertThrows(IllegalArgumentException.class, () -> hook.removeStored(T, 1));
  }
}
