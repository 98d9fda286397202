package thymos.ledger.spi.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import thymos.api.crypto.Hash32;
import thymos.api.model.EntryKind;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.Page;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.Rows;
import thymos.ledger.spi.StoredEntry;

/** The append rules and paged listings of the reference backend against a plain list model. */
class MemoryLedgerProperties {

  /** One append attempt: trajectory, seq relative to the model's length, right parent, variant. */
  record Attempt(int traj, int seqDelta, boolean rightParent, int variant, long ms) {}

  @Provide
  Arbitrary<List<Attempt>> attempts() {
    Arbitrary<Attempt> one = Combinators.combine(Arbitraries.integers().between(1, 3),
        Arbitraries.of(-2, -1, 0, 0, 0, 1), Arbitraries.of(true, true, true, false),
        Arbitraries.integers().between(0, 1), Arbitraries.longs().between(0, 5))
        .as(Attempt::new);
    return one.list().ofMaxSize(60);
  }

  private StoredEntry candidate(Map<Integer, List<StoredEntry>> model, Attempt a) {
    List<StoredEntry> rows = model.computeIfAbsent(a.traj(), k -> new ArrayList<>());
    long seq = Math.max(0, rows.size() + a.seqDelta());
    Hash32 t = Rows.traj(a.traj());
    Optional<Hash32> parent = seq == 0 ? Optional.empty()
        : Optional.of(a.rightParent() && seq - 1 < rows.size() ? rows.get((int) seq - 1).id()
            : Rows.id(t, seq - 1, 9));
    EntryKind kind = seq == 0 ? EntryKind.ROOT : a.ms() % 2 == 0 ? EntryKind.COMMIT
        : EntryKind.USAGE;
    return Rows.row(t, seq, parent, a.variant(), a.ms(), kind);
  }

  @Property(tries = 300)
  @Label("L5.1: an append succeeds exactly when it follows the head or repeats the stored entry")
  void required_L5_1_appendsAgreeWithTheModel(@ForAll("attempts") List<Attempt> attempts) {
    MemoryLedger ledger = new MemoryLedger();
    Map<Integer, List<StoredEntry>> model = new HashMap<>();
    for (Attempt a : attempts) {
      StoredEntry e = candidate(model, a);
      List<StoredEntry> rows = model.get(a.traj());
      boolean repeat = e.seq() < rows.size() && rows.get((int) e.seq()).equals(e);
      boolean follows = e.seq() == rows.size()
          && (e.seq() == 0 || e.parent().equals(Optional.of(rows.getLast().id())));
      try {
        ledger.append(e);
        assertTrue(repeat || follows, "accepted " + e);
        if (follows) {
          rows.add(e);
        }
      } catch (AppendConflict c) {
        assertTrue(!repeat && !follows, "refused " + e);
        assertEquals(rows.isEmpty() ? Optional.empty() : Optional.of(Head.of(rows.getLast())),
            c.actualHead());
      }
    }
    for (Map.Entry<Integer, List<StoredEntry>> m : model.entrySet()) {
      try (Stream<StoredEntry> s = ledger.read(Rows.traj(m.getKey()))) {
        assertEquals(m.getValue(), s.toList());
      }
    }
  }

  @Property(tries = 200)
  @Label("L5.4: pages of any size concatenate to the filtered listing in key order")
  void required_L5_4_pagesConcatenateToTheListing(@ForAll("attempts") List<Attempt> attempts,
      @ForAll @IntRange(min = 1, max = 7) int limit, @ForAll @Size(max = 1) List<EntryKind> kind,
      @ForAll @IntRange(min = 0, max = 3) int traj, @ForAll @IntRange(min = 0, max = 6) int from) {
    MemoryLedger ledger = new MemoryLedger();
    Map<Integer, List<StoredEntry>> model = new HashMap<>();
    List<StoredEntry> stored = new ArrayList<>();
    for (Attempt a : attempts) {
      StoredEntry e = candidate(model, a);
      List<StoredEntry> rows = model.get(a.traj());
      if (e.seq() == rows.size() && (e.seq() == 0 || e.parent().equals(Optional.of(
          rows.getLast().id())))) {
        ledger.append(e);
        rows.add(e);
        stored.add(e);
      }
    }
    EntryQuery q = EntryQuery.all().recordedBetween(from, from + 3);
    q = kind.isEmpty() ? q : q.ofKind(kind.getFirst());
    q = traj == 0 ? q : q.inTrajectory(Rows.traj(traj));
    EntryQuery query = q;
    List<StoredEntry> expected = stored.stream()
        .filter(e -> kind.isEmpty() || e.kind() == kind.getFirst())
        .filter(e -> traj == 0 || e.trajectoryId().equals(Rows.traj(traj)))
        .filter(e -> e.recordedMs() >= from && e.recordedMs() < from + 3)
        .sorted(Comparator.comparingLong(StoredEntry::recordedMs)
            .thenComparing(e -> e.trajectoryId().hex()).thenComparingLong(StoredEntry::seq))
        .toList();
    List<StoredEntry> paged = new ArrayList<>();
    PageRequest<EntryQuery.Key> req = PageRequest.first(limit);
    for (int pages = 0; pages <= stored.size() + 1; pages++) {
      Page<StoredEntry> p = ledger.query(query, req);
      paged.addAll(p.items());
      if (!p.hasMore()) {
        break;
      }
      assertEquals(limit, p.items().size(), "only a last page is short");
      req = PageRequest.after(EntryQuery.Key.of(p.last().orElseThrow()), limit);
    }
    assertEquals(expected, paged);
  }
}
