package thymos.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.api.model.EntryKind;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.Page;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.Position;
import thymos.ledger.spi.StoredEntry;

/** {@code locate}, {@code trajectories} and {@code query} (06 L5.4), with keyset paging. */
abstract class ListingRules extends RuleGroup {

  private static final Hash32 T = TckEntries.traj(1);

  ListingRules(LedgerBackendVerification tck) {
    super(tck);
  }

  private List<StoredEntry> all(EntryQuery q) {
    Page<StoredEntry> p = ledger.query(q, PageRequest.first(PageRequest.MAX_LIMIT));
    assertFalse(p.hasMore());
    return p.items();
  }

  @Test
  @DisplayName("L5.4: locate finds every stored entry and nothing else")
  void required_L5_4_locateFindsEveryEntry() {
    List<StoredEntry> rows = TckEntries.chain(T, 3);
    ledger.appendBatch(rows);
    List<StoredEntry> other = TckEntries.chain(TckEntries.traj(2), 2);
    ledger.appendBatch(other);
    for (StoredEntry e : rows) {
      assertEquals(Optional.of(new Position(T, e.seq())), ledger.locate(e.id()));
    }
    assertEquals(Optional.of(new Position(TckEntries.traj(2), 1)),
        ledger.locate(other.get(1).id()));
    assertEquals(Optional.empty(), ledger.locate(TckEntries.madeUp(3, 0)));
    assertEquals(Optional.empty(), ledger.locate(T));
  }

  @Test
  @DisplayName("L5.4: trajectories are listed in id order, one page at a time")
  void required_L5_4_trajectoriesPageInIdOrder() {
    assertEquals(new Page<Hash32>(List.of(), false), ledger.trajectories(PageRequest.first(3)));
    List<Hash32> ids = new ArrayList<>();
    for (int t : new int[] {5, 1, 300, 2, 70000}) {
      ledger.appendBatch(TckEntries.chain(TckEntries.traj(t), 3));
      ids.add(TckEntries.traj(t));
    }
    // Hashes whose first byte is above 0x7f: ids order as unsigned bytes (lowercase hex text).
    Hash32 high = Hash32.parse("f" + "0".repeat(63));
    ledger.append(TckEntries.row(high, 0, Optional.empty(), 0, 1));
    ids.add(high);
    ids.sort((a, b) -> a.hex().compareTo(b.hex()));
    Page<Hash32> p1 = ledger.trajectories(PageRequest.first(2));
    assertEquals(ids.subList(0, 2), p1.items());
    assertTrue(p1.hasMore());
    Page<Hash32> p2 = ledger.trajectories(PageRequest.after(p1.last().orElseThrow(), 2));
    assertEquals(ids.subList(2, 4), p2.items());
    assertTrue(p2.hasMore());
    Page<Hash32> p3 = ledger.trajectories(PageRequest.after(p2.last().orElseThrow(), 3));
    assertEquals(ids.subList(4, 6), p3.items());
    assertFalse(p3.hasMore());
    assertEquals(ids, ledger.trajectories(PageRequest.first(6)).items());
    assertFalse(ledger.trajectories(PageRequest.first(6)).hasMore());
    assertTrue(ledger.trajectories(PageRequest.first(5)).hasMore());
    assertEquals(List.of(), ledger.trajectories(PageRequest.after(ids.getLast(), 5)).items());
    assertEquals(ids.subList(1, 6),
        ledger.trajectories(PageRequest.after(ids.getFirst(), PageRequest.MAX_LIMIT)).items());
  }

  @Test
  @DisplayName("L5.4: query filters by kind, trajectory and half-open time range")
  void required_L5_4_queryFilters() {
    Hash32 u = TckEntries.traj(2);
    StoredEntry t0 = TckEntries.row(T, 0, Optional.empty(), 0, 100);
    StoredEntry t1 = TckEntries.row(T, 1, Optional.of(t0.id()), 0, 300, EntryKind.EXECUTION);
    StoredEntry t2 = TckEntries.row(T, 2, Optional.of(t1.id()), 0, 200);
    StoredEntry u0 = TckEntries.row(u, 0, Optional.empty(), 0, 200, EntryKind.BRANCH);
    StoredEntry u1 = TckEntries.row(u, 1, Optional.of(u0.id()), 0, 400, EntryKind.EXECUTION);
    ledger.appendBatch(List.of(t0, t1, t2));
    ledger.appendBatch(List.of(u0, u1));
    // Order: recorded time, then trajectory, then seq.
    assertEquals(List.of(t0, t2, u0, t1, u1), all(EntryQuery.all()));
    assertEquals(List.of(t1, u1), all(EntryQuery.all().ofKind(EntryKind.EXECUTION)));
    assertEquals(List.of(t2), all(EntryQuery.all().ofKind(EntryKind.USAGE)));
    assertEquals(List.of(u0, u1), all(EntryQuery.all().inTrajectory(u)));
    assertEquals(List.of(t2, u0, t1), all(EntryQuery.all().recordedBetween(200, 400)));
    assertEquals(List.of(t1), all(EntryQuery.all().ofKind(EntryKind.EXECUTION).inTrajectory(T)
        .recordedBetween(300, 301)));
    assertEquals(List.of(), all(EntryQuery.all().recordedBetween(250, 250)));
    assertEquals(List.of(), all(EntryQuery.all().inTrajectory(TckEntries.traj(9))));
  }

  @Test
  @DisplayName("L5.4: query pages continue after the last key seen, ties broken by id and seq")
  void required_L5_4_queryPagesInKeyOrder() {
    for (int t = 1; t <= 3; t++) {
      ledger.appendBatch(TckEntries.chain(TckEntries.traj(t), 4));
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
      assertEquals(5, p.items().size(), "only the last page is short");
      req = PageRequest.after(EntryQuery.Key.of(p.last().orElseThrow()), 5);
    }
    assertEquals(3, pages);
    assertEquals(everything, paged);
  }
}
