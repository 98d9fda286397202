package thymos.ledger.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.api.model.EntryKind;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.Page;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.Position;
import thymos.ledger.spi.StoredEntry;

/** The reads of 06 L5.4 on PostgreSQL (L7.2), as on the reference backend. */
class PostgresLedgerReadTest {

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
    ledger = TestLedgers.open(SCHEMA, "corruption_hook", "true");
    TestServer.exec("TRUNCATE \"" + SCHEMA + "\".entries");
  }

  @AfterEach
  void close() {
    ledger.close();
  }

  private List<StoredEntry> read(Hash32 traj, long from, long to) {
    try (Stream<StoredEntry> s = ledger.read(traj, from, to)) {
      return s.toList();
    }
  }

  @Test
  @DisplayName("L5.4: head is the last entry; an unknown trajectory has none")
  void required_L5_4_headIsTheLastEntry() {
    List<StoredEntry> rows = Entries.chain(T, 4);
    ledger.appendBatch(rows);
    assertEquals(Optional.of(new Head(3, rows.get(3).id())), ledger.head(T));
    assertEquals(Optional.empty(), ledger.head(Entries.traj(9)));
  }

  @Test
  @DisplayName("L5.4: read streams [from, to) in seq order across page boundaries")
  void required_L5_4_readStreamsRangesInOrder() {
    int n = PostgresLedger.PAGE * 2 + 17;
    List<StoredEntry> rows = Entries.chain(T, n);
    ledger.appendBatch(rows);
    assertEquals(rows, read(T, 0, Long.MAX_VALUE));
    assertEquals(rows.subList(5, PostgresLedger.PAGE + 9), read(T, 5, PostgresLedger.PAGE + 9));
    assertEquals(rows.subList(0, PostgresLedger.PAGE), read(T, 0, PostgresLedger.PAGE));
    assertEquals(rows.subList(n - 3, n), read(T, n - 3, n + 100));
    assertEquals(List.of(), read(T, 7, 7));
    assertEquals(List.of(), read(T, n, n + 5));
    assertEquals(List.of(), read(Entries.traj(9), 0, 10));
  }

  @Test
  @DisplayName("L5.4, L5.8: a read fetches one page at a time, not the whole trajectory")
  void required_L5_4_readIsLazyAndPaged() {
    int n = PostgresLedger.PAGE * 4;
    List<StoredEntry> rows = Entries.chain(T, n);
    ledger.appendBatch(rows);
    byte[] marker = "{\"tampered\":true}".getBytes(StandardCharsets.UTF_8);
    try (Stream<StoredEntry> s = ledger.read(T)) {
      Iterator<StoredEntry> it = s.iterator();
      assertEquals(rows.getFirst(), it.next());
      // Rows of later pages are not in memory yet: a change made now is what the stream returns.
      ledger.corruptionHook().orElseThrow().replaceStoredBytes(T, n - 1, marker);
      ledger.corruptionHook().orElseThrow().replaceStoredBytes(T, 1, marker);
      StoredEntry second = it.next();
      assertEquals(rows.get(1), second, "the first page was fetched before the change");
      StoredEntry last = null;
      int count = 2;
      while (it.hasNext()) {
        last = it.next();
        count++;
      }
      assertEquals(n, count);
      assertArrayEquals(marker, last.canonicalBytes());
    }
  }

  private List<byte[]> bytes(long from, long to) {
    try (Stream<byte[]> s = ledger.readBytes(T, from, to)) {
      return s.toList();
    }
  }

  private static void assertSameBytes(List<StoredEntry> expected, List<byte[]> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < actual.size(); i++) {
      assertArrayEquals(expected.get(i).canonicalBytes(), actual.get(i), "row " + i);
    }
  }

  @Test
  @DisplayName("L5.4: readBytes gives read's bytes, same ranges, pages, gaps and refusals")
  void required_L5_4_readBytesMatchesRead() {
    int n = PostgresLedger.PAGE * 2 + 17;
    List<StoredEntry> rows = Entries.chain(T, n);
    ledger.appendBatch(rows);
    assertSameBytes(rows, bytes(0, Long.MAX_VALUE));
    assertSameBytes(rows.subList(5, PostgresLedger.PAGE + 9), bytes(5, PostgresLedger.PAGE + 9));
    assertSameBytes(rows.subList(n - 3, n), bytes(n - 3, n + 100));
    assertSameBytes(List.of(), bytes(7, 7));
    try (Stream<byte[]> s = ledger.readBytes(Entries.traj(9))) {
      assertEquals(0, s.count());
    }
    // A removed row (K2.4) is skipped as read skips it; replay then finds the gap.
    ledger.corruptionHook().orElseThrow().removeStored(T, PostgresLedger.PAGE);
    List<StoredEntry> gap = new ArrayList<>(rows);
    gap.remove(PostgresLedger.PAGE);
    assertSameBytes(gap, bytes(0, Long.MAX_VALUE));
    assertSameBytes(read(T, 0, Long.MAX_VALUE), bytes(0, Long.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> ledger.readBytes(T, -1, 3));
    assertThrows(IllegalArgumentException.class, () -> ledger.readBytes(T, 4, 3));
  }

  @Test
  @DisplayName("L5.4: a negative start or an inverted range is refused")
  void required_L5_4_readRefusesBadRanges() {
    assertThrows(IllegalArgumentException.class, () -> ledger.read(T, -1, 3));
    assertThrows(IllegalArgumentException.class, () -> ledger.read(T, 4, 3));
  }

  @Test
  @DisplayName("L5.4: a stream holds the entries committed when it was opened")
  void required_L5_4_streamIsBoundedByTheHeadWhenOpened() {
    List<StoredEntry> rows = Entries.chain(T, 6);
    ledger.appendBatch(rows.subList(0, 3));
    try (Stream<StoredEntry> s = ledger.read(T)) {
      ledger.appendBatch(rows.subList(3, 6));
      assertEquals(rows.subList(0, 3), s.toList());
    }
  }

  @Test
  @DisplayName("L5.4: reads of committed entries are repeatable, also after reopening")
  void required_L5_4_readsAreRepeatable() {
    List<StoredEntry> rows = Entries.chain(T, 5);
    ledger.appendBatch(rows);
    List<StoredEntry> first = read(T, 0, 5);
    ledger.appendBatch(Entries.chain(T, 5, 3, Optional.of(rows.get(4).id()), 0));
    assertEquals(first, read(T, 0, 5));
    ledger.close();
    ledger = TestLedgers.open(SCHEMA);
    assertEquals(first, read(T, 0, 5));
  }

  @Test
  @DisplayName("L5.4: locate finds every stored entry and nothing else")
  void required_L5_4_locateFindsEveryEntry() {
    List<StoredEntry> rows = Entries.chain(T, 3);
    ledger.appendBatch(rows);
    List<StoredEntry> other = Entries.chain(Entries.traj(2), 2);
    ledger.appendBatch(other);
    for (StoredEntry e : rows) {
      assertEquals(Optional.of(new Position(T, e.seq())), ledger.locate(e.id()));
    }
    assertEquals(Optional.of(new Position(Entries.traj(2), 1)), ledger.locate(other.get(1).id()));
    assertEquals(Optional.empty(), ledger.locate(Entries.madeUp(3, 0)));
  }

  @Test
  @DisplayName("L5.4: trajectories are listed in id order, one page at a time")
  void required_L5_4_trajectoriesPageInIdOrder() {
    List<Hash32> ids = new ArrayList<>();
    for (int t : new int[] {5, 1, 300, 2, 70000}) {
      ledger.appendBatch(Entries.chain(Entries.traj(t), 3));
      ids.add(Entries.traj(t));
    }
    ids.sort((a, b) -> a.hex().compareTo(b.hex()));
    Page<Hash32> p1 = ledger.trajectories(PageRequest.first(2));
    assertEquals(ids.subList(0, 2), p1.items());
    assertTrue(p1.hasMore());
    Page<Hash32> p2 = ledger.trajectories(PageRequest.after(p1.last().orElseThrow(), 2));
    assertEquals(ids.subList(2, 4), p2.items());
    assertTrue(p2.hasMore());
    Page<Hash32> p3 = ledger.trajectories(PageRequest.after(p2.last().orElseThrow(), 2));
    assertEquals(ids.subList(4, 5), p3.items());
    assertFalse(p3.hasMore());
    assertEquals(ids, ledger.trajectories(PageRequest.first(5)).items());
    assertFalse(ledger.trajectories(PageRequest.first(5)).hasMore());
    assertEquals(List.of(), ledger.trajectories(PageRequest.after(ids.getLast(), 5)).items());
  }

  @Test
  @DisplayName("L5.4: query filters by kind, trajectory and half-open time range")
  void required_L5_4_queryFilters() {
    Hash32 u = Entries.traj(2);
    StoredEntry t0 = Entries.row(T, 0, Optional.empty(), 0, 100);
    StoredEntry t1 = Entries.row(T, 1, Optional.of(t0.id()), 0, 300, EntryKind.EXECUTION);
    StoredEntry t2 = Entries.row(T, 2, Optional.of(t1.id()), 0, 200);
    StoredEntry u0 = Entries.row(u, 0, Optional.empty(), 0, 200, EntryKind.BRANCH);
    StoredEntry u1 = Entries.row(u, 1, Optional.of(u0.id()), 0, 400, EntryKind.EXECUTION);
    ledger.appendBatch(List.of(t0, t1, t2));
    ledger.appendBatch(List.of(u0, u1));
    // Order: recorded time, then trajectory, then seq.
    assertEquals(List.of(t0, t2, u0, t1, u1), all(EntryQuery.all()));
    assertEquals(List.of(t1, u1), all(EntryQuery.all().ofKind(EntryKind.EXECUTION)));
    assertEquals(List.of(u0, u1), all(EntryQuery.all().inTrajectory(u)));
    assertEquals(List.of(t2, u0, t1), all(EntryQuery.all().recordedBetween(200, 400)));
    assertEquals(List.of(t1), all(EntryQuery.all().ofKind(EntryKind.EXECUTION).inTrajectory(T)
        .recordedBetween(300, 301)));
    assertEquals(List.of(), all(EntryQuery.all().recordedBetween(250, 250)));
  }

  @Test
  @DisplayName("L5.4: query pages continue after the last key seen, ties broken by id and seq")
  void required_L5_4_queryPagesInKeyOrder() {
    for (int t = 1; t <= 3; t++) {
      ledger.appendBatch(Entries.chain(Entries.traj(t), 4));
    }
    List<StoredEntry> everything = all(EntryQuery.all());
    assertEquals(12, everything.size());
    List<EntryQuery.Key> keys = everything.stream().map(EntryQuery.Key::of).toList();
    assertEquals(keys.stream().sorted().toList(), keys, "listed in EntryQuery.Key order");
    List<StoredEntry> paged = new ArrayList<>();
    PageRequest<EntryQuery.Key> req = PageRequest.first(5);
    int pages = 0;
    while (true) {
      Page<StoredEntry> p = ledger.query(EntryQuery.all(), req);
      paged.addAll(p.items());
      pages++;
      if (!p.hasMore()) {
        break;
      }
      req = PageRequest.after(EntryQuery.Key.of(p.last().orElseThrow()), 5);
    }
    assertEquals(3, pages);
    assertEquals(everything, paged);
  }

  private List<StoredEntry> all(EntryQuery q) {
    Page<StoredEntry> p = ledger.query(q, PageRequest.first(PageRequest.MAX_LIMIT));
    assertFalse(p.hasMore());
    return p.items();
  }
}
