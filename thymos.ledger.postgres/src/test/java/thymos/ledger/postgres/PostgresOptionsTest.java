package thymos.ledger.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import thymos.api.ConfigurationException;
import thymos.ledger.spi.LedgerConfig;

/** Reading {@code postgresql://} and {@code jdbc:postgresql:} configs (L6, L7.2); no server. */
class PostgresOptionsTest {

  private static PostgresOptions parse(String uri, String... options) {
    Map<String, String> map = new java.util.HashMap<>();
    for (int i = 0; i < options.length; i += 2) {
      map.put(options[i], options[i + 1]);
    }
    return PostgresOptions.parse(new LedgerConfig(uri, map));
  }

  private static ConfigurationException refused(String uri, String... options) {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> parse(uri, options));
    assertEquals("THY-L600", e.code());
    return e;
  }

  @Test
  @DisplayName("L7.2: postgresql:// takes user and password from the URI, percent-decoded")
  void userInformationIsDecoded() {
    PostgresOptions o = parse("postgresql://al%40ice:p%3Ass+w%2Fd@db.example:6543/ledger");
    assertEquals("jdbc:postgresql://db.example:6543/ledger", o.jdbcUrl());
    Properties p = o.driverProperties();
    assertEquals("al@ice", p.getProperty("user"));
    assertEquals("p:ss+w/d", p.getProperty("password"));
    assertEquals(PostgresOptions.DEFAULT_APPLICATION_NAME, p.getProperty("ApplicationName"));
    assertEquals(PostgresOptions.DEFAULT_SCHEMA, o.schema());
    assertEquals(PostgresOptions.DEFAULT_POOL_SIZE, o.poolSize());
    assertFalse(o.corruptionHook());
    assertFalse(o.toString().contains("p:ss"), "toString hides the password");
    assertFalse(o.toString().contains("db.example"), "toString hides the host");
  }

  @Test
  @DisplayName("L7.2: Thymos options come from the query or the options; driver properties pass")
  void queryCarriesOptionsAndDriverProperties() {
    PostgresOptions o = parse("postgresql://h/db?schema=audit_1&sslmode=disable"
        + "&ApplicationName=node%207", "pool_size", "3", "corruption_hook", "TRUE");
    assertEquals("jdbc:postgresql://h/db", o.jdbcUrl());
    assertEquals("audit_1", o.schema());
    assertEquals("\"audit_1\"", o.quotedSchema());
    assertEquals(3, o.poolSize());
    assertTrue(o.corruptionHook());
    assertEquals("disable", o.driverProperties().getProperty("sslmode"));
    assertEquals("node 7", o.driverProperties().getProperty("ApplicationName"));
    PostgresOptions j = parse("jdbc:postgresql://h:5433/db?user=u&pool_wait_ms=0",
        "password", "pw");
    assertEquals("jdbc:postgresql://h:5433/db", j.jdbcUrl());
    assertEquals("u", j.driverProperties().getProperty("user"));
    assertEquals("pw", j.driverProperties().getProperty("password"));
    assertEquals(0, j.poolWaitMs());
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql:db", "postgresql://", "postgresql:///db",
      "postgresql://u@/db", "jdbc:postgresql://h/db?nosuchparam=1", "postgresql://h/db?=x",
      "postgresql://h/db?sslmode", "postgresql://h/db?schema=a&schema=b",
      "postgresql://h/db?schema=Upper", "postgresql://h/db?schema=x%3By",
      "postgresql://h/db?pool_size=0", "postgresql://h/db?pool_size=65",
      "postgresql://h/db?pool_wait_ms=-1", "postgresql://h/db?corruption_hook=yes",
      "postgresql://u%zz@h/db", "postgresql://u@h/db?user=v", "sqlite:x.db"})
  @DisplayName("L6: malformed URIs, unknown parameters and bad values are refused (THY-L600)")
  void badUrisAreRefused(String uri) {
    refused(uri);
  }

  @Test
  @DisplayName("L6: unknown options, and an option given twice, are refused without its value")
  void badOptionsAreRefused() {
    ConfigurationException e = refused("postgresql://h/db", "synchronous", "FULL");
    assertTrue(e.getMessage().contains("synchronous"), e.getMessage());
    e = refused("postgresql://h/db?schema=a", "schema", "b");
    assertTrue(e.getMessage().contains("both"), e.getMessage());
    e = refused("postgresql://u:secret1@h/db", "password", "secret2");
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
    e = refused("postgresql://h/db", "pool_size", "lots-of-secret");
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
  }
}
