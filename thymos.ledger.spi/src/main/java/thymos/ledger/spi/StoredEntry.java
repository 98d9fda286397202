package thymos.ledger.spi;

import java.util.Arrays;
import java.util.Objects;
import java.util.List;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.model.Entry;
import thymos.api.model.EntryKind;

/**
 * One ledger row as a backend stores it (L2.2, L5): the entry's exact canonical bytes plus the
 * indexed columns the kernel hands in. The backend never derives the columns from the bytes and
 * never re-serialises the bytes (L5.5); whether they agree is replay's check (R2).
 *
 * <p>A value with content equality over every column and the bytes. It is a class rather than a
 * record because it holds a {@code byte[]}: the bytes are copied in and copied out, so a stored
 * row cannot be changed through a reference.
 */
public final class StoredEntry {

  private final Hash32 id;
  private final Hash32 trajectoryId;
  private final long seq;
  private final Optional<Hash32> parent;
  private final EntryKind kind;
  private final long recordedMs;
  private final byte[] canonicalBytes;

  /**
   * Checks the structure a backend enforces on a single row (L1, L3.1).
   *
   * @param id the entry id (computed by the kernel, never by the backend)
   * @param trajectoryId the trajectory
   * @param seq the position, 0 for the first entry
   * @param parent the previous entry's id; absent exactly when {@code seq = 0}
   * @param kind the entry kind; {@code root} or {@code branch} exactly when {@code seq = 0}
   * @param recordedMs the kernel's clock reading, {@code >= 0}
   * @param canonicalBytes the entry's canonical bytes (copied), not empty
   * @throws IllegalArgumentException naming the broken rule when the row's structure is wrong; a
   *     backend reading such a row from its store reports {@link LedgerCorrupted} instead
   */
  public StoredEntry(Hash32 id, Hash32 trajectoryId, long seq, Optional<Hash32> parent,
      EntryKind kind, long recordedMs, byte[] canonicalBytes) {
    this.id = Objects.requireNonNull(id, "id");
    this.trajectoryId = Objects.requireNonNull(trajectoryId, "trajectory_id");
    this.parent = Objects.requireNonNull(parent, "parent");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.canonicalBytes = Objects.requireNonNull(canonicalBytes, "canonical_bytes").clone();
    this.seq = seq;
    this.recordedMs = recordedMs;
    String problem = problem();
    if (problem != null) {
      throw new IllegalArgumentException(problem + " (traj:" + trajectoryId.hex() + " seq " + seq
          + ")");
    }
  }

  private String problem() {
    if (seq < 0 || recordedMs < 0) {
      return "[L1] seq and recorded_ms must be >= 0";
    }
    if (parent.isPresent() == (seq == 0)) {
      return seq == 0 ? "[L1] the entry at seq 0 has no parent" : "[L1] entry needs a parent";
    }
    boolean opening = kind == EntryKind.ROOT || kind == EntryKind.BRANCH;
    if (opening != (seq == 0)) {
      return "[L3.1] only the entry at seq 0 is root or branch, found " + kind.wire();
    }
    if (canonicalBytes.length == 0) {
      return "[L2.2] canonical bytes are empty";
    }
    return null;
  }

  /**
   * The row for {@code entry}: its already computed id and its canonical bytes. Computes no hash
   * (L5.5).
   *
   * @throws IllegalArgumentException if the entry breaks L3.1 (a non-opening kind at seq 0, or an
   *     opening kind later)
   */
  public static StoredEntry of(Entry entry) {
    return new StoredEntry(entry.id(), entry.trajectoryId(), entry.seq(), entry.parent(),
        entry.kind(), entry.recordedMs(), entry.canonicalBytes());
  }

  /**
   * Checks that {@code batch} holds contiguous entries of one trajectory, each following the one
   * before it (L5.3): what every backend's {@code appendBatch} refuses as a programming error.
   *
   * @throws IllegalArgumentException naming the first entry that does not follow
   */
  public static void checkBatch(List<StoredEntry> batch) {
    for (int i = 1; i < batch.size(); i++) {
      StoredEntry prev = batch.get(i - 1);
      StoredEntry e = batch.get(i);
      if (!e.trajectoryId().equals(prev.trajectoryId()) || e.seq() != prev.seq() + 1
          || !e.parent().equals(Optional.of(prev.id()))) {
        throw new IllegalArgumentException("[L5.3] batch entry " + i + " (traj:"
            + e.trajectoryId().hex() + " seq " + e.seq() + ") does not follow entry " + (i - 1)
            + " (traj:" + prev.trajectoryId().hex() + " seq " + prev.seq() + ")");
      }
    }
  }

  /** The entry id. */
  public Hash32 id() {
    return id;
  }

  /** The trajectory id. */
  public Hash32 trajectoryId() {
    return trajectoryId;
  }

  /** The position in the trajectory. */
  public long seq() {
    return seq;
  }

  /** The previous entry's id; empty exactly at seq 0. */
  public Optional<Hash32> parent() {
    return parent;
  }

  /** The entry kind (an indexed column). */
  public EntryKind kind() {
    return kind;
  }

  /** The kernel's clock reading when it built the entry (an indexed column). */
  public long recordedMs() {
    return recordedMs;
  }

  /** A copy of the stored canonical bytes, byte-identical to those appended (L2.2). */
  public byte[] canonicalBytes() {
    return canonicalBytes.clone();
  }

  /** The number of stored bytes. */
  public int size() {
    return canonicalBytes.length;
  }

  /** Whether {@code bytes} equal the stored bytes, without copying them. */
  public boolean hasBytes(byte[] bytes) {
    return Arrays.equals(canonicalBytes, bytes);
  }

  /** Where the row is stored. */
  public Position position() {
    return new Position(trajectoryId, seq);
  }

  /**
   * This row with other bytes and the same columns: what a corrupted store returns (K2.4).
   *
   * @throws IllegalArgumentException if {@code bytes} is empty
   */
  public StoredEntry withBytes(byte[] bytes) {
    return new StoredEntry(id, trajectoryId, seq, parent, kind, recordedMs, bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredEntry e && seq == e.seq && recordedMs == e.recordedMs
        && id.equals(e.id) && trajectoryId.equals(e.trajectoryId) && parent.equals(e.parent)
        && kind == e.kind && Arrays.equals(canonicalBytes, e.canonicalBytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, trajectoryId, seq);
  }

  @Override
  public String toString() {
    return "StoredEntry[traj:" + trajectoryId.hex() + " seq " + seq + " " + kind.wire() + " id "
        + id.hex() + ", " + canonicalBytes.length + " bytes]";
  }
}
