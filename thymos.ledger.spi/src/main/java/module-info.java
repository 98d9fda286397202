/**
 * The ledger storage contract (spec 06 L5): what a backend implements and the typed errors it
 * reports. Holds no cryptography and no protocol logic; backends store and return bytes.
 */
module thymos.ledger.spi {
  requires transitive thymos.api;

  exports thymos.ledger.spi;
}
