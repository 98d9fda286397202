/**
 * The PostgreSQL ledger backend (06 L7.2): {@link thymos.ledger.postgres.PostgresLedgerProvider}
 * opens {@code postgresql://…} and {@code jdbc:postgresql:…} ledgers, which any number of
 * runtimes may share (L5.2). Everything else in the package is internal.
 */
package thymos.ledger.postgres;
