package thymos.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.ledger.spi.Capability;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.StoredEntry;

/** {@code head}, {@code read} and {@code readBytes} (06 L5.4). */
abstract class ReadRules extends RuleGroup {

  private static final Hash32 T = TckEntries.traj(1);
  // Past two pages of the built-in backends (512 and 256 entries), so paging seams are crossed.
  private static final int LONG = 2 * 512 + 17;

  ReadRules(LedgerBackendVerification tck) {
    super(tck);
  }

  private List<StoredEntry> read(Hash32 traj, long from, long to) {
    try (Stream<StoredEntry> s = ledger.read(traj, from, to)) {
      return s.toList();
    }
  }

  private static void assertSameBytes(List<StoredEntry> expected, List<byte[]> actual) {
    assertEquals(expected.size(), actual.size(), "number of entries");
    for (int i = 0; i < actual.size(); i++) {
      assertArrayEquals(expected.get(i).canonicalBytes(), actual.get(i), "entry " + i);
    }
  }

  @Test
  @DisplayName("L5.4: head is the last entry; an unknown trajectory has none")
  void required_L5_4_headIsTheLastEntry() {
    List<StoredEntry> rows = TckEntries.chain(T, 4);
    ledger.appendBatch(rows);
    assertEquals(Optional.of(new Head(3, rows.get(3).id())), ledger.head(T));
    assertEquals(Optional.empty(), ledger.head(TckEntries.traj(9)));
  }

  @Test
  @DisplayName("L5.4: read streams [from, to) in seq order across page boundaries")
  void required_L5_4_readStreamsRangesInOrder() {
    List<StoredEntry> rows = TckEntries.chain(T, LONG);
    ledger.appendBatch(rows);
    assertEquals(rows, read(T, 0, Long.MAX_VALUE));
    assertEquals(rows, stored(T));
    for (int[] r : new int[][] {{5, 265}, {0, 256}, {255, 513}, {511, 1030}, {LONG - 3, LONG + 100},
        {7, 8}}) {
      assertEquals(rows.subList(r[0], Math.min(r[1], LONG)), read(T, r[0], r[1]),
          "read [" + r[0] + ", " + r[1] + ")");
    }
    assertEquals(List.of(), read(T, 7, 7));
    assertEquals(List.of(), read(T, LONG, LONG + 5));
    assertEquals(List.of(), read(TckEntries.traj(9), 0, 10));
  }

  @Test
  @DisplayName("L5.4: readBytes gives exactly read's bytes, for the same ranges")
  void required_L5_4_readBytesMatchesRead() {
    List<StoredEntry> rows = TckEntries.chain(T, LONG);
    ledger.appendBatch(rows);
    assertSameBytes(rows, storedBytes(ledger, T, 0, Long.MAX_VALUE));
    try (Stream<byte[]> s = ledger.readBytes(T)) {
      assertSameBytes(rows, s.toList());
    }
    assertSameBytes(rows.subList(5, 265), storedBytes(ledger, T, 5, 265));
    assertSameBytes(rows.subList(LONG - 3, LONG), storedBytes(ledger, T, LONG - 3, LONG + 100));
    assertSameBytes(List.of(), storedBytes(ledger, T, 7, 7));
    assertSameBytes(List.of(), storedBytes(ledger, TckEntries.traj(9), 0, 10));
  }

  @Test
  @DisplayName("L5.4, K2.4: a removed row is skipped by readBytes exactly as by read")
  void required_L5_4_readBytesSkipsWhatReadSkips() {
    requireCapability(ledger, Capability.CORRUPTION_HOOK);
    List<StoredEntry> rows = TckEntries.chain(T, 600);
    ledger.appendBatch(rows);
    ledger.corruptionHook().orElseThrow().removeStored(T, 256);
    List<StoredEntry> gap = new ArrayList<>(rows);
    gap.remove(256);
    assertEquals(gap, read(T, 0, Long.MAX_VALUE));
    assertSameBytes(gap, storedBytes(ledger, T, 0, Long.MAX_VALUE));
    assertSameBytes(gap.subList(250, 300), storedBytes(ledger, T, 250, 301));
  }

  @Test
  @DisplayName("L5.4: a negative start or an inverted range is refused by read and readBytes")
  void required_L5_4_readRefusesBadRanges() {
    ledger.appendBatch(TckEntries.chain(T, 5));
    assertThrows(IllegalArgumentException.class, () -> ledger.read(T, -1, 3));
    assertThrows(IllegalArgumentException.class, () -> ledger.read(T, 4, 3));
    assertThrows(IllegalArgumentException.class, () -> ledger.readBytes(T, -1, 3));
    assertThrows(IllegalArgumentException.class, () -> ledger.readBytes(T, 4, 3));
  }

  @Test
  @DisplayName("L5.4: a stream holds the entries committed when it was opened")
  void required_L5_4_streamIsBoundedByTheHeadWhenOpened() {
    List<StoredEntry> rows = TckEntries.chain(T, 6);
    ledger.appendBatch(rows.subList(0, 3));
    try (Stream<StoredEntry> s = ledger.read(T);
        Stream<byte[]> b = ledger.readBytes(T)) {
      ledger.appendBatch(rows.subList(3, 6));
      assertEquals(rows.subList(0, 3), s.toList());
      assertSameBytes(rows.subList(0, 3), b.toList());
    }
    assertEquals(rows, stored(T));
  }

  @Test
  @DisplayName("L5.4: a long stream opened before appends ends at the head it saw")
  void required_L5_4_longStreamIsBoundedByTheHeadWhenOpened() {
    List<StoredEntry> rows = TckEntries.chain(T, LONG + 300);
    ledger.appendBatch(rows.subList(0, LONG));
    try (Stream<StoredEntry> s = ledger.read(T)) {
      var it = s.iterator();
      assertEquals(rows.getFirst(), it.next());
      ledger.appendBatch(rows.subList(LONG, LONG + 300));
      int count = 1;
      while (it.hasNext()) {
        assertEquals(rows.get(count), it.next());
        count++;
      }
      assertEquals(LONG, count);
    }
  }

  @Test
  @DisplayName("L5.4: reads of committed entries are repeatable")
  void required_L5_4_readsAreRepeatable() {
    List<StoredEntry> rows = TckEntries.chain(T, 5);
    ledger.appendBatch(rows);
    List<StoredEntry> first = read(T, 0, 5);
    ledger.appendBatch(TckEntries.chain(T, 5, 3, Optional.of(rows.get(4).id()), 0));
    assertEquals(first, read(T, 0, 5));
    assertEquals(rows, first);
    assertEquals(first, read(T, 0, 5));
  }
}
