package thymos.ledger.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.api.model.Entry;
import thymos.api.model.EntryKind;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.DuplicateEntryId;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.LedgerUnavailable;
import thymos.ledger.spi.Position;
import thymos.ledger.spi.StoredEntry;

/**
 * The append rules of 06 L5.1, L5.3 and L2 on PostgreSQL (L7.2), as on the reference backend. One
 * fresh schema for the class, emptied before each test.
 */
class PostgresLedgerAppendTest {

  private static final Hash32 T = Entries.traj(1);

  private static final String SCHEMA = TestServer.freshSchema();
  private PostgresLedger ledger;

  @BeforeAll
  static void server() {
    TestServer.require();
  }

  @AfterAll
  static void dropSchema() {
    TestServer.drop(SCHEMA);
  }

  @BeforeEach
  void open() {
    ledger = TestLedgers.open(SCHEMA);
    TestServer.exec("TRUNCATE \"" + SCHEMA + "\".entries");
  }

  @AfterEach
  void close() {
    ledger.close();
  }

  private List<StoredEntry> stored(Hash32 traj) {
    return TestLedgers.stored(ledger, traj);
  }

  private List<StoredEntry> appendChain(int n) {
    List<StoredEntry> rows = Entries.chain(T, n);
    rows.forEach(ledger::append);
    return rows;
  }

  private AppendConflict conflict(StoredEntry e) {
    List<StoredEntry> before = stored(e.trajectoryId());
    AppendConflict c = assertThrows(AppendConflict.class, () -> ledger.append(e));
    assertEquals(before, stored(e.trajectoryId()), "a refused append stores nothing");
    assertEquals("THY-L501", c.code());
    assertEquals(e.trajectoryId(), c.trajectoryId());
    assertEquals(e.seq(), c.seq());
    return c;
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
    AppendConflict c = conflict(Entries.row(T, 0, Optional.empty(), 1, 5));
    assertEquals(Optional.of(Head.of(rows.get(1))), c.actualHead());
    assertTrue(c.getMessage().contains("head is seq 1"), c.getMessage());
  }

  @Test
  @DisplayName("L5.1: an append after seq 0 to a missing trajectory conflicts with no head")
  void required_L5_1_appendToMissingTrajectoryConflicts() {
    AppendConflict c = conflict(Entries.row(T, 1, Optional.of(Entries.madeUp(9, 0)), 0, 5));
    assertEquals(Optional.empty(), c.actualHead());
    assertTrue(c.getMessage().contains("does not exist"), c.getMessage());
  }

  @Test
  @DisplayName("L5.1: a parent other than the head id is refused")
  void required_L5_1_appendRejectsStaleParent() {
    List<StoredEntry> rows = appendChain(3);
    AppendConflict c = conflict(Entries.row(T, 3, Optional.of(rows.get(1).id()), 0, 5));
    assertEquals(Optional.of(new Head(2, rows.get(2).id())), c.actualHead());
  }

  @Test
  @DisplayName("L5.1: a seq that skips past head + 1 is refused")
  void required_L5_1_appendRejectsAGap() {
    List<StoredEntry> rows = appendChain(3);
    conflict(Entries.row(T, 4, Optional.of(rows.get(2).id()), 0, 5));
  }

  @Test
  @DisplayName("L5.1: another entry at an occupied position conflicts, even with the same id")
  void required_L5_1_differentEntryAtOccupiedPositionConflicts() {
    List<StoredEntry> rows = appendChain(3);
    AppendConflict c = conflict(Entries.row(T, 1, Optional.of(rows.get(0).id()), 7, 5));
    assertEquals(2, c.actualHead().orElseThrow().seq());
    conflict(rows.get(1).withBytes(new byte[] {'x'}));
    conflict(rows.get(2).withBytes(new byte[] {'x'}));
  }

  @Test
  @DisplayName("L5.1: re-appending the entry stored at its position is a no-op")
  void required_L5_1_identicalRetryIsANoOp() {
    List<StoredEntry> rows = appendChain(3);
    ledger.append(rows.get(2));
    ledger.append(rows.get(0));
    ledger.append(Entries.chain(T, 2).get(1));
    assertEquals(rows, stored(T));
    assertEquals(Optional.of(Head.of(rows.get(2))), ledger.head(T));
  }

  @Test
  @DisplayName("L2.1: an id already stored at another position is refused")
  void required_L2_1_duplicateIdAtAnotherPositionIsRefused() {
    List<StoredEntry> rows = appendChain(1);
    StoredEntry forged = new StoredEntry(rows.get(0).id(), Entries.traj(2), 0, Optional.empty(),
        EntryKind.ROOT, 1, new byte[] {'x'});
    DuplicateEntryId d = assertThrows(DuplicateEntryId.class, () -> ledger.append(forged));
    assertEquals(new Position(T, 0), d.existing());
    assertEquals("THY-L201", d.code());
    assertEquals(Optional.empty(), ledger.head(Entries.traj(2)));
  }

  @Test
  @DisplayName("L5.3: a batch appends contiguous entries like single appends")
  void required_L5_3_batchAppendsContiguousEntries() {
    List<StoredEntry> rows = Entries.chain(T, 5);
    ledger.appendBatch(rows.subList(0, 2));
    ledger.appendBatch(rows.subList(2, 5));
    ledger.appendBatch(List.of());
    assertEquals(rows, stored(T));
  }

  @Test
  @DisplayName("L5.3: a batch with any refused entry stores none of them")
  void required_L5_3_batchIsAllOrNothing() {
    List<StoredEntry> rows = appendChain(2);
    AppendConflict c = assertThrows(AppendConflict.class,
        () -> ledger.appendBatch(Entries.chain(T, 1, 3, Optional.of(rows.get(0).id()), 4)));
    assertEquals(1, c.seq());
    // A good start, but the last entry reuses an id stored in another trajectory.
    Entries.chain(Entries.traj(2), 1).forEach(ledger::append);
    List<StoredEntry> batch =
        new ArrayList<>(Entries.chain(T, 2, 2, Optional.of(rows.get(1).id()), 0));
    StoredEntry reused = new StoredEntry(Entries.chain(Entries.traj(2), 1).get(0).id(), T, 4,
        Optional.of(batch.get(1).id()), EntryKind.USAGE, 1, new byte[] {'x'});
    batch.add(reused);
    DuplicateEntryId d = assertThrows(DuplicateEntryId.class, () -> ledger.appendBatch(batch));
    assertEquals(new Position(Entries.traj(2), 0), d.existing());
    assertEquals(rows, stored(T));
    assertEquals(Optional.empty(), ledger.locate(batch.get(0).id()));
  }

  @Test
  @DisplayName("L5.3: a batch repeating one id twice stores nothing")
  void required_L5_3_batchWithAnIdTwiceIsRefused() {
    List<StoredEntry> rows = Entries.chain(T, 2);
    StoredEntry again = new StoredEntry(rows.get(0).id(), T, 2, Optional.of(rows.get(1).id()),
        EntryKind.USAGE, 1, new byte[] {'x'});
    DuplicateEntryId d = assertThrows(DuplicateEntryId.class,
        () -> ledger.appendBatch(List.of(rows.get(0), rows.get(1), again)));
    assertEquals(new Position(T, 0), d.existing());
    assertEquals(Optional.empty(), ledger.head(T));
  }

  @Test
  @DisplayName("L5.3: a batch must hold contiguous entries of one trajectory")
  void required_L5_3_batchMustBeContiguous() {
    List<StoredEntry> rows = Entries.chain(T, 3);
    assertThrows(IllegalArgumentException.class,
        () -> ledger.appendBatch(List.of(rows.get(0), rows.get(2))));
    assertThrows(IllegalArgumentException.class, () -> ledger.appendBatch(
        List.of(rows.get(0), Entries.chain(Entries.traj(2), 2).get(1))));
    assertThrows(IllegalArgumentException.class, () -> ledger.appendBatch(List.of(rows.get(0),
        Entries.row(T, 1, Optional.of(Entries.madeUp(5, 5)), 0, 1))));
    assertEquals(Optional.empty(), ledger.head(T));
  }

  @Test
  @DisplayName("L5.3: retrying a stored batch, or one whose prefix is stored, succeeds")
  void required_L5_3_batchRetryIsANoOp() {
    List<StoredEntry> rows = Entries.chain(T, 6);
    ledger.appendBatch(rows.subList(0, 4));
    ledger.appendBatch(rows.subList(0, 4));
    ledger.appendBatch(rows.subList(2, 6));
    assertEquals(rows, stored(T));
  }

  @Test
  @DisplayName("L2.2: stored bytes come back byte-identical, whatever they hold")
  void required_L2_2_readsReturnTheExactBytes() {
    byte[] every = new byte[256 * 4];
    for (int i = 0; i < every.length; i++) {
      every[i] = (byte) i;
    }
    StoredEntry root = new StoredEntry(Entries.madeUp(7, 0), T, 0, Optional.empty(),
        EntryKind.ROOT, 1, every);
    ledger.append(root);
    every[0] = 42;
    StoredEntry back = stored(T).getFirst();
    back.canonicalBytes()[0] = 42;
    assertArrayEquals(root.canonicalBytes(), stored(T).getFirst().canonicalBytes());
    assertEquals(0, stored(T).getFirst().canonicalBytes()[0]);
  }

  @Test
  @DisplayName("L2.2: kernel entries round-trip through the backend and still parse")
  void required_L2_2_kernelEntriesRoundTrip() {
    Entry root = Entries.entry(T, 0, Optional.empty(), 10, 0, EntryKind.ROOT,
        "caf\u00e9 \ud83d\ude00");
    Entry usage = Entries.entry(T, 1, Optional.of(root.id()), 11, 0, EntryKind.USAGE, "");
    ledger.appendBatch(List.of(StoredEntry.of(root), StoredEntry.of(usage)));
    List<StoredEntry> back = stored(T);
    assertArrayEquals(root.canonicalBytes(), back.get(0).canonicalBytes());
    assertEquals(root, Entry.parse(back.get(0).canonicalBytes()));
    assertEquals(usage, Entry.parse(back.get(1).canonicalBytes()));
    assertEquals(Optional.of(new Position(T, 1)), ledger.locate(usage.id()));
  }

  @Test
  @DisplayName("L5.6: a closed backend reports LedgerUnavailable")
  void required_L5_6_closedBackendIsUnavailable() {
    appendChain(1);
    ledger.close();
    ledger.close();
    assertThrows(LedgerUnavailable.class, () -> ledger.head(T));
    assertThrows(LedgerUnavailable.class, () -> ledger.read(T));
    assertThrows(LedgerUnavailable.class, () -> ledger.append(Entries.chain(Entries.traj(3), 1)
        .get(0)));
    assertThrows(LedgerUnavailable.class, () -> ledger.appendBatch(List.of()));
    assertTrue(ledger.toString().contains("closed"));
  }
}
