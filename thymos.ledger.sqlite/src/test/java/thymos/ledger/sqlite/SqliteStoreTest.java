package thymos.ledger.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.ConfigurationException;
import thymos.api.LedgerException;
import thymos.api.crypto.Hash32;
import thymos.api.model.EntryKind;
import thymos.ledger.spi.Capability;
import thymos.ledger.spi.LedgerConfig;
import thymos.ledger.spi.LedgerCorrupted;
import thymos.ledger.spi.LedgerFormatMismatch;
import thymos.ledger.spi.LedgerUnavailable;
import thymos.ledger.spi.Ledgers;
import thymos.ledger.spi.StoredEntry;
import thymos.tck.TckEntries;

/** Opening SQLite stores (L6, L7.1), the format stamp (L5.7) and typed failures (L5.6). */
class SqliteStoreTest {

  private static final Hash32 T = TckEntries.traj(1);

  @TempDir
  Path dir;

  private Path file() {
    return dir.resolve("ledger.db");
  }

  private List<StoredEntry> seed(Path file, int n) {
    List<StoredEntry> rows = TckEntries.chain(T, n);
    try (SqliteLedger ledger = TestLedgers.open(file)) {
      ledger.appendBatch(rows);
    }
    return rows;
  }

  private static Connection jdbc(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }

  private static String pragma(Path file, String name) throws SQLException {
    try (Connection c = jdbc(file); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA " + name)) {
      return r.next() ? r.getString(1) : null;
    }
  }

  @Test
  @DisplayName("L6: sqlite:<path> opens through Ledgers; entries survive closing and reopening")
  void required_L6_sqliteUriOpensADurableStore() {
    List<StoredEntry> rows = seed(file(), 3);
    try (SqliteLedger again = TestLedgers.open(file())) {
      assertEquals(rows, TestLedgers.stored(again, T));
      assertEquals(Set.of(Capability.CONCURRENT_PROCESSES, Capability.DURABLE_ACROSS_REOPEN),
          again.capabilities());
      assertEquals(Optional.empty(), again.corruptionHook());
      assertEquals(SqliteLedgerProvider.FORMAT_VERSION, again.storageFormatVersion());
    }
  }

  @Test
  @DisplayName("L6: each sqlite::memory: open is a new private store that is gone when closed")
  void required_L6_memoryUriOpensPrivateStores() {
    SqliteLedger a = TestLedgers.open("sqlite::memory:");
    try (SqliteLedger b = TestLedgers.open("sqlite::memory:")) {
      a.appendBatch(TckEntries.chain(T, 2));
      assertEquals(2, TestLedgers.stored(a, T).size());
      assertEquals(List.of(), TestLedgers.stored(b, T));
      assertEquals(Set.of(), a.capabilities());
    } finally {
      a.close();
    }
    assertThrows(LedgerUnavailable.class, () -> a.head(T));
  }

  @Test
  @DisplayName("L7.1: WAL journal, synchronous FULL by default or NORMAL, and a busy timeout")
  void required_L7_1_journalAndDurabilitySettings() throws SQLException {
    try (SqliteLedger ledger = TestLedgers.open(file())) {
      assertEquals("wal", ledger.writerPragma("journal_mode"));
      assertEquals("2", ledger.writerPragma("synchronous"), "FULL");
      assertEquals("5000", ledger.writerPragma("busy_timeout"));
    }
    try (SqliteLedger ledger = TestLedgers.open(file(), "synchronous", "normal",
        "busy_timeout_ms", "250", "readers", "1")) {
      assertEquals("1", ledger.writerPragma("synchronous"), "NORMAL");
      assertEquals("250", ledger.writerPragma("busy_timeout"));
      ledger.appendBatch(TckEntries.chain(T, 3));
      assertEquals(3, TestLedgers.stored(ledger, T).size());
    }
    assertEquals("wal", pragma(file(), "journal_mode"), "WAL is stamped in the file");
  }

  @Test
  @DisplayName("L7.1: a new database file and its WAL files are owner-only (rw-------)")
  void required_L7_1_fileIsCreatedOwnerOnly() throws IOException {
    try (SqliteLedger ledger = TestLedgers.open(file())) {
      ledger.appendBatch(TckEntries.chain(T, 2));
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Path f = dir.resolve("ledger.db" + suffix);
        assertTrue(Files.exists(f), f.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
            suffix);
      }
    }
  }

  @Test
  @DisplayName("L5.7: a new store is stamped with the format version and the Thymos id")
  void required_L5_7_newStoreIsStamped() throws SQLException {
    seed(file(), 1);
    assertEquals(String.valueOf(StoreFormat.FORMAT_VERSION), pragma(file(), "user_version"));
    assertEquals(String.valueOf(StoreFormat.APPLICATION_ID), pragma(file(), "application_id"));
  }

  @Test
  @DisplayName("L5.7: a store of another format version is refused: found N, expected M")
  void required_L5_7_otherFormatVersionIsRefused() throws Exception {
    List<StoredEntry> rows = seed(file(), 2);
    try (Connection c = jdbc(file()); Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 7");
    }
    byte[] before = Files.readAllBytes(file());
    LedgerFormatMismatch e = assertThrows(LedgerFormatMismatch.class,
        () -> TestLedgers.open(file()));
    assertEquals(7, e.found());
    assertEquals(1, e.expected());
    assertEquals("THY-L507", e.code());
    assertTrue(e.getMessage().contains("found 7, expected 1"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file()), "the refused store is untouched");
    try (Connection c = jdbc(file()); Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 1");
    }
    try (SqliteLedger ledger = TestLedgers.open(file())) {
      assertEquals(rows, TestLedgers.stored(ledger, T));
    }
  }

  @Test
  @DisplayName("L5.6: a file that is not an SQLite database is LedgerCorrupted and left unchanged")
  void required_L5_6_nonSqliteFileIsRefused() throws IOException {
    byte[] text = "this is a text file, not a database\n".repeat(200)
        .getBytes(StandardCharsets.UTF_8);
    Files.write(file(), text);
    LedgerCorrupted e = assertThrows(LedgerCorrupted.class, () -> TestLedgers.open(file()));
    assertTrue(e.getMessage().contains("not an intact SQLite database"), e.getMessage());
    assertFalse(e.getMessage().contains(dir.toString()), "the path is not printed");
    assertArrayEquals(text, Files.readAllBytes(file()));
    assertFalse(Files.exists(dir.resolve("ledger.db-wal")));
  }

  @Test
  @DisplayName("L5.6: an SQLite database of another application is refused and left unchanged")
  void required_L5_6_foreignDatabaseIsRefused() throws Exception {
    try (Connection c = jdbc(file()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE notes (body TEXT)");
      s.execute("INSERT INTO notes VALUES ('keep me')");
    }
    byte[] before = Files.readAllBytes(file());
    LedgerCorrupted e = assertThrows(LedgerCorrupted.class, () -> TestLedgers.open(file()));
    assertTrue(e.getMessage().contains("not a Thymos ledger"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file()));
    assertEquals("delete", pragma(file(), "journal_mode"), "not switched to WAL");
  }

  @Test
  @DisplayName("L5.6: a read-only ledger file is LedgerUnavailable, and its entries stay intact")
  void required_L5_6_readOnlyFileIsRefused() throws IOException {
    List<StoredEntry> rows = seed(file(), 3);
    Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("r--------"));
    byte[] before = Files.readAllBytes(file());
    LedgerUnavailable e = assertThrows(LedgerUnavailable.class, () -> TestLedgers.open(file()));
    assertTrue(e.getMessage().contains("read-only"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file()));
    Files.setPosixFilePermissions(file(), LedgerFile.OWNER_ONLY);
    try (SqliteLedger ledger = TestLedgers.open(file())) {
      assertEquals(rows, TestLedgers.stored(ledger, T));
    }
  }

  @Test
  @DisplayName("L5.6: a missing folder or a folder as the path is LedgerUnavailable")
  void required_L5_6_unusablePathsAreUnavailable() {
    assertThrows(LedgerUnavailable.class,
        () -> TestLedgers.open(dir.resolve("missing").resolve("ledger.db")));
    assertFalse(Files.exists(dir.resolve("missing")), "no folder is created");
    assertThrows(LedgerUnavailable.class, () -> TestLedgers.open(dir));
  }

  @Test
  @DisplayName("L5.6: a full disk is LedgerUnavailable; stored entries stay readable and intact")
  void required_L5_6_fullDiskIsUnavailableAndHarmless() {
    try (SqliteLedger ledger = TestLedgers.open(file())) {
      List<StoredEntry> rows = TckEntries.chain(T, 20);
      ledger.appendBatch(rows);
      long pages = Long.parseLong(ledger.writerPragma("page_count"));
      ledger.limitPages(pages); // the database cannot grow by a single page
      Hash32 big = TckEntries.traj(2);
      StoredEntry large = StoredEntry.of(TckEntries.entry(big, 0, Optional.empty(), 1, 0,
          EntryKind.ROOT, "x".repeat(200_000)));
      LedgerException e = assertThrows(LedgerException.class, () -> ledger.append(large));
      assertInstanceOf(LedgerUnavailable.class, e, e.toString());
      assertTrue(e.getMessage().contains("full"), e.getMessage());
      // A batch that fails part-way stores nothing either.
      List<StoredEntry> more = TckEntries.chain(T, 20, 400, Optional.of(rows.getLast().id()), 0);
      assertThrows(LedgerUnavailable.class, () -> ledger.appendBatch(more));
      assertEquals(rows, TestLedgers.stored(ledger, T));
      assertEquals(Optional.empty(), ledger.head(big));

      ledger.limitPages(1_000_000);
      ledger.append(large);
      ledger.appendBatch(more);
      assertEquals(420, TestLedgers.stored(ledger, T).size());
    }
    try (SqliteLedger again = TestLedgers.open(file())) {
      assertEquals(420, TestLedgers.stored(again, T).size());
      assertEquals(1, TestLedgers.stored(again, TckEntries.traj(2)).size());
    }
  }

  @Test
  @DisplayName("L6: bad URIs and options are ConfigurationExceptions that name no value")
  void required_L6_badUrisAndOptionsAreRefused() {
    for (String uri : new String[] {"sqlite:", "sqlite:" + dir + "/a.db?mode=ro",
        "sqlite:file:x.db"}) {
      ConfigurationException e = assertThrows(ConfigurationException.class,
          () -> TestLedgers.open(uri), uri);
      assertEquals("THY-L600", e.code());
    }
    String f = file().toString();
    for (Map<String, String> options : List.of(Map.of("synchronous", "OFF"),
        Map.of("busy_timeout_ms", "-1"), Map.of("readers", "0"), Map.of("readers", "many"),
        Map.of("corruption_hook", "yes"), Map.of("journal_mode", "delete"))) {
      ConfigurationException e = assertThrows(ConfigurationException.class,
          () -> Ledgers.open(new LedgerConfig("sqlite:" + f, options)), options.toString());
      assertEquals("THY-L600", e.code());
      for (String value : options.values()) {
        assertFalse(e.getMessage().contains("\"" + value + "\""), e.getMessage());
      }
    }
    assertFalse(Files.exists(file()), "a refused config creates no file");
  }
}
