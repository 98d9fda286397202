package thymos.ledger.spi;

/**
 * Optional abilities a backend declares (K2.6). Everything L5 requires is mandatory and not listed
 * here; the TCK skips a test needing an undeclared capability and names it.
 */
public enum Capability {
  /** Several processes (or machines) may append to one store at once; L5.2 holds between them. */
  CONCURRENT_PROCESSES,
  /** Closing and reopening the same location yields the same entries (L5.1 durability). */
  DURABLE_ACROSS_REOPEN,
  /** {@link LedgerBackend#corruptionHook()} is present, so tests can tamper with rows (K2.4). */
  CORRUPTION_HOOK
}
