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
import thymos.tck.TckEntries;

/**
 * Identical appends racing on PostgreSQL all succeed as one (L5.1, L5.2) — the one concurrency
 * case the TCK does not cover; racing appenders and readers are its K2.3 tests, run here by
 * {@code PostgresBackendTckTest}.
 */
class PostgresLedgerConcurrencyTest {

  private static final int THREADS = 8;
  private static final int SEQS = 60;
  private static final Hash32 T = TckEntries.traj(1);

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
  @DisplayName("L5.1, L5.2: 8 threads appending the identical entry at once all succeed; it is "
      + "stored once")
  void required_L5_1_identicalConcurrentRetriesAllSucceed() throws Exception {
    Hash32 traj = TckEntries.traj(3);
    List<StoredEntry> rows = TckEntries.chain(traj, 20);
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

}
