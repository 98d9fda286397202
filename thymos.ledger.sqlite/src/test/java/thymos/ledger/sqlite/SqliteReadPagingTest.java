package thymos.ledger.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.crypto.Hash32;
import thymos.ledger.spi.StoredEntry;
import thymos.tck.TckEntries;

/**
 * SQLite's read paging (L5.4, L5.8): a stream fetches one page of {@link SqliteLedger#PAGE} rows
 * at a time. The contract itself is verified by {@link SqliteBackendTckTest}.
 */
class SqliteReadPagingTest {

  private static final Hash32 T = TckEntries.traj(1);

  @TempDir
  Path dir;

  @Test
  @DisplayName("L5.4, L5.8: a read fetches one page at a time, not the whole trajectory")
  void required_L5_4_readIsLazyAndPaged() {
    try (SqliteLedger ledger = TestLedgers.open(dir.resolve("ledger.db"), "synchronous", "NORMAL",
        "corruption_hook", "true")) {
      int n = SqliteLedger.PAGE * 4;
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
  }
}
