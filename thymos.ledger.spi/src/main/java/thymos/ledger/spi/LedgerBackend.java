package thymos.ledger.spi;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import thymos.api.crypto.Hash32;

/**
 * A ledger store (06 L5): append-only rows of {@link StoredEntry}, fork-proof under concurrency.
 * A backend checks structure only — positions, parents, the kinds allowed at seq 0 (L3.1, L5.1) —
 * never hashes, signatures or payloads (L5.5). It stores the canonical bytes exactly as given and
 * returns them byte-identical (L2.2).
 *
 * <p>Implementations are thread-safe. Every method reports failures with the SPI's typed errors
 * (L5.6): {@link AppendConflict}, {@link DuplicateEntryId}, {@link LedgerUnavailable} (also after
 * {@link #close()}), {@link LedgerCorrupted}, {@link LedgerFormatMismatch}; a driver's exception
 * never leaks unwrapped. Arguments outside their documented range throw {@link
 * IllegalArgumentException}.
 */
public interface LedgerBackend extends AutoCloseable {

  /** The optional abilities this backend has (K2.6); fixed for the backend's lifetime. */
  Set<Capability> capabilities();

  /** The storage format version stamped in the store (L5.7); opening another version fails. */
  int storageFormatVersion();

  /**
   * Appends one entry atomically (L5.1): at {@code seq = 0} the trajectory must not exist;
   * otherwise {@code seq} must be the head's seq + 1 and {@code parent} the head's id. On return
   * the entry is durable (as far as the backend's capabilities say). An entry equal to the one
   * already stored at its position (same id, columns and bytes) succeeds as a no-op, so a retry
   * after a lost reply is safe. Racing appenders to one position: exactly one wins (L5.2).
   *
   * @throws AppendConflict with the actual head when the position does not follow the head or holds
   *     another entry; nothing is stored
   * @throws DuplicateEntryId when the id is already stored at another position; nothing is stored
   */
  void append(StoredEntry entry);

  /**
   * Appends contiguous entries of one trajectory, all or nothing (L5.3): the result is the same as
   * appending them one by one in order (identical entries already stored are no-ops), except that a
   * refusal of any entry stores none of them. An empty list is a no-op.
   *
   * @throws IllegalArgumentException if the entries are not of one trajectory, not contiguous, or
   *     a parent is not the previous entry's id
   * @throws AppendConflict as {@link #append}, naming the first refused entry; nothing is stored
   * @throws DuplicateEntryId as {@link #append}; nothing is stored
   */
  void appendBatch(List<StoredEntry> entries);

  /** The trajectory's last entry (L5.4); empty if the trajectory does not exist. */
  Optional<Head> head(Hash32 trajectoryId);

  /**
   * The trajectory's entries with {@code fromSeq <= seq < toSeqExclusive}, in seq order (L5.4). The
   * stream pages through the store, so memory stays bounded whatever the length; close it (try
   * with resources) to release the backend's cursor. It contains entries committed when it was
   * created and may omit later ones; reads of committed entries are repeatable. An unknown
   * trajectory, or a range past the head, gives an empty stream.
   *
   * @throws IllegalArgumentException if {@code fromSeq < 0} or {@code toSeqExclusive < fromSeq}
   */
  Stream<StoredEntry> read(Hash32 trajectoryId, long fromSeq, long toSeqExclusive);

  /** Every entry of the trajectory, as {@link #read(Hash32, long, long)}. */
  default Stream<StoredEntry> read(Hash32 trajectoryId) {
    return read(trajectoryId, 0, Long.MAX_VALUE);
  }

  /**
   * The stored canonical bytes of the same entries as {@link #read(Hash32, long, long)}, in the
   * same order and under the same rules (paging, the snapshot of committed entries, errors) —
   * what replay consumes, since every fact it checks is in the bytes (R1, L2.2). A backend may
   * answer without decoding its index columns; a row whose columns disagree with its bytes is
   * still found, by replay's chain checks (R2.3) or by {@code read}. Each array is the caller's.
   * The default maps {@code read}.
   *
   * @throws IllegalArgumentException if {@code fromSeq < 0} or {@code toSeqExclusive < fromSeq}
   */
  default Stream<byte[]> readBytes(Hash32 trajectoryId, long fromSeq, long toSeqExclusive) {
    return read(trajectoryId, fromSeq, toSeqExclusive).map(StoredEntry::canonicalBytes);
  }

  /** Every entry's canonical bytes, as {@link #readBytes(Hash32, long, long)}. */
  default Stream<byte[]> readBytes(Hash32 trajectoryId) {
    return readBytes(trajectoryId, 0, Long.MAX_VALUE);
  }

  /** Where the entry with this id is stored (L5.4); empty if none is. */
  Optional<Position> locate(Hash32 entryId);

  /**
   * The ids of the stored trajectories in ascending order of their bytes (lowercase hex as text),
   * one page at a time (L5.4); the page key is the last trajectory id seen.
   */
  Page<Hash32> trajectories(PageRequest<Hash32> page);

  /**
   * The entries matching {@code query} in {@link EntryQuery.Key} order, one page at a time (L5.4);
   * the page key is {@link EntryQuery.Key#of} the last entry seen.
   */
  Page<StoredEntry> query(EntryQuery query, PageRequest<EntryQuery.Key> page);

  /**
   * The test hook for tampering with rows (K2.4); present exactly when {@link #capabilities()}
   * holds {@link Capability#CORRUPTION_HOOK}.
   */
  default Optional<CorruptionHook> corruptionHook() {
    return Optional.empty();
  }

  /** Releases the store; idempotent. Later calls throw {@link LedgerUnavailable}. */
  @Override
  void close();
}
