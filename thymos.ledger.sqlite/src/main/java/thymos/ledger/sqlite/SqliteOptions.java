package thymos.ledger.sqlite;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import thymos.api.ConfigurationException;
import thymos.ledger.spi.LedgerConfig;

/**
 * A parsed {@code sqlite:} ledger config (L6, L7.1). Unknown options and malformed values are
 * refused, never ignored (fail closed).
 *
 * @param file the database file; empty for {@code sqlite::memory:}
 * @param synchronousFull {@code synchronous=FULL} (durable on power loss) rather than {@code NORMAL}
 * @param busyTimeoutMs how long a statement waits for another connection's lock
 * @param readers the most pooled read connections
 * @param corruptionHook whether the K2.4 test hook is offered
 */
record SqliteOptions(Optional<Path> file, boolean synchronousFull, int busyTimeoutMs,
    int readers, boolean corruptionHook) {

  static final int DEFAULT_BUSY_TIMEOUT_MS = 5_000;
  static final int DEFAULT_READERS = 4;
  static final int MAX_READERS = 64;

  /**
   * Reads {@code config}.
   *
   * @throws ConfigurationException ({@code THY-L600}) for another scheme, an empty or unusable
   *     location, an unknown option or a bad option value
   */
  static SqliteOptions parse(LedgerConfig config) {
    if (!config.scheme().equals(SqliteLedgerProvider.NAME)) {
      throw refusal("the sqlite provider opens only sqlite: URIs, not " + config.scheme() + ":");
    }
    String location = config.location();
    Optional<Path> file = location.equals(":memory:") ? Optional.empty() : Optional.of(path(location));
    boolean full = true;
    int busy = DEFAULT_BUSY_TIMEOUT_MS;
    int readers = DEFAULT_READERS;
    boolean hook = false;
    for (var option : config.options().entrySet()) {
      String value = option.getValue();
      switch (option.getKey()) {
        case LedgerConfig.PROVIDER_OPTION -> { }
        case SqliteLedgerProvider.SYNCHRONOUS_OPTION -> full = switch (upper(value)) {
          case "FULL" -> true;
          case "NORMAL" -> false;
          default -> throw refusal("option " + option.getKey() + " is FULL or NORMAL");
        };
        case SqliteLedgerProvider.BUSY_TIMEOUT_OPTION ->
            busy = number(option.getKey(), value, 0, Integer.MAX_VALUE);
        case SqliteLedgerProvider.READERS_OPTION ->
            readers = number(option.getKey(), value, 1, MAX_READERS);
        case SqliteLedgerProvider.CORRUPTION_HOOK_OPTION -> hook = switch (upper(value)) {
          case "TRUE" -> true;
          case "FALSE" -> false;
          default -> throw refusal("option " + option.getKey() + " is true or false");
        };
        default -> throw refusal("the sqlite ledger takes no option \"" + option.getKey()
            + "\" (known: " + List.of(LedgerConfig.PROVIDER_OPTION,
                SqliteLedgerProvider.SYNCHRONOUS_OPTION, SqliteLedgerProvider.BUSY_TIMEOUT_OPTION,
                SqliteLedgerProvider.READERS_OPTION, SqliteLedgerProvider.CORRUPTION_HOOK_OPTION)
            + ")");
      }
    }
    return new SqliteOptions(file, full, busy, readers, hook);
  }

  private static Path path(String location) {
    // The driver reads "?" as the start of URL parameters, so such a path would open another file.
    if (location.isEmpty() || location.contains("?") || location.startsWith("file:")
        || location.contains("\0")) {
      throw refusal("a sqlite ledger URI is sqlite:<file path> or sqlite::memory: (the path is "
          + "not empty and holds no '?' and no file: prefix)");
    }
    try {
      return Path.of(location).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new ConfigurationException("THY-L600", "L6", "the sqlite ledger path is not a valid "
          + "file path", List.of(), e);
    }
  }

  private static String upper(String value) {
    return value.strip().toUpperCase(Locale.ROOT);
  }

  // Option values are not echoed: LedgerConfig treats them as possibly secret.
  private static int number(String key, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw refusal("option " + key + " is an integer in " + min + ".." + max);
  }

  static ConfigurationException refusal(String detail) {
    return new ConfigurationException("THY-L600", "L6", detail, List.of(), null);
  }

  /** The JDBC URL of the store. */
  String jdbcUrl() {
    return file.map(f -> "jdbc:sqlite:" + f).orElse("jdbc:sqlite::memory:");
  }
}
