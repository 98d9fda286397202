package thymos.ledger.sqlite;

import java.util.Set;
import thymos.api.ConfigurationException;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerConfig;
import thymos.ledger.spi.LedgerCorrupted;
import thymos.ledger.spi.LedgerFormatMismatch;
import thymos.ledger.spi.LedgerProvider;
import thymos.ledger.spi.LedgerUnavailable;

/**
 * Provides the SQLite backend (L6, L7.1) for {@code sqlite:<path>} — a durable store that several
 * threads and processes may append to at once (L5.2) — and {@code sqlite::memory:} — a new, empty,
 * private store per open, gone when closed. Side-effect free until {@link #open}.
 *
 * <p>Options: {@value #SYNCHRONOUS_OPTION} ({@code FULL}, the default: an append is on disk when it
 * returns; or {@code NORMAL}: faster, and still safe against a crashed process, but the last
 * appends may be lost on power failure), {@value #BUSY_TIMEOUT_OPTION} (how long to wait for
 * another connection's lock, default 5000), {@value #READERS_OPTION} (pooled read connections,
 * 1..64, default 4), and {@value #CORRUPTION_HOOK_OPTION} ({@code true} offers the K2.4 test hook;
 * default {@code false}). Any other option is refused.
 */
public final class SqliteLedgerProvider implements LedgerProvider {

  /** The provider's name and only scheme. */
  public static final String NAME = "sqlite";

  /** Option {@code FULL} (default) or {@code NORMAL}: SQLite's {@code synchronous} setting. */
  public static final String SYNCHRONOUS_OPTION = "synchronous";

  /** Option: milliseconds a statement waits for a lock held by another connection. */
  public static final String BUSY_TIMEOUT_OPTION = "busy_timeout_ms";

  /** Option: the most pooled read-only connections. */
  public static final String READERS_OPTION = "readers";

  /** Option {@code true}: offer the {@link thymos.ledger.spi.CorruptionHook} (tests only). */
  public static final String CORRUPTION_HOOK_OPTION = "corruption_hook";

  /** The storage format version the backend stamps and accepts (L5.7). */
  public static final int FORMAT_VERSION = StoreFormat.FORMAT_VERSION;

  /** For {@link java.util.ServiceLoader}; does nothing. */
  public SqliteLedgerProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String specVersion() {
    return SPEC_VERSION;
  }

  @Override
  public Set<String> schemes() {
    return Set.of(NAME);
  }

  /**
   * Opens the store, creating a missing file with owner-only permissions and stamping it.
   *
   * @throws ConfigurationException ({@code THY-L600}) for a malformed URI or an unknown or bad
   *     option
   * @throws LedgerUnavailable if the folder is missing, or the file is read-only, locked past the
   *     busy timeout, or cannot be read or written
   * @throws LedgerCorrupted if the file is not an SQLite database, or not a Thymos ledger
   * @throws LedgerFormatMismatch if it is a Thymos ledger of another format version (L5.7)
   */
  @Override
  public LedgerBackend open(LedgerConfig config) {
    return SqliteLedger.open(SqliteOptions.parse(config));
  }
}
