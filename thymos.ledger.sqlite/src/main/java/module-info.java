/**
 * The embedded SQLite ledger backend (spec 06 L7.1), chosen by the URIs {@code sqlite:<path>} and
 * {@code sqlite::memory:} through {@link thymos.ledger.spi.Ledgers} (L6): WAL journal, {@code
 * synchronous=FULL} by default, one writer connection and pooled readers, an owner-only database
 * file, a storage-format stamp (L5.7), and fork-proof appends across threads and processes (L5.2).
 * The JDBC driver is an implementation detail: its exceptions never leave the module (L5.6).
 */
module thymos.ledger.sqlite {
  requires java.sql;
  requires org.xerial.sqlitejdbc;
  requires transitive thymos.ledger.spi;

  exports thymos.ledger.sqlite;

  provides thymos.ledger.spi.LedgerProvider with thymos.ledger.sqlite.SqliteLedgerProvider;
}
