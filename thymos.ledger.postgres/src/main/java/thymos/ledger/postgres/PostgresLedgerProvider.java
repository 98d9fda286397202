package thymos.ledger.postgres;

import java.util.Set;
import thymos.api.ConfigurationException;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerConfig;
import thymos.ledger.spi.LedgerCorrupted;
import thymos.ledger.spi.LedgerFormatMismatch;
import thymos.ledger.spi.LedgerProvider;
import thymos.ledger.spi.LedgerUnavailable;

/**
 * Provides the PostgreSQL backend (L6, L7.2) for {@code postgresql://[user[:password]@]host[:port]
 * [/database][?parameters]} and {@code jdbc:postgresql:…} URIs: a durable store that any number of
 * threads, processes and machines may append to at once (L5.2). Side-effect free until {@link
 * #open}.
 *
 * <p>Options, given as {@link LedgerConfig} options or as URI query parameters (not both):
 * {@value #SCHEMA_OPTION} (the schema holding the tables, a lowercase identifier, default {@code
 * thymos}), {@value #POOL_SIZE_OPTION} (pooled connections, 1..64, default 8), {@value
 * #POOL_WAIT_OPTION} (how long a call waits for a free connection, default 10000), {@value
 * #USER_OPTION} and {@value #PASSWORD_OPTION} (instead of the URI's user information), and {@value
 * #CORRUPTION_HOOK_OPTION} ({@code true} offers the K2.4 test hook; default {@code false}). Any
 * other query parameter must be a pgjdbc connection property ({@code sslmode}, {@code
 * connectTimeout}, {@code ApplicationName}, …) and is handed to the driver; anything else is
 * refused.
 */
public final class PostgresLedgerProvider implements LedgerProvider {

  /** The provider's name. */
  public static final String NAME = "postgresql";

  /** Option: the schema holding the ledger's tables (created on first open). */
  public static final String SCHEMA_OPTION = "schema";

  /** Option: the most pooled connections. */
  public static final String POOL_SIZE_OPTION = "pool_size";

  /** Option: milliseconds a call waits for a free pooled connection. */
  public static final String POOL_WAIT_OPTION = "pool_wait_ms";

  /** Option: the database user (instead of the URI's user information). */
  public static final String USER_OPTION = "user";

  /** Option: the database password (instead of the URI's user information). */
  public static final String PASSWORD_OPTION = "password";

  /** Option {@code true}: offer the {@link thymos.ledger.spi.CorruptionHook} (tests only). */
  public static final String CORRUPTION_HOOK_OPTION = "corruption_hook";

  /** The storage format version the backend stamps and accepts (L5.7). */
  public static final int FORMAT_VERSION = StoreFormat.FORMAT_VERSION;

  /** For {@link java.util.ServiceLoader}; does nothing. */
  public PostgresLedgerProvider() {}

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
    return Set.of("postgresql", "jdbc:postgresql");
  }

  /**
   * Connects, then checks the schema's format stamp, creating schema, tables and stamp when the
   * schema is missing or empty (once, however many runtimes open it at the same moment).
   *
   * @throws ConfigurationException ({@code THY-L600}) for a malformed URI, an unknown or bad
   *     option, or an unknown connection parameter
   * @throws LedgerUnavailable if the server cannot be reached, refuses the login, has no such
   *     database, or refuses a statement (e.g. a missing privilege)
   * @throws LedgerCorrupted if the schema holds something that is not a Thymos ledger
   * @throws LedgerFormatMismatch if it holds a Thymos ledger of another format version (L5.7)
   */
  @Override
  public LedgerBackend open(LedgerConfig config) {
    return PostgresLedger.open(PostgresOptions.parse(config));
  }
}
