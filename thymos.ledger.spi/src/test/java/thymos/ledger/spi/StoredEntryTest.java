package thymos.ledger.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.api.model.Entry;
import thymos.api.model.EntryKind;
import thymos.api.model.RootPayload;
import thymos.api.model.UsagePayload;

class StoredEntryTest {

  private static final Hash32 T = Rows.traj(1);

  @Test
  @DisplayName("L1: parent is present exactly when seq > 0; seq and time are non-negative")
  void required_L1_rowShapeIsChecked() {
    Hash32 p = Rows.id(T, 0, 0);
    byte[] b = {1};
    assertThrows(IllegalArgumentException.class,
        () -> new StoredEntry(p, T, 0, Optional.of(p), EntryKind.ROOT, 0, b));
    assertThrows(IllegalArgumentException.class,
        () -> new StoredEntry(p, T, 1, Optional.empty(), EntryKind.COMMIT, 0, b));
    assertThrows(IllegalArgumentException.class,
        () -> new StoredEntry(p, T, -1, Optional.empty(), EntryKind.ROOT, 0, b));
    assertThrows(IllegalArgumentException.class,
        () -> new StoredEntry(p, T, 0, Optional.empty(), EntryKind.ROOT, -1, b));
    assertThrows(IllegalArgumentException.class,
        () -> new StoredEntry(p, T, 0, Optional.empty(), EntryKind.ROOT, 0, new byte[0]));
  }

  @Test
  @DisplayName("L3.1: the entry at seq 0 is root or branch and no later entry is")
  void required_L3_1_onlySeqZeroIsRootOrBranch() {
    Hash32 p = Rows.id(T, 0, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Rows.row(T, 0, Optional.empty(), 0, 0, EntryKind.COMMIT));
    assertTrue(e.getMessage().contains("L3.1") && e.getMessage().contains("commit"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Rows.row(T, 3, Optional.of(p), 0, 0, EntryKind.ROOT));
    assertThrows(IllegalArgumentException.class,
        () -> Rows.row(T, 3, Optional.of(p), 0, 0, EntryKind.BRANCH));
    assertEquals(EntryKind.BRANCH, Rows.row(T, 0, Optional.empty(), 0, 0, EntryKind.BRANCH).kind());
  }

  @Test
  @DisplayName("L2.2: bytes are copied in and out; equality covers columns and bytes")
  void required_L2_2_bytesAreDefensivelyCopied() {
    byte[] bytes = {1, 2, 3};
    StoredEntry e = new StoredEntry(Rows.id(T, 0, 0), T, 0, Optional.empty(), EntryKind.ROOT, 5,
        bytes);
    bytes[0] = 9;
    e.canonicalBytes()[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, e.canonicalBytes());
    assertTrue(e.hasBytes(new byte[] {1, 2, 3}));
    assertEquals(3, e.size());
    assertEquals(e, e.withBytes(new byte[] {1, 2, 3}));
    assertEquals(e.hashCode(), e.withBytes(new byte[] {1, 2, 3}).hashCode());
    assertNotEquals(e, e.withBytes(new byte[] {1, 2, 4}));
    assertNotEquals(e, new StoredEntry(Rows.id(T, 0, 0), T, 0, Optional.empty(), EntryKind.ROOT,
        6, new byte[] {1, 2, 3}));
  }

  @Test
  @DisplayName("L2.2: a row built from a kernel entry carries its id, columns and canonical bytes")
  void required_L2_2_ofEntryTakesTheComputedIdAndCanonicalBytes() {
    Entry root = Entry.create(T, 0, Optional.empty(), 10,
        RootPayload.bound(Rows.id(T, 99, 0), "run"));
    Entry usage = Entry.create(T, 1, Optional.of(root.id()), 11,
        new UsagePayload("scripted", "m", 0, 5, 7, 1));
    StoredEntry row = StoredEntry.of(usage);
    assertEquals(usage.id(), row.id());
    assertEquals(T, row.trajectoryId());
    assertEquals(1, row.seq());
    assertEquals(Optional.of(root.id()), row.parent());
    assertEquals(EntryKind.USAGE, row.kind());
    assertEquals(11, row.recordedMs());
    assertArrayEquals(usage.canonicalBytes(), row.canonicalBytes());
    assertEquals(usage, Entry.parse(row.canonicalBytes()));
    assertEquals(new Position(T, 1), row.position());
  }
}
