/**
 * The ledger storage contract (spec 06 L5, L6): the backend interface, provider discovery by URI
 * scheme, the typed errors backends report, and the in-memory reference backend (L7.3). Holds no
 * cryptography and no protocol logic; backends store and return bytes.
 */
module thymos.ledger.spi {
  requires transitive thymos.api;

  exports thymos.ledger.spi;
  exports thymos.ledger.spi.memory;

  uses thymos.ledger.spi.LedgerProvider;

  provides thymos.ledger.spi.LedgerProvider with thymos.ledger.spi.memory.MemoryLedgerProvider;
}
