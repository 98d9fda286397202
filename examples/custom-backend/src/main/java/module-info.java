/**
 * Example: a toy file-based ledger backend (URI {@code file-ledger:<folder>}), written the way a
 * third party writes one, and verified by the Thymos TCK ({@code FileLedgerTckTest}).
 */
module example.filebackend {
  requires transitive thymos.ledger.spi;

  exports example.filebackend;

  provides thymos.ledger.spi.LedgerProvider with example.filebackend.FileLedgerProvider;
}
