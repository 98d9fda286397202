package thymos.ledger.postgres;

import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import thymos.ledger.spi.LedgerBackend;
import thymos.tck.LedgerBackendVerification;
import thymos.tck.TckEnvironment;

/**
 * The TCK (spec 10) against PostgreSQL (L7.2): each TCK store is a schema named after the
 * environment in the test server's database, opened through {@link thymos.ledger.spi.Ledgers}
 * with the corruption hook (K2.4), and dropped afterwards. Needs the server: under {@code CI=true}
 * an unreachable one fails the class, elsewhere it is skipped naming THYMOS_TEST_POSTGRES_URL.
 */
class PostgresBackendTckTest extends LedgerBackendVerification {

  @BeforeAll
  static void server() {
    TestServer.require();
  }

  @Override
  protected LedgerBackend create(TckEnvironment env) {
    TestServer.require(); // the jqwik properties do not run @BeforeAll
    return TestLedgers.open(env.name(), "corruption_hook", "true");
  }

  @Override
  protected void cleanUp(TckEnvironment env) {
    TestServer.drop(env.name());
  }

  @Override
  protected Optional<Runnable> restampFormat(TckEnvironment env, int version) {
    return Optional.of(() -> TestServer.exec("UPDATE \"" + env.name()
        + "\".thymos_format SET version = " + version));
  }
}
