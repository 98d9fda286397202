package thymos.ledger.postgres;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.Driver;
import org.postgresql.PGProperty;
import thymos.api.ConfigurationException;
import thymos.ledger.spi.LedgerConfig;

/**
 * A parsed PostgreSQL ledger config (L6, L7.2). Thymos options ({@value
 * PostgresLedgerProvider#SCHEMA_OPTION}, pool settings, credentials, the test hook) come from the
 * {@link LedgerConfig} options or the URI's query; every other query parameter must be a pgjdbc
 * connection property and goes to the driver. Anything unknown, given twice or malformed is
 * refused (fail closed); values are never echoed, since they may be secret.
 *
 * @param jdbcUrl the driver URL, without query and without credentials
 * @param driverProperties the connection properties (credentials and driver parameters)
 * @param schema the schema holding the ledger's tables
 * @param poolSize the most pooled connections
 * @param poolWaitMs how long a call waits for a free pooled connection
 * @param corruptionHook whether the K2.4 test hook is offered
 */
record PostgresOptions(String jdbcUrl, Properties driverProperties, String schema, int poolSize,
    long poolWaitMs, boolean corruptionHook) {

  static final String DEFAULT_SCHEMA = "thymos";
  static final int DEFAULT_POOL_SIZE = 8;
  static final int MAX_POOL_SIZE = 64;
  static final int DEFAULT_POOL_WAIT_MS = 10_000;
  static final String DEFAULT_APPLICATION_NAME = "thymos-ledger";

  /** Lowercase unquoted identifiers only, so the name means the same quoted or not. */
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private static final List<String> OPTIONS = List.of(LedgerConfig.PROVIDER_OPTION,
      PostgresLedgerProvider.SCHEMA_OPTION, PostgresLedgerProvider.POOL_SIZE_OPTION,
      PostgresLedgerProvider.POOL_WAIT_OPTION, PostgresLedgerProvider.USER_OPTION,
      PostgresLedgerProvider.PASSWORD_OPTION, PostgresLedgerProvider.CORRUPTION_HOOK_OPTION);

  /** The driver's copy of the properties, so callers cannot change this record's. */
  @Override
  public Properties driverProperties() {
    Properties p = new Properties();
    p.putAll(driverProperties);
    return p;
  }

  /**
   * Reads {@code config}.
   *
   * @throws ConfigurationException ({@code THY-L600}) for another scheme, a malformed URI, an
   *     unknown option or connection parameter, one given twice, or a bad value
   */
  static PostgresOptions parse(LedgerConfig config) {
    String scheme = config.scheme();
    String location = config.location();
    int q = location.indexOf('?');
    String base = q < 0 ? location : location.substring(0, q);
    Map<String, String> query = q < 0 ? Map.of() : query(location.substring(q + 1));
    Properties driver = new Properties();
    String url;
    switch (scheme) {
      case "postgresql" -> {
        if (!base.startsWith("//") || base.length() == 2) {
          throw refusal("a postgresql ledger URI is postgresql://[user[:password]@]host[:port]"
              + "[/database][?parameters]");
        }
        String authority = base.substring(2);
        int slash = authority.indexOf('/');
        int at = authority.lastIndexOf('@', slash < 0 ? authority.length() : slash);
        if (at >= 0) {
          String userInfo = authority.substring(0, at);
          int colon = userInfo.indexOf(':');
          put(driver, PGProperty.USER, decode(colon < 0 ? userInfo : userInfo.substring(0,
              colon)), "user");
          if (colon >= 0) {
            put(driver, PGProperty.PASSWORD, decode(userInfo.substring(colon + 1)), "password");
          }
          authority = authority.substring(at + 1);
        }
        if (authority.isEmpty() || authority.startsWith("/")) {
          throw refusal("a postgresql ledger URI names a host: postgresql://host[:port]/database");
        }
        url = "jdbc:postgresql://" + authority;
      }
      case "jdbc:postgresql" -> url = "jdbc:postgresql:" + base;
      default -> throw refusal("the postgresql provider opens postgresql:// and jdbc:postgresql: "
          + "URIs, not " + scheme + ":");
    }
    if (url.contains("\0") || Driver.parseURL(url, new Properties()) == null) {
      throw refusal("the postgresql ledger URI is not one the driver can read (expected "
          + "postgresql://host[:port]/database or jdbc:postgresql://host[:port]/database)");
    }
    Map<String, String> options = new LinkedHashMap<>();
    for (var param : query.entrySet()) {
      if (OPTIONS.contains(param.getKey())) {
        options.put(param.getKey(), param.getValue());
        continue;
      }
      PGProperty property = PGProperty.forName(param.getKey());
      if (property == null) {
        throw refusal("the postgresql ledger URI has an unknown parameter \"" + param.getKey()
            + "\" (neither a Thymos option " + OPTIONS + " nor a pgjdbc connection property)");
      }
      put(driver, property, param.getValue(), param.getKey());
    }
    for (var option : config.options().entrySet()) {
      if (options.put(option.getKey(), option.getValue()) != null) {
        throw refusal("option " + option.getKey() + " is given both in the URI and as an option");
      }
    }
    return fromOptions(url, driver, options);
  }

  private static PostgresOptions fromOptions(String url, Properties driver,
      Map<String, String> options) {
    String schema = DEFAULT_SCHEMA;
    int pool = DEFAULT_POOL_SIZE;
    long wait = DEFAULT_POOL_WAIT_MS;
    boolean hook = false;
    for (var option : options.entrySet()) {
      String key = option.getKey();
      String value = option.getValue();
      switch (key) {
        case LedgerConfig.PROVIDER_OPTION -> { }
        case PostgresLedgerProvider.SCHEMA_OPTION -> {
          if (!SCHEMA.matcher(value).matches()) {
            throw refusal("option " + key + " is a lowercase identifier matching " + SCHEMA);
          }
          schema = value;
        }
        case PostgresLedgerProvider.POOL_SIZE_OPTION -> pool = number(key, value, 1,
            MAX_POOL_SIZE);
        case PostgresLedgerProvider.POOL_WAIT_OPTION -> wait = number(key, value, 0,
            Integer.MAX_VALUE);
        case PostgresLedgerProvider.USER_OPTION -> put(driver, PGProperty.USER, value, key);
        case PostgresLedgerProvider.PASSWORD_OPTION -> put(driver, PGProperty.PASSWORD, value,
            key);
        case PostgresLedgerProvider.CORRUPTION_HOOK_OPTION -> hook = switch (value.strip()
            .toLowerCase(Locale.ROOT)) {
          case "true" -> true;
          case "false" -> false;
          default -> throw refusal("option " + key + " is true or false");
        };
        default -> throw refusal("the postgresql ledger takes no option \"" + key + "\" (known: "
            + OPTIONS + "; connection properties go in the URI's query)");
      }
    }
    if (!PGProperty.APPLICATION_NAME.isPresent(driver)) {
      PGProperty.APPLICATION_NAME.set(driver, DEFAULT_APPLICATION_NAME);
    }
    return new PostgresOptions(url, driver, schema, pool, wait, hook);
  }

  private static void put(Properties driver, PGProperty property, String value, String what) {
    if (property.isPresent(driver)) {
      throw refusal(what + " is given twice");
    }
    property.set(driver, value);
  }

  private static Map<String, String> query(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (eq < 0 || name.isEmpty()) {
        throw refusal("the postgresql ledger URI's query holds a parameter without name=value");
      }
      if (params.put(name, decode(pair.substring(eq + 1))) != null) {
        throw refusal("the postgresql ledger URI gives parameter \"" + name + "\" twice");
      }
    }
    return params;
  }

  // RFC 3986 percent-decoding as UTF-8; unlike URLDecoder, '+' stays a plus.
  private static String decode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    byte[] raw = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] != '%') {
        out.write(raw[i]);
        continue;
      }
      int hi = i + 2 < raw.length ? Character.digit(raw[i + 1], 16) : -1;
      int lo = hi >= 0 ? Character.digit(raw[i + 2], 16) : -1;
      if (lo < 0) {
        throw refusal("the postgresql ledger URI holds a malformed percent escape");
      }
      out.write(hi * 16 + lo);
      i += 2;
    }
    return out.toString(StandardCharsets.UTF_8);
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

  /** The schema name as a quoted SQL identifier. */
  String quotedSchema() {
    return "\"" + schema + "\"";
  }

  @Override
  public String toString() {
    // Never the URL or the properties: they name hosts and may hold a password.
    return "PostgresOptions[schema=" + schema + ", pool_size=" + poolSize + "]";
  }
}
