/**
 * The ledger backend contract (06 L5): {@link thymos.ledger.spi.LedgerBackend} stores entries as
 * {@link thymos.ledger.spi.StoredEntry} rows with fork-proof append; {@link
 * thymos.ledger.spi.LedgerProvider}s are found with {@code ServiceLoader} and chosen by URI scheme
 * through {@link thymos.ledger.spi.Ledgers} (L6). Backends check structure only (L5.5); errors
 * are the typed subtypes of {@link thymos.api.LedgerException} defined here (L5.6).
 */
package thymos.ledger.spi;
