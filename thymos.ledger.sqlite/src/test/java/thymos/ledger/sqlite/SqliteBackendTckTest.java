package thymos.ledger.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import thymos.ledger.spi.LedgerBackend;
import thymos.tck.LedgerBackendVerification;
import thymos.tck.TckEnvironment;

/**
 * The TCK (spec 10) against SQLite files (L7.1), opened through {@link thymos.ledger.spi.Ledgers}
 * as applications do, with the corruption hook (K2.4). {@code synchronous=NORMAL} for speed except
 * where a test checks durability ({@link TckEnvironment#durable()}); a WAL store survives closing
 * and reopening either way, only a power cut tells them apart.
 */
class SqliteBackendTckTest extends LedgerBackendVerification {

  private static Path file(TckEnvironment env) {
    return env.directory().resolve("ledger.db");
  }

  @Override
  protected LedgerBackend create(TckEnvironment env) {
    return TestLedgers.open(file(env), "synchronous", env.durable() ? "FULL" : "NORMAL",
        "corruption_hook", "true");
  }

  @Override
  protected Optional<Runnable> restampFormat(TckEnvironment env, int version) {
    return Optional.of(() -> {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file(env));
          Statement s = c.createStatement()) {
        s.execute("PRAGMA user_version = " + version);
      } catch (SQLException e) {
        throw new IllegalStateException("could not restamp " + env.name(), e);
      }
    });
  }
}
