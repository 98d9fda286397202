package thymos.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.api.model.EntryKind;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.DuplicateEntryId;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.Position;
import thymos.ledger.spi.StoredEntry;

/** {@code appendBatch} (06 L5.3): contiguous entries of one trajectory, all or nothing. */
abstract class BatchRules extends RuleGroup {

  private static final Hash32 T = TckEntries.traj(1);
  private static final Hash32 U = TckEntries.traj(2);

  BatchRules(LedgerBackendVerification tck) {
    super(tck);
  }

  @Test
  @DisplayName("L5.3: a batch appends contiguous entries like single appends")
  void required_L5_3_batchAppendsContiguousEntries() {
    List<StoredEntry> rows = TckEntries.chain(T, 5);
    ledger.appendBatch(rows.subList(0, 2));
    ledger.appendBatch(rows.subList(2, 5));
    ledger.appendBatch(List.of());
    assertEquals(rows, stored(T));
    assertEquals(Optional.of(Head.of(rows.get(4))), ledger.head(T));
  }

  @Test
  @DisplayName("L5.3: a batch with any refused entry stores none of them")
  void required_L5_3_batchIsAllOrNothing() {
    List<StoredEntry> rows = TckEntries.chain(T, 2);
    ledger.appendBatch(rows);
    // A stale start: the batch's first entry conflicts.
    AppendConflict c = assertThrows(AppendConflict.class,
        () -> ledger.appendBatch(TckEntries.chain(T, 1, 3, Optional.of(rows.get(0).id()), 4)));
    assertEquals(1, c.seq());
    assertEquals(Optional.of(Head.of(rows.get(1))), c.actualHead());
    // A good start, but the last entry reuses an id stored in another trajectory.
    List<StoredEntry> other = TckEntries.chain(U, 1);
    ledger.appendBatch(other);
    List<StoredEntry> batch =
        new ArrayList<>(TckEntries.chain(T, 2, 2, Optional.of(rows.get(1).id()), 0));
    batch.add(new StoredEntry(other.get(0).id(), T, 4, Optional.of(batch.get(1).id()),
        EntryKind.USAGE, 1, new byte[] {'x'}));
    DuplicateEntryId d = assertThrows(DuplicateEntryId.class, () -> ledger.appendBatch(batch));
    assertEquals(new Position(U, 0), d.existing());
    assertEquals(rows, stored(T));
    assertEquals(Optional.of(Head.of(rows.get(1))), ledger.head(T));
    assertEquals(Optional.empty(), ledger.locate(batch.get(0).id()));
    // A retry whose stored prefix matches, but whose later entries diverge from what is stored.
    List<StoredEntry> mixed = new ArrayList<>(rows);
    mixed.addAll(TckEntries.chain(T, 2, 2, Optional.of(rows.get(1).id()), 0));
    ledger.appendBatch(mixed.subList(0, 3));
    List<StoredEntry> diverging = new ArrayList<>(rows);
    diverging.addAll(TckEntries.chain(T, 2, 3, Optional.of(rows.get(1).id()), 6));
    AppendConflict late = assertThrows(AppendConflict.class, () -> ledger.appendBatch(diverging));
    assertEquals(2, late.seq());
    assertEquals(mixed.subList(0, 3), stored(T));
  }

  @Test
  @DisplayName("L5.3: a batch repeating one id twice stores nothing")
  void required_L5_3_batchWithAnIdTwiceIsRefused() {
    List<StoredEntry> rows = TckEntries.chain(T, 2);
    StoredEntry again = new StoredEntry(rows.get(0).id(), T, 2, Optional.of(rows.get(1).id()),
        EntryKind.USAGE, 1, new byte[] {'x'});
    DuplicateEntryId d = assertThrows(DuplicateEntryId.class,
        () -> ledger.appendBatch(List.of(rows.get(0), rows.get(1), again)));
    assertEquals(new Position(T, 0), d.existing());
    assertEquals(Optional.empty(), ledger.head(T));
    assertEquals(Optional.empty(), ledger.locate(rows.get(0).id()));
  }

  @Test
  @DisplayName("L5.3: a batch must hold contiguous entries of one trajectory")
  void required_L5_3_batchMustBeContiguous() {
    List<StoredEntry> rows = TckEntries.chain(T, 3);
    assertThrows(IllegalArgumentException.class,
        () -> ledger.appendBatch(List.of(rows.get(0), rows.get(2))));
    assertThrows(IllegalArgumentException.class,
        () -> ledger.appendBatch(List.of(rows.get(0), TckEntries.chain(U, 2).get(1))));
    assertThrows(IllegalArgumentException.class, () -> ledger.appendBatch(List.of(rows.get(0),
        TckEntries.row(T, 1, Optional.of(TckEntries.madeUp(5, 5)), 0, 1))));
    assertThrows(IllegalArgumentException.class,
        () -> ledger.appendBatch(List.of(rows.get(1), rows.get(0))));
    assertEquals(Optional.empty(), ledger.head(T));
    assertEquals(Optional.empty(), ledger.head(U));
  }

  @Test
  @DisplayName("L5.3: retrying a stored batch, or one whose prefix is stored, succeeds")
  void required_L5_3_batchRetryIsANoOp() {
    List<StoredEntry> rows = TckEntries.chain(T, 6);
    ledger.appendBatch(rows.subList(0, 4));
    ledger.appendBatch(rows.subList(0, 4));
    ledger.appendBatch(rows.subList(2, 6));
    ledger.appendBatch(rows);
    assertEquals(rows, stored(T));
  }

  @Test
  @DisplayName("L5.3: a long batch is stored whole, in order")
  void required_L5_3_longBatchIsStoredWhole() {
    List<StoredEntry> rows = TckEntries.chain(T, 3000);
    ledger.appendBatch(rows);
    assertEquals(rows, stored(T));
    assertEquals(Optional.of(Head.of(rows.getLast())), ledger.head(T));
  }
}
