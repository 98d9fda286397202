package thymos.ledger.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import thymos.api.crypto.Hash32;
import thymos.api.model.Entry;
import thymos.kernel.replay.Replayer;
import thymos.ledger.spi.LedgerConfig;
import thymos.ledger.spi.LedgerUnavailable;
import thymos.ledger.spi.Ledgers;
import thymos.ledger.spi.StoredEntry;
import thymos.tck.TckEntries;

/**
 * Server faults under load (L5.1, L5.6, L7.2): while writers append, the server terminates the
 * ledger's backend connections ({@code pg_terminate_backend}) again and again. Appends in flight
 * fail with {@link LedgerUnavailable} — never another error, never silently — the pool reconnects,
 * later appends succeed, and no acknowledged entry is lost.
 */
class PostgresServerFaultIT {

  private static final String SCHEMA = TestServer.freshSchema();
  private static final String APP = "thymos-fault-" + SCHEMA;
  private static final int WRITERS = 4;

  @BeforeAll
  static void server() {
    TestServer.require();
  }

  @AfterAll
  static void dropSchema() {
    TestServer.drop(SCHEMA);
  }

  /** Terminates every backend of this test's ledger; returns how many. */
  private static int terminateBackends() throws Exception {
    try (Connection c = TestServer.jdbc(); PreparedStatement s = c.prepareStatement(
        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE application_name = ?")) {
      s.setString(1, APP);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  @DisplayName("L5.6, L7.2: terminated connections fail in-flight appends with LedgerUnavailable; "
      + "the pool reconnects and nothing acknowledged is lost")
  void required_L5_6_terminatedConnectionsAreUnavailableThenRecover() throws Exception {
    String sep = TestServer.url().contains("?") ? "&" : "?";
    LedgerConfig config = new LedgerConfig(TestServer.url() + sep + "ApplicationName=" + APP,
        Map.of("schema", SCHEMA, "pool_size", "4"));
    try (PostgresLedger ledger = (PostgresLedger) Ledgers.open(config)) {
      AtomicBoolean faults = new AtomicBoolean(true);
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger unavailable = new AtomicInteger();
      AtomicLong afterFaults = new AtomicLong();
      ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
      List<List<StoredEntry>> acknowledged = new ArrayList<>();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        List<StoredEntry> mine = new ArrayList<>();
        acknowledged.add(mine);
        Hash32 traj = TckEntries.traj(100 + w);
        int variant = w;
        writers.add(Thread.ofPlatform().start(() -> {
          Optional<Hash32> parent = Optional.empty();
          for (long seq = 0; running.get(); seq++) {
            StoredEntry e = TckEntries.row(traj, seq, parent, variant, seq);
            // An append that failed may still have committed: retrying the same entry is safe
            // (L5.1 identical retry), so each entry is retried until acknowledged.
            while (true) {
              boolean faulting = faults.get();
              try {
                ledger.append(e);
                mine.add(e);
                if (!faulting) {
                  afterFaults.incrementAndGet();
                }
                break;
              } catch (LedgerUnavailable u) {
                unavailable.incrementAndGet();
              } catch (Throwable t) {
                unexpected.add(t);
                return;
              }
            }
            parent = Optional.of(e.id());
          }
        }));
      }
      int terminated = 0;
      for (int round = 0; round < 10; round++) {
        Thread.sleep(200);
        terminated += terminateBackends();
      }
      faults.set(false);
      Thread.sleep(1_500);
      running.set(false);
      for (Thread t : writers) {
        t.join(30_000);
      }
      assertEquals(List.of(), List.copyOf(unexpected), "only LedgerUnavailable may be thrown");
      assertTrue(terminated > 0, "backends were terminated");
      assertTrue(unavailable.get() > 0, "some appends were in flight when their connection died");
      assertTrue(afterFaults.get() >= WRITERS, "appends succeed again after the faults: "
          + afterFaults.get());
      for (int w = 0; w < WRITERS; w++) {
        Hash32 traj = TckEntries.traj(100 + w);
        List<StoredEntry> stored = TestLedgers.stored(ledger, traj);
        assertEquals(acknowledged.get(w), stored, "every acknowledged entry, nothing else");
        for (StoredEntry e : stored) {
          assertEquals(e.id(), Entry.parse(e.canonicalBytes()).id());
        }
        assertTrue(Replayer.replay(traj, stored.stream().map(StoredEntry::canonicalBytes)
            .iterator()).verified());
      }
      System.err.printf("server faults: %d backends terminated, %d appends unavailable, "
          + "%d appended after%n", terminated, unavailable.get(), afterFaults.get());
    }
  }
}
