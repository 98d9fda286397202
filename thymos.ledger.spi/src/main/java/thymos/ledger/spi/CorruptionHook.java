package thymos.ledger.spi;

import thymos.api.crypto.Hash32;

/**
 * Test-only tampering with stored rows (K2.4), so replay's tamper evidence (I4) can be proven on a
 * real backend. It bypasses every append rule on purpose; production code never calls it. A
 * backend offers it through {@link LedgerBackend#corruptionHook()} and declares {@link
 * Capability#CORRUPTION_HOOK}.
 */
public interface CorruptionHook {

  /**
   * Overwrites the stored bytes of the row at {@code (trajectoryId, seq)}, leaving its indexed
   * columns unchanged. Swaps and duplicates are two such calls with another row's bytes.
   *
   * @throws IllegalArgumentException if no row is stored there
   */
  void replaceStoredBytes(Hash32 trajectoryId, long seq, byte[] bytes);

  /**
   * Deletes the row at {@code (trajectoryId, seq)}, leaving a gap; later rows keep their seq. The
   * head becomes the highest remaining row.
   *
   * @throws IllegalArgumentException if no row is stored there
   */
  void removeStored(Hash32 trajectoryId, long seq);
}
