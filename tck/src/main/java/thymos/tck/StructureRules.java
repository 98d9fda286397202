package thymos.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.api.model.EntryKind;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.Position;
import thymos.ledger.spi.StoredEntry;

/**
 * 06 L5.5: a backend checks structure (L3.1, L5.1) but no cryptography and never interprets
 * payloads — its indexed columns are the ones handed in, never derived from the bytes.
 */
abstract class StructureRules extends RuleGroup {

  private static final Hash32 T = TckEntries.traj(1);

  StructureRules(LedgerBackendVerification tck) {
    super(tck);
  }

  @Test
  @DisplayName("L5.5: made-up ids and bytes that are not JSON are stored as given (no hashing)")
  void required_L5_5_storesWithoutVerifyingHashesOrPayloads() {
    StoredEntry root = new StoredEntry(TckEntries.madeUp(1, 0), T, 0, Optional.empty(),
        EntryKind.ROOT, 5, "not json at all".getBytes(StandardCharsets.UTF_8));
    StoredEntry next = new StoredEntry(TckEntries.madeUp(1, 1), T, 1, Optional.of(root.id()),
        EntryKind.COMMIT, 6, new byte[] {(byte) 0xff, 0, (byte) 0xfe});
    ledger.append(root);
    ledger.append(next);
    assertEquals(List.of(root, next), stored(T));
    assertEquals(Optional.of(new Position(T, 1)), ledger.locate(next.id()));
  }

  @Test
  @DisplayName("L5.5: the indexed columns are taken as given, not derived from the bytes")
  void required_L5_5_columnsAreTakenAsGiven() {
    List<StoredEntry> real = TckEntries.chain(T, 2);
    // The second row's bytes are a usage entry recorded at 1001; its columns say otherwise.
    StoredEntry root = real.get(0);
    StoredEntry claimed = new StoredEntry(real.get(1).id(), T, 1, Optional.of(root.id()),
        EntryKind.EXECUTION, 77, real.get(1).canonicalBytes());
    ledger.appendBatch(List.of(root, claimed));
    StoredEntry back = stored(T).get(1);
    assertEquals(EntryKind.EXECUTION, back.kind());
    assertEquals(77, back.recordedMs());
    assertArrayEquals(real.get(1).canonicalBytes(), back.canonicalBytes());
    assertEquals(List.of(claimed), ledger.query(EntryQuery.all().ofKind(EntryKind.EXECUTION),
        PageRequest.first(10)).items());
    assertEquals(List.of(), ledger.query(EntryQuery.all().ofKind(EntryKind.USAGE),
        PageRequest.first(10)).items());
    assertEquals(List.of(claimed), ledger.query(EntryQuery.all().recordedBetween(77, 78),
        PageRequest.first(10)).items());
  }

  @Test
  @DisplayName("L5.5, L3.1: the structure is checked from the columns: parent and seq follow")
  void required_L5_5_structureIsChecked() {
    List<StoredEntry> rows = TckEntries.chain(T, 2);
    ledger.appendBatch(rows);
    // Bytes of the right next entry do not help a row whose parent column is wrong.
    StoredEntry right = TckEntries.row(T, 2, Optional.of(rows.get(1).id()), 0, 3);
    StoredEntry wrongParent = new StoredEntry(right.id(), T, 2, Optional.of(rows.get(0).id()),
        EntryKind.USAGE, 3, right.canonicalBytes());
    assertThrows(AppendConflict.class, () -> ledger.append(wrongParent));
    assertEquals(rows, stored(T));
    ledger.append(right);
    assertEquals(3, stored(T).size());
  }
}
