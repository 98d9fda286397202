package thymos.ledger.postgres;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.api.model.Entry;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.StoredEntry;

/** Fork-proof append under concurrency in one process on PostgreSQL (06 L5.2, L7.2, K2.3). */
class PostgresLedgerConcurrencyTest {

  private static final int THREADS = 8;
  private static final int SEQS = 60;
  private static final Hash32 T = Entries.traj(1);

  private static final String SCHEMA = TestServer.freshSchema();

  @BeforeAll
  static void server() {
    TestServer.require();
  }

  @AfterAll
  static void dropSchema() {
    TestServer.drop(SCHEMA);
  }

  @Test
  @DisplayName("L5.2: 8 threads with two ledger instances race on each of 60 seqs; one wins each")
  void required_L5_2_racingAppendersStoreExactlyOnePerSeq() throws Exception {
    // Two instances (two pools) on one schema: each seq is a race between 8 transactions.
    try (PostgresLedger a = TestLedgers.open(SCHEMA); PostgresLedger b = TestLedgers.open(SCHEMA)) {
      CyclicBarrier start = new CyclicBarrier(THREADS);
      Map<Long, StoredEntry> winners = new ConcurrentHashMap<>();
      AtomicInteger losers = new AtomicInteger();
      AtomicInteger badConflicts = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int variant = t + 1;
          PostgresLedger ledger = t % 2 == 0 ? a : b;
          done.add(pool.submit(() -> {
            Optional<Hash32> parent = Optional.empty();
            for (long seq = 0; seq < SEQS; seq++) {
              StoredEntry mine = Entries.row(T, seq, parent, variant, seq);
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
              try (Stream<StoredEntry> s = ledger.read(T, seq, seq + 1)) {
                parent = Optional.of(s.findFirst().orElseThrow().id());
              }
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(SEQS, winners.size());
      assertEquals(SEQS * (THREADS - 1), losers.get(), "every loser sees AppendConflict");
      assertEquals(0, badConflicts.get(), "a conflict names a head at or past the refused seq");
      List<StoredEntry> stored = TestLedgers.stored(a, T);
      assertEquals(SEQS, stored.size());
      for (int i = 0; i < SEQS; i++) {
        StoredEntry e = stored.get(i);
        assertEquals(i, e.seq());
        assertEquals(winners.get((long) i), e);
        assertEquals(i == 0 ? Optional.empty() : Optional.of(stored.get(i - 1).id()), e.parent());
        assertEquals(e.id(), Entry.parse(e.canonicalBytes()).id(), "stored bytes still parse");
      }
      assertEquals(stored, TestLedgers.stored(b, T));
    }
  }

  @Test
  @DisplayName("L5.1, L5.2: 8 threads appending the identical entry at once all succeed; it is "
      + "stored once")
  void required_L5_1_identicalConcurrentRetriesAllSucceed() throws Exception {
    Hash32 traj = Entries.traj(3);
    List<StoredEntry> rows = Entries.chain(traj, 20);
    try (PostgresLedger a = TestLedgers.open(SCHEMA); PostgresLedger b = TestLedgers.open(SCHEMA)) {
      CyclicBarrier start = new CyclicBarrier(THREADS);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          PostgresLedger ledger = t % 2 == 0 ? a : b;
          done.add(pool.submit(() -> {
            for (StoredEntry e : rows) {
              start.await(30, TimeUnit.SECONDS);
              ledger.append(e); // a lost reply retried by many at once: never a conflict
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
      assertEquals(rows, TestLedgers.stored(a, traj));
    }
  }

  @Test
  @DisplayName("L5.2, L5.3: concurrent readers never see part of a batch")
  void required_L5_2_readersSeeNoPartialBatch() throws Exception {
    try (PostgresLedger ledger = TestLedgers.open(SCHEMA)) {
      List<StoredEntry> rows = Entries.chain(Entries.traj(2), 10 * 100);
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicInteger partial = new AtomicInteger();
      AtomicInteger observed = new AtomicInteger();
      CountDownLatch readerRunning = new CountDownLatch(1);
      Thread reader = Thread.ofPlatform().start(() -> {
        while (writing.get()) {
          Optional<Head> h = ledger.head(Entries.traj(2));
          long count;
          try (Stream<StoredEntry> s = ledger.read(Entries.traj(2))) {
            count = s.count();
          }
          observed.incrementAndGet();
          readerRunning.countDown();
          if (h.map(x -> (x.seq() + 1) % 10 != 0).orElse(false) || count % 10 != 0) {
            partial.incrementAndGet();
          }
        }
      });
      assertTrue(readerRunning.await(30, TimeUnit.SECONDS), "reader started");
      for (int b = 0; b < 100; b++) {
        ledger.appendBatch(rows.subList(b * 10, b * 10 + 10));
      }
      writing.set(false);
      reader.join(30_000);
      assertTrue(observed.get() > 0);
      assertEquals(0, partial.get(), "a reader saw a partial batch");
      assertEquals(rows, TestLedgers.stored(ledger, Entries.traj(2)));
    }
  }
}
