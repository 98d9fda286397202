package thymos.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.api.model.Entry;
import thymos.api.model.EntryKind;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.DuplicateEntryId;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.Position;
import thymos.ledger.spi.StoredEntry;

/** The append rules of 06 L5.1 and the identity rules L2.1, L2.2 a backend enforces. */
abstract class AppendRules extends RuleGroup {

  static final Hash32 T = TckEntries.traj(1);

  AppendRules(LedgerBackendVerification tck) {
    super(tck);
  }

  List<StoredEntry> appendChain(int n) {
    List<StoredEntry> rows = TckEntries.chain(T, n);
    rows.forEach(ledger::append);
    return rows;
  }

  @Test
  @DisplayName("L5.1: seq 0 creates the trajectory; each next entry follows the head")
  void required_L5_1_appendsFollowTheHead() {
    assertEquals(Optional.empty(), ledger.head(T));
    List<StoredEntry> rows = appendChain(3);
    assertEquals(Optional.of(Head.of(rows.get(2))), ledger.head(T));
    assertEquals(rows, stored(T));
  }

  @Test
  @DisplayName("L5.1: seq 0 on an existing trajectory conflicts with the actual head")
  void required_L5_1_seqZeroOnExistingTrajectoryConflicts() {
    List<StoredEntry> rows = appendChain(2);
    AppendConflict c = conflict(TckEntries.row(T, 0, Optional.empty(), 1, 5));
    assertEquals(Optional.of(Head.of(rows.get(1))), c.actualHead());
    assertTrue(c.getMessage().contains("head is seq 1"), c.getMessage());
  }

  @Test
  @DisplayName("L5.1: an append after seq 0 to a missing trajectory conflicts with no head")
  void required_L5_1_appendToMissingTrajectoryConflicts() {
    AppendConflict c = conflict(TckEntries.row(T, 1, Optional.of(TckEntries.madeUp(9, 0)), 0, 5));
    assertEquals(Optional.empty(), c.actualHead());
    assertTrue(c.getMessage().contains("does not exist"), c.getMessage());
  }

  @Test
  @DisplayName("L5.1: a parent other than the head id is refused")
  void required_L5_1_appendRejectsStaleParent() {
    List<StoredEntry> rows = appendChain(3);
    AppendConflict c = conflict(TckEntries.row(T, 3, Optional.of(rows.get(1).id()), 0, 5));
    assertEquals(Optional.of(new Head(2, rows.get(2).id())), c.actualHead());
    conflict(TckEntries.row(T, 3, Optional.of(TckEntries.madeUp(9, 2)), 0, 5));
    assertEquals(Optional.of(Head.of(rows.get(2))), ledger.head(T));
  }

  @Test
  @DisplayName("L5.1: a seq that skips past head + 1 is refused")
  void required_L5_1_appendRejectsAGap() {
    List<StoredEntry> rows = appendChain(3);
    AppendConflict c = conflict(TckEntries.row(T, 4, Optional.of(rows.get(2).id()), 0, 5));
    assertEquals(Optional.of(Head.of(rows.get(2))), c.actualHead());
  }

  @Test
  @DisplayName("L5.1: another entry at an occupied position conflicts, even with the same id")
  void required_L5_1_differentEntryAtOccupiedPositionConflicts() {
    List<StoredEntry> rows = appendChain(3);
    AppendConflict c = conflict(TckEntries.row(T, 1, Optional.of(rows.get(0).id()), 7, 5));
    assertEquals(2, c.actualHead().orElseThrow().seq());
    conflict(rows.get(1).withBytes(new byte[] {'x'}));
    conflict(rows.get(2).withBytes(new byte[] {'x'}));
    conflict(TckEntries.row(T, 0, Optional.empty(), 3, 5));
  }

  @Test
  @DisplayName("L5.1: re-appending the entry stored at its position is a no-op (safe retry)")
  void required_L5_1_identicalRetryIsANoOp() {
    List<StoredEntry> rows = appendChain(3);
    ledger.append(rows.get(2));
    ledger.append(rows.get(0));
    ledger.append(TckEntries.chain(T, 2).get(1));
    assertEquals(rows, stored(T));
    assertEquals(Optional.of(Head.of(rows.get(2))), ledger.head(T));
  }

  @Test
  @DisplayName("L5.1: trajectories are independent; appends to one never move another's head")
  void required_L5_1_trajectoriesAreIndependent() {
    Hash32 u = TckEntries.traj(2);
    List<StoredEntry> t = appendChain(2);
    List<StoredEntry> other = TckEntries.chain(u, 0, 4, Optional.empty(), 5);
    other.forEach(ledger::append);
    assertEquals(Optional.of(Head.of(t.get(1))), ledger.head(T));
    assertEquals(Optional.of(Head.of(other.get(3))), ledger.head(u));
    assertEquals(t, stored(T));
    assertEquals(other, stored(u));
  }

  @Test
  @DisplayName("L2.1: an id already stored at another position is refused, storing nothing")
  void required_L2_1_duplicateIdAtAnotherPositionIsRefused() {
    List<StoredEntry> rows = appendChain(2);
    Hash32 u = TckEntries.traj(2);
    StoredEntry forged = new StoredEntry(rows.get(0).id(), u, 0, Optional.empty(),
        EntryKind.ROOT, 1, new byte[] {'x'});
    DuplicateEntryId d = assertThrows(DuplicateEntryId.class, () -> ledger.append(forged));
    assertEquals(new Position(T, 0), d.existing());
    assertEquals(rows.get(0).id(), d.entryId());
    assertEquals("THY-L201", d.code());
    assertEquals(Optional.empty(), ledger.head(u));
    StoredEntry later = new StoredEntry(rows.get(0).id(), T, 2, Optional.of(rows.get(1).id()),
        EntryKind.USAGE, 1, new byte[] {'y'});
    assertThrows(DuplicateEntryId.class, () -> ledger.append(later));
    assertEquals(rows, stored(T));
    assertEquals(Optional.of(new Position(T, 0)), ledger.locate(rows.get(0).id()));
  }

  @Test
  @DisplayName("L2.2: stored bytes come back byte-identical, whatever they hold")
  void required_L2_2_readsReturnTheExactBytes() {
    byte[] every = new byte[256 * 4];
    for (int i = 0; i < every.length; i++) {
      every[i] = (byte) i;
    }
    StoredEntry root = new StoredEntry(TckEntries.madeUp(7, 0), T, 0, Optional.empty(),
        EntryKind.ROOT, 1, every);
    StoredEntry one = new StoredEntry(TckEntries.madeUp(7, 1), T, 1, Optional.of(root.id()),
        EntryKind.USAGE, 2, new byte[] {0});
    ledger.appendBatch(List.of(root, one));
    every[0] = 42;
    StoredEntry back = stored(T).getFirst();
    back.canonicalBytes()[0] = 42;
    assertArrayEquals(root.canonicalBytes(), stored(T).getFirst().canonicalBytes());
    assertEquals(0, stored(T).getFirst().canonicalBytes()[0]);
    assertArrayEquals(new byte[] {0}, stored(T).get(1).canonicalBytes());
    List<byte[]> bytes = storedBytes(ledger, T, 0, 2);
    assertArrayEquals(root.canonicalBytes(), bytes.get(0));
    assertArrayEquals(new byte[] {0}, bytes.get(1));
  }

  @Test
  @DisplayName("L2.2: kernel entries round-trip through the backend and still parse")
  void required_L2_2_kernelEntriesRoundTrip() {
    Entry root = TckEntries.entry(T, 0, Optional.empty(), 10, 0, EntryKind.ROOT,
        "caf\u00e9 \ud83d\ude00 \"q\" \\ \u0001");
    Entry usage = TckEntries.entry(T, 1, Optional.of(root.id()), 11, 0, EntryKind.USAGE, "");
    ledger.appendBatch(List.of(StoredEntry.of(root), StoredEntry.of(usage)));
    List<StoredEntry> back = stored(T);
    assertArrayEquals(root.canonicalBytes(), back.get(0).canonicalBytes());
    assertEquals(root, Entry.parse(back.get(0).canonicalBytes()));
    assertEquals(usage, Entry.parse(back.get(1).canonicalBytes()));
    assertEquals(List.of(StoredEntry.of(root), StoredEntry.of(usage)), back);
    assertEquals(Optional.of(new Position(T, 1)), ledger.locate(usage.id()));
  }
}
