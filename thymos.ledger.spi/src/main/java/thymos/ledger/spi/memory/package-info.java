/**
 * The in-memory reference backend (L7.3), scheme {@code memory:}: the oracle the TCK compares other
 * backends against. Thread-safe and fork-proof within one JVM; not durable across reopen.
 */
package thymos.ledger.spi.memory;
