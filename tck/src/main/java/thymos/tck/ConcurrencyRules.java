package thymos.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.ReplayReport;
import thymos.kernel.replay.Replayer;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.Capability;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.StoredEntry;

/** Fork-proof appends under concurrency (06 L5.2, K2.3). */
abstract class ConcurrencyRules extends RuleGroup {

  private static final int THREADS = 8;
  private static final int SEQS = 60;
  private static final Hash32 T = TckEntries.traj(1);

  ConcurrencyRules(LedgerBackendVerification tck) {
    super(tck);
  }

  /**
   * Every thread appends its own entry at each seq together; losers continue from the winner.
   * Threads hold their own handle when the backend declares CONCURRENT_PROCESSES (as separate
   * processes or connections would), else they share one.
   */
  @Test
  @DisplayName("L5.2, K2.3: 8 appenders race on each of 60 seqs; one entry per seq, losers conflict,"
      + " the ledger replays")
  void required_L5_2_racingAppendersStoreExactlyOnePerSeq() throws Exception {
    boolean ownHandles = ledger.capabilities().contains(Capability.CONCURRENT_PROCESSES);
    List<LedgerBackend> handles = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      handles.add(ownHandles ? store.open() : ledger);
    }
    CyclicBarrier start = new CyclicBarrier(THREADS);
    Map<Long, StoredEntry> winners = new ConcurrentHashMap<>();
    AtomicInteger losers = new AtomicInteger();
    AtomicInteger badConflicts = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int variant = t + 1;
        LedgerBackend mine = handles.get(t);
        done.add(pool.submit(() -> {
          Optional<Hash32> parent = Optional.empty();
          for (long seq = 0; seq < SEQS; seq++) {
            StoredEntry entry = TckEntries.row(T, seq, parent, variant, 1000 + seq);
            start.await(60, TimeUnit.SECONDS);
            try {
              mine.append(entry);
              assertNull(winners.putIfAbsent(seq, entry), "two winners at seq " + seq);
            } catch (AppendConflict c) {
              losers.incrementAndGet();
              if (c.actualHead().map(Head::seq).orElse(-1L) < seq) {
                badConflicts.incrementAndGet();
              }
            }
            // Continue the chain from whichever entry won this seq.
            try (Stream<StoredEntry> s = mine.read(T, seq, seq + 1)) {
              parent = Optional.of(s.findFirst().orElseThrow().id());
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(180, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(SEQS, winners.size(), "one winner per seq");
    assertEquals(SEQS * (THREADS - 1), losers.get(), "every loser sees AppendConflict");
    assertEquals(0, badConflicts.get(), "a conflict names a head at or past the refused seq");
    List<StoredEntry> stored = stored(T);
    assertEquals(SEQS, stored.size());
    for (int i = 0; i < SEQS; i++) {
      StoredEntry e = stored.get(i);
      assertEquals(i, e.seq());
      assertEquals(winners.get((long) i), e);
      assertEquals(i == 0 ? Optional.empty() : Optional.of(stored.get(i - 1).id()), e.parent());
    }
    for (LedgerBackend h : handles) {
      assertEquals(stored, stored(h, T), "every handle reads the same entries");
    }
    try (Stream<byte[]> bytes = ledger.readBytes(T)) {
      ReplayReport r = Replayer.replay(T, bytes, ReplayOptions.defaults().collectAll());
      assertEquals(List.of(), r.violations(), "the raced ledger replays (R2)");
      assertEquals(SEQS, r.entries());
    }
  }

  @Test
  @DisplayName("L5.2, L5.3: concurrent readers never see part of a batch")
  void required_L5_2_readersSeeNoPartialBatch() throws Exception {
    boolean ownHandles = ledger.capabilities().contains(Capability.CONCURRENT_PROCESSES);
    LedgerBackend readerHandle = ownHandles ? store.open() : ledger;
    List<StoredEntry> rows = TckEntries.chain(T, 10 * 100);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger partial = new AtomicInteger();
    AtomicInteger observed = new AtomicInteger();
    CountDownLatch readerRunning = new CountDownLatch(1);
    AtomicReference<Throwable> readerFailure = new AtomicReference<>();
    Thread reader = Thread.ofPlatform().start(() -> {
      while (writing.get() && readerFailure.get() == null) {
        try {
        Optional<Head> h = readerHandle.head(T);
        long count;
        try (Stream<StoredEntry> s = readerHandle.read(T)) {
          count = s.count();
        }
        observed.incrementAndGet();
        readerRunning.countDown();
        if (h.map(x -> (x.seq() + 1) % 10 != 0).orElse(false) || count % 10 != 0) {
          partial.incrementAndGet();
        }
        } catch (Throwable t) {
          readerFailure.set(t);
          readerRunning.countDown();
        }
      }
    });
    try {
      // Write only once the reader runs, so the two overlap however threads are scheduled.
      assertTrue(readerRunning.await(60, TimeUnit.SECONDS), "reader started");
      for (int b = 0; b < 100; b++) {
        ledger.appendBatch(rows.subList(b * 10, b * 10 + 10));
      }
    } finally {
      writing.set(false);
      reader.join(60_000);
    }
    assertNull(readerFailure.get(), () -> "the reader failed: " + readerFailure.get());
    assertTrue(observed.get() > 0);
    assertEquals(0, partial.get(), "a reader saw a partial batch");
    assertEquals(rows, stored(T));
  }
}
