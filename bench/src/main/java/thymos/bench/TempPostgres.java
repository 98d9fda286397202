package thymos.bench;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import thymos.ledger.postgres.PostgresLedgerProvider;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerConfig;
import thymos.ledger.spi.Ledgers;

/**
 * A PostgreSQL ledger in a fresh schema with a random name on the server {@value #ENV} names (a
 * {@code jdbc:postgresql:} URL, default {@value #DEFAULT}), opened through {@link Ledgers} as a
 * user would; {@link #truncate()} empties it between iterations and {@link #close()} closes the
 * backend and drops the schema.
 */
final class TempPostgres implements AutoCloseable {

  static final String ENV = "THYMOS_BENCH_POSTGRES_URL";
  static final String DEFAULT = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  final LedgerBackend ledger;
  private final String url;
  private final String schema;

  /** Opens a new, empty store with {@code poolSize} pooled connections. */
  TempPostgres(int poolSize) {
    String env = System.getenv(ENV);
    url = env == null || env.isBlank() ? DEFAULT : env.strip();
    byte[] b = new byte[6];
    new SecureRandom().nextBytes(b);
    schema = "thymos_bench_" + HexFormat.of().formatHex(b);
    ledger = Ledgers.open(new LedgerConfig(url, Map.of(PostgresLedgerProvider.SCHEMA_OPTION,
        schema, PostgresLedgerProvider.POOL_SIZE_OPTION, String.valueOf(poolSize))));
  }

  /** Deletes every entry (outside any timed region). */
  void truncate() {
    exec("TRUNCATE \"" + schema + "\".entries");
  }

  private void exec(String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("benchmark SQL failed: " + sql, e);
    }
  }

  @Override
  public void close() {
    ledger.close();
    exec("DROP SCHEMA \"" + schema + "\" CASCADE");
  }
}
