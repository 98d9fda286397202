/**
 * The PostgreSQL ledger backend (spec 06 L7.2), chosen by the URIs {@code postgresql://host/db}
 * and {@code jdbc:postgresql:…} through {@link thymos.ledger.spi.Ledgers} (L6): one transaction
 * per append with the database enforcing one entry per {@code (trajectory_id, seq)} and per id, a
 * small connection pool, a configurable schema created once however many runtimes boot together,
 * a storage-format stamp (L5.7), and fork-proof appends across threads, processes and machines
 * (L5.2). The JDBC driver is an implementation detail: its exceptions never leave the module
 * (L5.6).
 */
module thymos.ledger.postgres {
  requires java.sql;
  requires org.postgresql.jdbc;
  requires transitive thymos.ledger.spi;

  exports thymos.ledger.postgres;

  provides thymos.ledger.spi.LedgerProvider with thymos.ledger.postgres.PostgresLedgerProvider;
}
