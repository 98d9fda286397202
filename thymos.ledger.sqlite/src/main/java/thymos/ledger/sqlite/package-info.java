/**
 * The SQLite ledger backend (06 L7.1): {@link thymos.ledger.sqlite.SqliteLedgerProvider} opens
 * {@code sqlite:<path>} (durable, shared safely by several processes) and {@code sqlite::memory:}
 * (one private in-memory store per open). Everything else in the package is internal.
 */
package thymos.ledger.sqlite;
