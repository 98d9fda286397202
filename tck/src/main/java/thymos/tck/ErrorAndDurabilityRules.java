package thymos.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import thymos.api.crypto.Hash32;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.Capability;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerUnavailable;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.Position;
import thymos.ledger.spi.StoredEntry;

/** Typed errors (06 L5.6) and durability across closing and reopening (L5.1). */
abstract class ErrorAndDurabilityRules extends RuleGroup {

  private static final Hash32 T = TckEntries.traj(1);
  private static final Hash32 U = TckEntries.traj(2);

  ErrorAndDurabilityRules(LedgerBackendVerification tck) {
    super(tck);
  }

  @Test
  @DisplayName("L5.6: a closed backend reports LedgerUnavailable from every call; close is"
      + " idempotent")
  void required_L5_6_closedBackendIsUnavailable() {
    List<StoredEntry> rows = TckEntries.chain(T, 2);
    ledger.appendBatch(rows);
    ledger.close();
    ledger.close();
    List<Executable> calls = List.of(
        () -> ledger.head(T),
        () -> ledger.read(T).close(),
        () -> ledger.read(T, 0, 1).close(),
        () -> ledger.readBytes(T).close(),
        () -> ledger.append(TckEntries.chain(U, 1).get(0)),
        () -> ledger.appendBatch(TckEntries.chain(U, 2)),
        () -> ledger.appendBatch(List.of()),
        () -> ledger.locate(rows.get(0).id()),
        () -> ledger.trajectories(PageRequest.first(5)),
        () -> ledger.query(EntryQuery.all(), PageRequest.first(5)));
    for (int i = 0; i < calls.size(); i++) {
      LedgerUnavailable e = assertThrows(LedgerUnavailable.class, calls.get(i), "call " + i);
      assertEquals("THY-L506", e.code());
    }
  }

  @Test
  @DisplayName("L5.6: refusals are the SPI's typed errors, with codes and rules")
  void required_L5_6_refusalsAreTyped() {
    List<StoredEntry> rows = TckEntries.chain(T, 2);
    ledger.appendBatch(rows);
    AppendConflict c = assertThrows(AppendConflict.class,
        () -> ledger.append(TckEntries.row(T, 1, Optional.of(rows.get(0).id()), 3, 1)));
    assertEquals("THY-L501", c.code());
    assertEquals(Optional.of("L5.1"), c.rule());
    assertEquals(Optional.of(Head.of(rows.get(1))), c.actualHead());
    // Reads of what does not exist are empty answers, not errors.
    assertEquals(Optional.empty(), ledger.head(U));
    assertEquals(List.of(), stored(U));
    assertEquals(Optional.empty(), ledger.locate(TckEntries.madeUp(8, 8)));
    assertEquals(List.of(), ledger.query(EntryQuery.all().inTrajectory(U),
        PageRequest.first(1)).items());
  }

  @Test
  @DisplayName("L5.1: appended entries survive closing and reopening the store")
  void required_L5_1_entriesAreDurableAcrossReopen() {
    requireCapability(ledger, Capability.DURABLE_ACROSS_REOPEN);
    TckStore durable = store(true);
    LedgerBackend first = durable.open();
    List<StoredEntry> rows = TckEntries.chain(T, 5);
    first.append(rows.get(0));
    first.appendBatch(rows.subList(1, 5));
    List<StoredEntry> other = TckEntries.chain(U, 3);
    first.appendBatch(other);
    LedgerBackend again = durable.reopen();
    assertEquals(rows, stored(again, T));
    assertEquals(other, stored(again, U));
    assertEquals(Optional.of(Head.of(rows.get(4))), again.head(T));
    assertEquals(Optional.of(new Position(U, 2)), again.locate(other.get(2).id()));
    assertEquals(List.of(U, T).stream().sorted((a, b) -> a.hex().compareTo(b.hex())).toList(),
        again.trajectories(PageRequest.first(10)).items());
    assertEquals(8, again.query(EntryQuery.all(), PageRequest.first(10)).items().size());
    // The reopened store enforces the same rules and continues the chain.
    assertThrows(AppendConflict.class,
        () -> again.append(TckEntries.row(T, 5, Optional.of(rows.get(3).id()), 0, 1)));
    again.append(rows.get(4));
    StoredEntry next = TckEntries.row(T, 5, Optional.of(rows.get(4).id()), 0, 1);
    again.append(next);
    assertEquals(Optional.of(Head.of(next)), durable.reopen().head(T));
  }

  @Test
  @DisplayName("L5.4: reads of committed entries are repeatable after reopening")
  void required_L5_4_readsAreRepeatableAfterReopen() {
    requireCapability(ledger, Capability.DURABLE_ACROSS_REOPEN);
    List<StoredEntry> rows = TckEntries.chain(T, 600);
    ledger.appendBatch(rows);
    List<StoredEntry> first = stored(T);
    List<byte[]> bytes = storedBytes(ledger, T, 0, 600);
    LedgerBackend again = store.reopen();
    assertEquals(first, stored(again, T));
    List<byte[]> after = storedBytes(again, T, 0, 600);
    for (int i = 0; i < 600; i++) {
      assertArrayEquals(bytes.get(i), after.get(i), "entry " + i);
    }
  }

  @Test
  @DisplayName("L5.1, L5.2: handles open on one store at once see each other's appends")
  void required_L5_2_handlesShareOneStore() {
    requireCapability(ledger, Capability.CONCURRENT_PROCESSES);
    LedgerBackend second = store.open();
    List<StoredEntry> rows = TckEntries.chain(T, 3);
    ledger.append(rows.get(0));
    second.append(rows.get(1));
    assertThrows(AppendConflict.class, () -> ledger.append(
        TckEntries.row(T, 1, Optional.of(rows.get(0).id()), 4, 1)));
    ledger.append(rows.get(2));
    assertEquals(rows, stored(second, T));
    assertEquals(Optional.of(Head.of(rows.get(2))), second.head(T));
  }
}
