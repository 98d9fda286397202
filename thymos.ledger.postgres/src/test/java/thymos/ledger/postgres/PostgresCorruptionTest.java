package thymos.ledger.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.model.Entry;
import thymos.api.model.EntryKind;
import thymos.kernel.replay.ReplayReport;
import thymos.kernel.replay.Replayer;
import thymos.ledger.spi.Capability;
import thymos.ledger.spi.CorruptionHook;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.LedgerCorrupted;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.StoredEntry;
import thymos.tck.TckEntries;

/**
 * Tampered rows on PostgreSQL (K2.4, I4, L7.2): edits made behind the backend's back are
 * returned, never hidden, and replay names them. A fresh schema per test.
 */
class PostgresCorruptionTest {

  private static final Hash32 T = TckEntries.traj(1);

  private String schema;

  @BeforeAll
  static void server() {
    TestServer.require();
  }

  @BeforeEach
  void freshSchema() {
    schema = TestServer.freshSchema();
  }

  @AfterEach
  void dropSchema() {
    TestServer.drop(schema);
  }

  private String file() {
    return schema;
  }

  private String table() {
    return "\"" + schema + "\".entries";
  }

  @Test
  @DisplayName("I4: one byte edited in the database row comes back; parsing and replay name it")
  void required_I4_byteEditedInTheDatabaseIsDetectedOnParse() throws Exception {
    Entry root = TckEntries.entry(T, 0, Optional.empty(), 0, 5, EntryKind.ROOT, "original note");
    List<StoredEntry> rows = List.of(StoredEntry.of(root),
        TckEntries.row(T, 1, Optional.of(root.id()), 0, 6));
    try (PostgresLedger ledger = TestLedgers.open(file())) {
      ledger.appendBatch(rows);
    }
    // Plain JDBC, as an attacker with file access would: flip one letter of the note.
    byte[] edited;
    try (Connection c = TestServer.jdbc()) {
      byte[] stored;
      try (PreparedStatement s = c.prepareStatement(
          "SELECT bytes FROM " + table() + " WHERE trajectory_id = ? AND seq = 0")) {
        s.setBytes(1, T.bytes());
        try (ResultSet r = s.executeQuery()) {
          assertTrue(r.next());
          stored = r.getBytes(1);
        }
      }
      assertArrayEquals(root.canonicalBytes(), stored);
      String text = new String(stored, StandardCharsets.UTF_8);
      int at = text.indexOf("original note");
      assertTrue(at > 0, text);
      edited = stored.clone();
      edited[at] = 'O';
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE " + table() + " SET bytes = ? WHERE trajectory_id = ? AND seq = 0")) {
        s.setBytes(1, edited);
        s.setBytes(2, T.bytes());
        assertEquals(1, s.executeUpdate());
      }
    }
    try (PostgresLedger ledger = TestLedgers.open(file())) {
      List<StoredEntry> back = TestLedgers.stored(ledger, T);
      assertArrayEquals(edited, back.get(0).canonicalBytes(), "the backend returns what is stored");
      assertEquals(root.id(), back.get(0).id(), "the indexed columns are unchanged");
      assertEquals(rows.get(1), back.get(1));
      ProtocolViolation v = assertThrows(ProtocolViolation.class,
          () -> Entry.parse(back.get(0).canonicalBytes()));
      assertEquals(Optional.of("I4"), v.rule());
      assertEquals("THY-I400", v.code());
      assertTrue(v.getMessage().contains("id mismatch"), v.getMessage());
      assertTrue(v.getMessage().contains(root.id().hex()), v.getMessage());
      assertEquals(root.id(), Entry.parse(root.canonicalBytes()).id());
      ReplayReport report = Replayer.replay(T, back.stream().map(StoredEntry::canonicalBytes)
          .iterator());
      assertFalse(report.verified(), "replay fails on the edited row");
      assertEquals(0, report.violations().getFirst().seq(), report.toString());
      assertEquals(Optional.of(root.id()), report.violations().getFirst().entryId());
    }
  }

  @Test
  @DisplayName("L5.5: a row whose columns break the structure is LedgerCorrupted when read")
  void required_L5_5_structurallyBrokenRowIsCorrupted() throws Exception {
    try (PostgresLedger ledger = TestLedgers.open(file())) {
      ledger.appendBatch(TckEntries.chain(T, 2));
    }
    try (Connection c = TestServer.jdbc();
        PreparedStatement s = c.prepareStatement(
            "UPDATE " + table() + " SET kind = 'no_such_kind'"
                + " WHERE trajectory_id = ? AND seq = 1")) {
      s.setBytes(1, T.bytes());
      assertEquals(1, s.executeUpdate());
    }
    try (PostgresLedger ledger = TestLedgers.open(file())) {
      LedgerCorrupted e = assertThrows(LedgerCorrupted.class,
          () -> TestLedgers.stored(ledger, T));
      assertTrue(e.getMessage().contains("seq 1"), e.getMessage());
      assertEquals(1, ledger.head(T).orElseThrow().seq(), "columns outside the row still read");
    }
  }

  @Test
  @DisplayName("K2.6: the hook is offered only when asked for, and then declared")
  void required_K2_6_hookIsOptInAndDeclared() {
    try (PostgresLedger plain = TestLedgers.open(file())) {
      assertFalse(plain.capabilities().contains(Capability.CORRUPTION_HOOK));
      assertEquals(Optional.empty(), plain.corruptionHook());
    }
    try (PostgresLedger hooked = TestLedgers.open(file(), "corruption_hook", "true")) {
      assertEquals(Set.of(Capability.CORRUPTION_HOOK, Capability.CONCURRENT_PROCESSES,
          Capability.DURABLE_ACROSS_REOPEN), hooked.capabilities());
      try (PostgresLedger plain = TestLedgers.open(file())) {
        assertEquals(Set.of(Capability.CONCURRENT_PROCESSES, Capability.DURABLE_ACROSS_REOPEN),
            plain.capabilities());
      }
      assertTrue(hooked.corruptionHook().isPresent());
    }
  }
}
