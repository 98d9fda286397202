package thymos.ledger.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import thymos.api.LedgerException;
import thymos.api.crypto.Hash32;
import thymos.api.model.EntryKind;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.DuplicateEntryId;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.Page;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.StoredEntry;
import thymos.ledger.spi.memory.MemoryLedger;

/**
 * The PostgreSQL backend against the reference backend (L7.2, L7.3, I5): random appends and
 * batches — following, stale, gapped, repeated, forged ids — give the same outcome on both, and
 * afterwards every read, locate, trajectory page and query page agrees. One schema for the
 * container, emptied before each try.
 */
@AddLifecycleHook(TestServer.SkipWithoutServer.class)
class PostgresLedgerProperties {

  private static final String SCHEMA = TestServer.freshSchema();
  private static PostgresLedger ledger;

  @BeforeContainer
  static void open() {
    TestServer.require();
    ledger = TestLedgers.open(SCHEMA, "pool_size", "2");
  }

  @AfterContainer
  static void close() {
    if (ledger != null) {
      ledger.close();
    }
    TestServer.drop(SCHEMA);
  }

  /**
   * One append attempt: trajectory, batch size, seq relative to the head, right parent, variant,
   * recorded time, whether the last entry reuses a stored id.
   */
  record Attempt(int traj, int size, int seqDelta, boolean rightParent, int variant, long ms,
      boolean forgeId) {}

  @Provide
  Arbitrary<List<Attempt>> attempts() {
    Arbitrary<Attempt> one = Combinators.combine(Arbitraries.integers().between(1, 3),
        Arbitraries.of(1, 1, 1, 3), Arbitraries.of(-2, -1, 0, 0, 0, 1),
        Arbitraries.of(true, true, true, false), Arbitraries.integers().between(0, 1),
        Arbitraries.longs().between(0, 5), Arbitraries.of(false, false, false, false, true))
        .as(Attempt::new);
    return one.list().ofMaxSize(40);
  }

  private static List<StoredEntry> candidate(MemoryLedger oracle, Attempt a) {
    Hash32 t = Entries.traj(a.traj());
    List<StoredEntry> rows = TestLedgers.stored(oracle, t);
    long seq = Math.max(0, rows.size() + a.seqDelta());
    Optional<Hash32> parent = seq == 0 ? Optional.empty()
        : Optional.of(a.rightParent() && seq - 1 < rows.size() ? rows.get((int) seq - 1).id()
            : Entries.madeUp(9, seq));
    List<StoredEntry> batch = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      long s = seq + i;
      EntryKind kind = s == 0 ? EntryKind.ROOT : a.ms() % 2 == 0 ? EntryKind.USAGE
          : EntryKind.EXECUTION;
      StoredEntry e = Entries.row(t, s, parent, a.variant(), a.ms(), kind);
      batch.add(e);
      parent = Optional.of(e.id());
    }
    if (a.forgeId()) {
      List<StoredEntry> any = oracle.query(EntryQuery.all(), PageRequest.first(1)).items();
      StoredEntry last = batch.removeLast();
      Hash32 reused = any.isEmpty() ? last.id() : any.getFirst().id();
      batch.add(new StoredEntry(reused, t, last.seq(), last.parent(), last.kind(), last.recordedMs(),
          last.canonicalBytes()));
    }
    return batch;
  }

  /** The outcome of one call: ok, or the error's type and its structured content. */
  private static String outcome(Runnable call) {
    try {
      call.run();
      return "ok";
    } catch (AppendConflict c) {
      return "conflict seq " + c.seq() + " head " + c.actualHead();
    } catch (DuplicateEntryId d) {
      return "duplicate " + d.entryId() + " at " + d.existing();
    } catch (LedgerException | IllegalArgumentException e) {
      return e.getClass().getSimpleName();
    }
  }

  @Property(tries = 60)
  @Label("L5.1, L7.2, I5: appends and every read agree with the reference backend")
  void required_L5_1_postgresAgreesWithTheReference(@ForAll("attempts") List<Attempt> attempts,
      @ForAll @IntRange(min = 1, max = 4) int pageSize) {
    MemoryLedger oracle = new MemoryLedger();
    TestServer.exec("TRUNCATE \"" + SCHEMA + "\".entries");
    for (Attempt a : attempts) {
      List<StoredEntry> batch = candidate(oracle, a);
      Runnable sql = batch.size() == 1 ? () -> ledger.append(batch.getFirst())
          : () -> ledger.appendBatch(batch);
      String expected = outcome(() -> oracle.appendBatch(batch));
      assertEquals(expected, outcome(sql), a.toString());
    }
    for (int t = 1; t <= 3; t++) {
      Hash32 traj = Entries.traj(t);
      List<StoredEntry> rows = TestLedgers.stored(oracle, traj);
      assertEquals(rows, TestLedgers.stored(ledger, traj));
      assertEquals(oracle.head(traj), ledger.head(traj));
      for (StoredEntry e : rows) {
        assertEquals(oracle.locate(e.id()), ledger.locate(e.id()));
      }
    }
    Function<Hash32, Hash32> self = h -> h;
    assertEquals(pages(oracle::trajectories, pageSize, self),
        pages(ledger::trajectories, pageSize, self));
    for (EntryQuery q : List.of(EntryQuery.all(), EntryQuery.all().ofKind(EntryKind.USAGE),
        EntryQuery.all().inTrajectory(Entries.traj(2)), EntryQuery.all().recordedBetween(1, 4),
        EntryQuery.all().ofKind(EntryKind.EXECUTION).recordedBetween(3, 6))) {
      assertEquals(pages(p -> oracle.query(q, p), pageSize, EntryQuery.Key::of),
          pages(p -> ledger.query(q, p), pageSize, EntryQuery.Key::of), q.toString());
    }
  }

  // Every page of a listing, as a list of pages, so page boundaries are compared too.
  private static <T, K> List<Page<T>> pages(Function<PageRequest<K>, Page<T>> list, int size,
      Function<T, K> key) {
    List<Page<T>> pages = new ArrayList<>();
    PageRequest<K> req = PageRequest.first(size);
    while (true) {
      Page<T> p = list.apply(req);
      pages.add(p);
      if (!p.hasMore()) {
        return pages;
      }
      req = PageRequest.after(key.apply(p.last().orElseThrow()), size);
    }
  }
}
