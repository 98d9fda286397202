package thymos.ledger.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.ledger.spi.Capability;
import thymos.ledger.spi.LedgerConfig;
import thymos.ledger.spi.LedgerCorrupted;
import thymos.ledger.spi.LedgerFormatMismatch;
import thymos.ledger.spi.LedgerUnavailable;
import thymos.ledger.spi.Ledgers;
import thymos.ledger.spi.StoredEntry;
import thymos.tck.TckEntries;

/**
 * Opening a PostgreSQL store (L5.7, L7.2): the schema and format stamp created once on first boot,
 * foreign or other-version schemas refused before anything is written, and typed errors for an
 * unreachable server, a refused login, a missing database and a missing privilege (L5.6).
 */
class PostgresStoreTest {

  private final List<String> schemas = new ArrayList<>();

  @BeforeAll
  static void server() {
    TestServer.require();
  }

  @AfterEach
  void dropSchemas() {
    schemas.forEach(TestServer::drop);
  }

  private String schema() {
    String s = TestServer.freshSchema();
    schemas.add(s);
    return s;
  }

  private static long count(String sql) {
    return Long.parseLong(TestServer.scalar(sql).orElseThrow());
  }

  private static boolean hasTable(String schema, String table) {
    return TestServer.scalar("SELECT to_regclass('\"" + schema + "\"." + table + "')")
        .isPresent();
  }

  @Test
  @DisplayName("L5.7: the first open creates schema, tables and stamp; reopening finds them")
  void required_L5_7_firstOpenStampsTheSchema() {
    String s = schema();
    Hash32 t = TckEntries.traj(1);
    try (PostgresLedger ledger = TestLedgers.open(s)) {
      assertEquals(StoreFormat.FORMAT_VERSION, ledger.storageFormatVersion());
      assertEquals(s, ledger.schema());
      TckEntries.chain(t, 3).forEach(ledger::append);
    }
    assertEquals("thymos-ledger 1", TestServer.scalar("SELECT application || ' ' || version FROM \""
        + s + "\".thymos_format").orElseThrow());
    try (PostgresLedger again = TestLedgers.open(s)) {
      assertEquals(TckEntries.chain(t, 3), TestLedgers.stored(again, t), "durable across reopen");
    }
    assertEquals(1, count("SELECT count(*) FROM \"" + s + "\".thymos_format"));
  }

  @Test
  @DisplayName("L5.7, L7.2: runtimes booting together on a new schema create it exactly once")
  void required_L7_2_concurrentFirstBootCreatesTheSchemaOnce() throws Exception {
    int n = 6;
    String s = schema();
    CyclicBarrier start = new CyclicBarrier(n);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    List<PostgresLedger> opened = new ArrayList<>();
    try {
      List<Future<PostgresLedger>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        done.add(pool.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          return TestLedgers.open(s, "pool_size", "1");
        }));
      }
      for (Future<PostgresLedger> f : done) {
        opened.add(f.get(60, TimeUnit.SECONDS));
      }
      assertEquals(1, count("SELECT count(*) FROM \"" + s + "\".thymos_format"));
      StoredEntry root = TckEntries.chain(TckEntries.traj(1), 1).getFirst();
      opened.getFirst().append(root);
      assertEquals(Optional.of(root.position()), opened.getLast().locate(root.id()));
    } finally {
      pool.shutdownNow();
      opened.forEach(PostgresLedger::close);
    }
  }

  @Test
  @DisplayName("L5.7: a schema stamped with another format version is refused: found N, expected M")
  void required_L5_7_otherFormatVersionIsRefused() {
    String s = schema();
    TestLedgers.open(s).close();
    TestServer.exec("UPDATE \"" + s + "\".thymos_format SET version = 2");
    LedgerFormatMismatch e = assertThrows(LedgerFormatMismatch.class, () -> TestLedgers.open(s));
    assertEquals(2, e.found());
    assertEquals(1, e.expected());
    assertEquals("THY-L507", e.code());
    assertTrue(e.getMessage().contains("found 2, expected 1"), e.getMessage());
  }

  @Test
  @DisplayName("L5.7: a schema holding other objects and no stamp is refused, and left untouched")
  void required_L5_7_foreignSchemaIsRefusedUntouched() {
    String s = schema();
    TestServer.exec("CREATE SCHEMA \"" + s + "\"");
    TestServer.exec("CREATE TABLE \"" + s + "\".invoices (n int)");
    LedgerCorrupted e = assertThrows(LedgerCorrupted.class, () -> TestLedgers.open(s));
    assertTrue(e.getMessage().contains("not a Thymos ledger"), e.getMessage());
    assertFalse(hasTable(s, "thymos_format"), "nothing was written");
    assertFalse(hasTable(s, "entries"), "nothing was written");
  }

  @Test
  @DisplayName("L5.7: an existing empty schema is adopted; a stamp of another application or no "
      + "entries table is corruption")
  void required_L5_7_emptySchemaIsAdoptedBrokenStampsAreCorrupt() {
    String empty = schema();
    TestServer.exec("CREATE SCHEMA \"" + empty + "\"");
    TestLedgers.open(empty).close();
    assertTrue(hasTable(empty, "entries"));

    String other = schema();
    TestLedgers.open(other).close();
    TestServer.exec("UPDATE \"" + other + "\".thymos_format SET application = 'someone-else'");
    assertThrows(LedgerCorrupted.class, () -> TestLedgers.open(other));

    String noEntries = schema();
    TestLedgers.open(noEntries).close();
    TestServer.exec("DROP TABLE \"" + noEntries + "\".entries");
    LedgerCorrupted e = assertThrows(LedgerCorrupted.class, () -> TestLedgers.open(noEntries));
    assertTrue(e.getMessage().contains("no entries table"), e.getMessage());
  }

  @Test
  @DisplayName("L6, L7.2: the same store opens through jdbc:postgresql: with the same entries")
  void required_L6_jdbcUriOpensTheSameStore() {
    String s = schema();
    StoredEntry root = TckEntries.chain(TckEntries.traj(1), 1).getFirst();
    try (PostgresLedger ledger = TestLedgers.open(s)) {
      ledger.append(root);
    }
    PostgresOptions o = PostgresOptions.parse(LedgerConfig.of(TestServer.url()));
    Map<String, String> options = new java.util.HashMap<>(Map.of("schema", s));
    for (String key : List.of("user", "password")) {
      if (o.driverProperties().getProperty(key) != null) {
        options.put(key, o.driverProperties().getProperty(key));
      }
    }
    try (PostgresLedger jdbc = (PostgresLedger) Ledgers.open(new LedgerConfig(o.jdbcUrl(),
        options))) {
      assertEquals(List.of(root), TestLedgers.stored(jdbc, root.trajectoryId()));
    }
  }

  @Test
  @DisplayName("K2.6: capabilities are CONCURRENT_PROCESSES and DURABLE_ACROSS_REOPEN, fixed")
  void required_K2_6_capabilitiesAreDeclared() {
    try (PostgresLedger ledger = TestLedgers.open(schema())) {
      assertEquals(Set.of(Capability.CONCURRENT_PROCESSES, Capability.DURABLE_ACROSS_REOPEN),
          ledger.capabilities());
      assertTrue(ledger.toString().contains(ledger.schema()));
    }
  }

  @Test
  @DisplayName("L5.1: sessions run with synchronous_commit on even when the URI turns it off")
  void required_L5_1_commitsAreDurableWhateverTheSessionDefault() {
    String s = schema();
    String sep = TestServer.url().contains("?") ? "&" : "?";
    LedgerConfig config = new LedgerConfig(TestServer.url() + sep
        + "options=-c%20synchronous_commit%3Doff", Map.of("schema", s));
    try (PostgresLedger ledger = (PostgresLedger) Ledgers.open(config)) {
      assertEquals("on", ledger.setting("synchronous_commit"));
    }
  }

  private static SQLException driverCause(LedgerUnavailable e) {
    assertEquals("THY-L506", e.code());
    return assertInstanceOf(SQLException.class, e.getCause(), "the driver's exception is wrapped");
  }

  @Test
  @DisplayName("L5.6: an unreachable server is LedgerUnavailable; the message names no host")
  void required_L5_6_unreachableServerIsUnavailable() {
    LedgerUnavailable e = assertThrows(LedgerUnavailable.class, () -> Ledgers.open(
        LedgerConfig.of("postgresql://postgres@127.0.0.1:1/test?connectTimeout=2")));
    assertEquals("08001", driverCause(e).getSQLState());
    assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
    assertFalse(e.getMessage().contains("127.0.0.1"), e.getMessage());
  }

  @Test
  @DisplayName("L5.6: a login the server refuses is LedgerUnavailable (SQLState class 28)")
  void required_L5_6_refusedLoginIsUnavailable() {
    String uri = TestServer.url().replaceFirst("//([^@/]*@)?", "//no_such_role_thymos@");
    LedgerUnavailable e = assertThrows(LedgerUnavailable.class, () -> Ledgers.open(
        new LedgerConfig(uri, Map.of("schema", schema()))));
    assertTrue(driverCause(e).getSQLState().startsWith("28"), driverCause(e).getSQLState());
    assertTrue(e.getMessage().contains("refused the login"), e.getMessage());
    assertFalse(e.getMessage().contains("no_such_role"), e.getMessage());
  }

  @Test
  @DisplayName("L5.6: a missing database is LedgerUnavailable (3D000)")
  void required_L5_6_missingDatabaseIsUnavailable() {
    String uri = TestServer.url().replaceFirst("(//[^/?]*)/[^?]*", "$1/no_such_db_thymos");
    LedgerUnavailable e = assertThrows(LedgerUnavailable.class,
        () -> Ledgers.open(LedgerConfig.of(uri)));
    assertEquals("3D000", driverCause(e).getSQLState());
    assertTrue(e.getMessage().contains("database does not exist"), e.getMessage());
  }

  @Test
  @DisplayName("L5.6: a user who may not create the schema gets LedgerUnavailable (42501)")
  void required_L5_6_missingPrivilegeIsUnavailable() {
    String role = "thymos_test_role_" + schema().substring("thymos_test_".length());
    TestServer.exec("CREATE ROLE " + role + " LOGIN");
    try {
      String uri = TestServer.url().replaceFirst("//([^@/]*@)?", "//" + role + "@");
      LedgerUnavailable e = assertThrows(LedgerUnavailable.class, () -> Ledgers.open(
          new LedgerConfig(uri, Map.of("schema", schema()))));
      assertEquals("42501", driverCause(e).getSQLState());
      assertTrue(e.getMessage().contains("privilege"), e.getMessage());
    } finally {
      TestServer.exec("DROP ROLE " + role);
    }
  }

  @Test
  @DisplayName("L5.6: a ledger whose table was dropped behind its back reports LedgerCorrupted")
  void required_L5_6_droppedTableIsCorrupted() {
    String s = schema();
    try (PostgresLedger ledger = TestLedgers.open(s)) {
      TestServer.exec("DROP TABLE \"" + s + "\".entries");
      LedgerCorrupted e = assertThrows(LedgerCorrupted.class, () -> ledger.head(TckEntries.traj(1)));
      assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }
  }
}
