package thymos.ledger.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.api.model.EntryKind;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.Page;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.Position;
import thymos.ledger.spi.StoredEntry;
import thymos.tck.TckEntries;

/**
 * Lazy paged reads on PostgreSQL (L5.4, L5.8): what the backend's keyset paging adds beyond the
 * read rules the TCK checks for every backend ({@code PostgresBackendTckTest}).
 */
class PostgresReadPagingTest {

  private static final Hash32 T = TckEntries.traj(1);

  private static final String SCHEMA = TestServer.freshSchema();
  private PostgresLedger ledger;

  @BeforeAll
  static void server() {
    TestServer.require();
  }

  @AfterAll
  static void dropSchema() {
    TestServer.drop(SCHEMA);
  }

  @BeforeEach
  void open() {
    ledger = TestLedgers.open(SCHEMA, "corruption_hook", "true");
    TestServer.exec("TRUNCATE \"" + SCHEMA + "\".entries");
  }

  @AfterEach
  void close() {
    ledger.close();
  }

  @Test
  @DisplayName("L5.4, L5.8: a read fetches one page at a time, not the whole trajectory")
  void required_L5_4_readIsLazyAndPaged() {
    int n = PostgresLedger.PAGE * 4;
    List<StoredEntry> rows = TckEntries.chain(T, n);
    ledger.appendBatch(rows);
    byte[] marker = "{\"tampered\":true}".getBytes(StandardCharsets.UTF_8);
    try (Stream<StoredEntry> s = ledger.read(T)) {
      Iterator<StoredEntry> it = s.iterator();
      assertEquals(rows.getFirst(), it.next());
      // Rows of later pages are not in memory yet: a change made now is what the stream returns.
      ledger.corruptionHook().orElseThrow().replaceStoredBytes(T, n - 1, marker);
      ledger.corruptionHook().orElseThrow().replaceStoredBytes(T, 1, marker);
      StoredEntry second = it.next();
      assertEquals(rows.get(1), second, "the first page was fetched before the change");
      StoredEntry last = null;
      int count = 2;
      while (it.hasNext()) {
        last = it.next();
        count++;
      }
      assertEquals(n, count);
      assertArrayEquals(marker, last.canonicalBytes());
    }
  }

  private List<StoredEntry> all(EntryQuery q) {
    Page<StoredEntry> p = ledger.query(q, PageRequest.first(PageRequest.MAX_LIMIT));
    assertFalse(p.hasMore());
    return p.items();
  }
}
