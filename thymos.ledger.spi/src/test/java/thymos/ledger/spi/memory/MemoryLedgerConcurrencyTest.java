package thymos.ledger.spi.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.Rows;
import thymos.ledger.spi.StoredEntry;

/** Fork-proof append under concurrency (06 L5.2, K2.3) on the reference backend. */
class MemoryLedgerConcurrencyTest {

  private static final int THREADS = 8;
  private static final int SEQS = 200;
  private static final Hash32 T = Rows.traj(1);

  @Test
  @DisplayName("L5.2: 8 threads race on every one of 200 seqs; exactly one entry per seq survives")
  void required_L5_2_racingAppendersStoreExactlyOnePerSeq() throws Exception {
    MemoryLedger ledger = new MemoryLedger();
    // All threads append at the same seq together, each with its own entry (its own variant).
    CyclicBarrier start = new CyclicBarrier(THREADS);
    Map<Long, StoredEntry> winners = new ConcurrentHashMap<>();
    AtomicInteger losers = new AtomicInteger();
    AtomicInteger badConflicts = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int variant = t + 1;
        done.add(pool.submit(() -> {
          Optional<Hash32> parent = Optional.empty();
          for (long seq = 0; seq < SEQS; seq++) {
            StoredEntry mine = Rows.row(T, seq, parent, variant, seq);
            start.await(30, TimeUnit.SECONDS);
            try {
              ledger.append(mine);
              assertNull(winners.putIfAbsent(seq, mine), "two winners at seq " + seq);
            } catch (AppendConflict c) {
              losers.incrementAndGet();
              if (c.actualHead().map(Head::seq).orElse(-1L) < seq) {
                badConflicts.incrementAndGet();
              }
            }
            // Continue the chain from whichever entry won this seq.
            try (Stream<StoredEntry> s = ledger.read(T, seq, seq + 1)) {
              parent = Optional.of(s.findFirst().orElseThrow().id());
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(SEQS, winners.size());
    assertEquals(SEQS * (THREADS - 1), losers.get(), "every loser sees AppendConflict");
    assertEquals(0, badConflicts.get(), "a conflict names a head at or past the refused seq");
    List<StoredEntry> stored;
    try (Stream<StoredEntry> s = ledger.read(T)) {
      stored = s.toList();
    }
    assertEquals(SEQS, stored.size());
    for (int i = 0; i < SEQS; i++) {
      StoredEntry e = stored.get(i);
      assertEquals(i, e.seq());
      assertEquals(winners.get((long) i), e);
      assertEquals(i == 0 ? Optional.empty() : Optional.of(stored.get(i - 1).id()), e.parent());
    }
  }

  @Test
  @DisplayName("L5.2, L5.3: concurrent readers never see part of a batch")
  void required_L5_2_readersSeeNoPartialBatch() throws Exception {
    MemoryLedger ledger = new MemoryLedger();
    List<StoredEntry> rows = Rows.chain(T, 10 * 300);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger partial = new AtomicInteger();
    AtomicInteger observed = new AtomicInteger();
    java.util.concurrent.CountDownLatch readerRunning = new java.util.concurrent.CountDownLatch(1);
    Thread reader = Thread.ofPlatform().start(() -> {
      while (writing.get()) {
        Optional<Head> h = ledger.head(T);
        long count;
        try (Stream<StoredEntry> s = ledger.read(T)) {
          count = s.count();
        }
        observed.incrementAndGet();
        readerRunning.countDown();
        if (h.map(x -> (x.seq() + 1) % 10 != 0).orElse(false) || count % 10 != 0) {
          partial.incrementAndGet();
        }
      }
    });
    // Start writing only once the reader runs, so the two overlap however threads are scheduled.
    assertTrue(readerRunning.await(30, java.util.concurrent.TimeUnit.SECONDS), "reader started");
    for (int b = 0; b < 300; b++) {
      ledger.appendBatch(rows.subList(b * 10, b * 10 + 10));
    }
    writing.set(false);
    reader.join(30_000);
    assertTrue(observed.get() > 0);
    assertEquals(0, partial.get(), "a reader saw a partial batch");
  }
}
