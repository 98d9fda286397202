package thymos.ledger.postgres;

import static org.junit.jupiter.api.Assertions.fail;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.Driver;
import thymos.ledger.spi.LedgerConfig;

/**
 * The PostgreSQL server the tests use: {@value #ENV} (a {@code postgresql://} or {@code
 * jdbc:postgresql:} URI), else {@value #DEFAULT}. When it cannot be reached, tests fail under
 * {@code CI=true} and are skipped elsewhere with a message naming {@value #ENV} — never silently.
 * Each test class works in its own fresh schema with a random name, dropped afterwards.
 */
final class TestServer {

  static final String ENV = "THYMOS_TEST_POSTGRES_URL";
  static final String DEFAULT = "postgresql://postgres@127.0.0.1:5432/test";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static volatile String unreachable = ""; // null: reachable; "": not checked yet

  private TestServer() {}

  /** The server's URI (may carry credentials: never print it). */
  static String url() {
    String env = System.getenv(ENV);
    return env == null || env.isBlank() ? DEFAULT : env.strip();
  }

  /** Why the server cannot be reached; empty when it can (checked once per JVM). */
  static synchronized Optional<String> unreachable() {
    if (unreachable != null && unreachable.isEmpty()) {
      try (Connection c = jdbc()) {
        unreachable = null;
      } catch (SQLException | RuntimeException e) {
        unreachable = "no PostgreSQL server reachable at " + ENV + " ("
            + (System.getenv(ENV) == null ? "unset, default " + DEFAULT : "set") + "): "
            + e.getClass().getSimpleName() + " SQLState " + (e instanceof SQLException s
            ? s.getSQLState() : "-");
      }
    }
    return Optional.ofNullable(unreachable);
  }

  private static boolean ci() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Fails (CI) or aborts (elsewhere) the calling test when the server cannot be reached. */
  static void require() {
    Optional<String> why = unreachable();
    if (why.isEmpty()) {
      return;
    }
    if (ci()) {
      fail(why.get() + "; CI=true, so the PostgreSQL tests fail instead of skipping");
    }
    System.err.println("SKIPPED PostgreSQL tests: " + why.get());
    Assumptions.abort(why.get() + " (set " + ENV + " to run them)");
  }

  /**
   * Skips a jqwik container when the server cannot be reached outside CI (jqwik reports an abort
   * in {@code @BeforeContainer} as an error); under {@code CI=true} it never skips, so {@link
   * #require()} fails.
   */
  public static final class SkipWithoutServer implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      Optional<String> why = unreachable();
      if (why.isEmpty() || ci()) {
        return SkipResult.doNotSkip();
      }
      System.err.println("SKIPPED PostgreSQL tests: " + why.get());
      return SkipResult.skip(why.get() + " (set " + ENV + " to run them)");
    }
  }

  /** A new schema name no other run uses. */
  static String freshSchema() {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return "thymos_test_" + HexFormat.of().formatHex(b);
  }

  /** A plain driver connection to the test database (auto-commit on), outside any ledger. */
  static Connection jdbc() throws SQLException {
    PostgresOptions o = PostgresOptions.parse(LedgerConfig.of(url()));
    Connection c = new Driver().connect(o.jdbcUrl(), o.driverProperties());
    if (c == null) {
      throw new SQLException("driver refused the test URL");
    }
    return c;
  }

  /** Runs {@code sql} on a plain connection. */
  static void exec(String sql) {
    try (Connection c = jdbc(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test SQL failed: " + sql, e);
    }
  }

  /** Drops {@code schema} and everything in it, if it exists. */
  static void drop(String schema) {
    if (unreachable == null) {
      exec("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    }
  }

  /** The config of the ledger in {@code schema}, plus options given as key, value, … */
  static LedgerConfig config(String schema, String... options) {
    Map<String, String> map = new java.util.HashMap<>();
    map.put(PostgresLedgerProvider.SCHEMA_OPTION, schema);
    for (int i = 0; i < options.length; i += 2) {
      map.put(options[i], options[i + 1]);
    }
    return new LedgerConfig(url(), map);
  }

  /** The value of a one-cell query, if any row. */
  static Optional<String> scalar(String sql) {
    try (Connection c = jdbc(); Statement s = c.createStatement();
        var r = s.executeQuery(sql)) {
      return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
    } catch (SQLException e) {
      throw new IllegalStateException("test SQL failed: " + sql, e);
    }
  }
}
