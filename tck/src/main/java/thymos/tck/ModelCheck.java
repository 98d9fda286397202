package thymos.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import thymos.api.crypto.Hash32;
import thymos.api.model.EntryKind;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.DuplicateEntryId;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.Page;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.Position;
import thymos.ledger.spi.StoredEntry;

/**
 * A backend against a plain model of L5.1 and L5.3 (lists per trajectory and an id index, with the
 * outcome of each call derived from the rules' text, not from another backend), then every read
 * and listing against the model (L5.4).
 */
final class ModelCheck {

  private ModelCheck() {}

  /**
   * One append call: trajectory, batch size, seq relative to the head, whether the parent is
   * right, payload variant, recorded time, and whether the last entry reuses a stored id.
   */
  record Attempt(int traj, int size, int seqDelta, boolean rightParent, int variant, long ms,
      boolean reuseId) {}

  static Arbitrary<List<Attempt>> attempts() {
    Arbitrary<Attempt> one = Combinators.combine(Arbitraries.integers().between(1, 3),
        Arbitraries.of(1, 1, 1, 3), Arbitraries.of(-2, -1, 0, 0, 0, 1),
        Arbitraries.of(true, true, true, false), Arbitraries.integers().between(0, 1),
        Arbitraries.longs().between(0, 5), Arbitraries.of(false, false, false, false, true))
        .as(Attempt::new);
    return one.list().ofMaxSize(40);
  }

  private static final class Model {
    final Map<Integer, List<StoredEntry>> rows = new TreeMap<>();
    final Map<Hash32, Position> ids = new HashMap<>();

    List<StoredEntry> of(int traj) {
      return rows.computeIfAbsent(traj, k -> new ArrayList<>());
    }

    Optional<Head> head(int traj) {
      List<StoredEntry> r = of(traj);
      return r.isEmpty() ? Optional.empty() : Optional.of(Head.of(r.getLast()));
    }
  }

  private static List<StoredEntry> candidate(Model model, Attempt a) {
    Hash32 t = TckEntries.traj(a.traj());
    List<StoredEntry> rows = model.of(a.traj());
    long seq = Math.max(0, rows.size() + a.seqDelta());
    Optional<Hash32> parent = seq == 0 ? Optional.empty()
        : Optional.of(a.rightParent() && seq - 1 < rows.size() ? rows.get((int) seq - 1).id()
            : TckEntries.madeUp(9, seq));
    List<StoredEntry> batch = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      long s = seq + i;
      EntryKind kind = s == 0 ? EntryKind.ROOT : a.ms() % 2 == 0 ? EntryKind.USAGE
          : EntryKind.EXECUTION;
      StoredEntry e = TckEntries.row(t, s, parent, a.variant(), a.ms(), kind);
      batch.add(e);
      parent = Optional.of(e.id());
    }
    if (a.reuseId() && !model.ids.isEmpty()) {
      StoredEntry last = batch.removeLast();
      Hash32 reused = model.ids.keySet().stream().min(Comparator.comparing(Hash32::hex))
          .orElseThrow();
      batch.add(new StoredEntry(reused, t, last.seq(), last.parent(), last.kind(),
          last.recordedMs(), last.canonicalBytes()));
    }
    return batch;
  }

  /** What the rules say a call with {@code batch} does: null for success, else the refusal. */
  private static String expected(Model model, int traj, List<StoredEntry> batch) {
    List<StoredEntry> rows = model.of(traj);
    int i = 0;
    while (i < batch.size() && batch.get(i).seq() < rows.size()) {
      if (!batch.get(i).equals(rows.get((int) batch.get(i).seq()))) {
        return conflict(batch.get(i).seq(), model.head(traj));
      }
      i++;
    }
    if (i == batch.size()) {
      return null;
    }
    StoredEntry first = batch.get(i);
    boolean follows = first.seq() == rows.size()
        && (rows.isEmpty() || first.parent().equals(Optional.of(rows.getLast().id())));
    if (!follows) {
      return conflict(first.seq(), model.head(traj));
    }
    Map<Hash32, Position> seen = new HashMap<>();
    for (StoredEntry e : batch.subList(i, batch.size())) {
      Position there = model.ids.getOrDefault(e.id(), seen.get(e.id()));
      if (there != null) {
        return "duplicate " + e.id().hex() + " at " + there;
      }
      seen.put(e.id(), e.position());
    }
    return null;
  }

  private static String conflict(long seq, Optional<Head> head) {
    return "conflict seq " + seq + " head " + head;
  }

  private static String outcome(Runnable call) {
    try {
      call.run();
      return null;
    } catch (AppendConflict c) {
      return conflict(c.seq(), c.actualHead());
    } catch (DuplicateEntryId d) {
      return "duplicate " + d.entryId().hex() + " at " + d.existing();
    }
  }

  static void run(LedgerBackend ledger, List<Attempt> attempts, int pageSize) {
    Model model = new Model();
    for (Attempt a : attempts) {
      List<StoredEntry> batch = candidate(model, a);
      String expected = expected(model, a.traj(), batch);
      String actual = outcome(batch.size() == 1 ? () -> ledger.append(batch.getFirst())
          : () -> ledger.appendBatch(batch));
      assertEquals(expected, actual, "outcome of " + a);
      if (expected == null) {
        List<StoredEntry> rows = model.of(a.traj());
        for (StoredEntry e : batch) {
          if (e.seq() == rows.size()) {
            rows.add(e);
            model.ids.put(e.id(), e.position());
          }
        }
      }
    }
    List<StoredEntry> all = new ArrayList<>();
    for (Map.Entry<Integer, List<StoredEntry>> m : model.rows.entrySet()) {
      Hash32 traj = TckEntries.traj(m.getKey());
      assertEquals(m.getValue(), RuleGroup.stored(ledger, traj), "entries of traj " + m.getKey());
      assertEquals(model.head(m.getKey()), ledger.head(traj));
      for (StoredEntry e : m.getValue()) {
        assertEquals(Optional.of(e.position()), ledger.locate(e.id()));
      }
      all.addAll(m.getValue());
    }
    List<Hash32> trajectories = model.rows.entrySet().stream()
        .filter(m -> !m.getValue().isEmpty()).map(m -> TckEntries.traj(m.getKey()))
        .sorted(Comparator.comparing(Hash32::hex)).toList();
    assertEquals(trajectories, pages(ledger::trajectories, pageSize, h -> h));
    for (EntryQuery q : List.of(EntryQuery.all(), EntryQuery.all().ofKind(EntryKind.USAGE),
        EntryQuery.all().inTrajectory(TckEntries.traj(2)), EntryQuery.all().recordedBetween(1, 4),
        EntryQuery.all().ofKind(EntryKind.EXECUTION).recordedBetween(3, 6))) {
      List<StoredEntry> want = all.stream().filter(q::matches)
          .sorted(Comparator.comparing(EntryQuery.Key::of)).toList();
      assertEquals(want, pages(p -> ledger.query(q, p), pageSize, EntryQuery.Key::of),
          q.toString());
    }
  }

  // Every page of a listing, concatenated; only the last page may be short.
  private static <T, K> List<T> pages(Function<PageRequest<K>, Page<T>> list, int size,
      Function<T, K> key) {
    List<T> items = new ArrayList<>();
    PageRequest<K> req = PageRequest.first(size);
    for (int n = 0; n < 10_000; n++) {
      Page<T> p = list.apply(req);
      items.addAll(p.items());
      if (!p.hasMore()) {
        return items;
      }
      assertTrue(p.items().size() == size, "only the last page is short");
      req = PageRequest.after(key.apply(p.last().orElseThrow()), size);
    }
    return fail("a listing that never ends");
  }
}
