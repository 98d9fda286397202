package thymos.ledger.spi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import thymos.api.ConfigurationException;

/**
 * Where and how to open a ledger (L6): a URI such as {@code memory:}, {@code sqlite:<path>},
 * {@code sqlite::memory:}, {@code postgresql://host/db?…} or {@code jdbc:postgresql:…}, and
 * provider options (credentials, pool sizes, …). {@link #toString()} prints neither the URI's
 * location nor option values, which may hold secrets.
 *
 * @param uri the ledger URI; its scheme selects the provider
 * @param options provider options (copied); the key {@value #PROVIDER_OPTION} picks a provider by
 *     name when several claim the scheme
 */
public record LedgerConfig(String uri, Map<String, String> options) {

  /** The option naming the provider to use when several claim the URI's scheme. */
  public static final String PROVIDER_OPTION = "provider";

  /**
   * Checks that the URI has a scheme.
   *
   * @throws ConfigurationException ({@code THY-L600}) if it has none
   */
  public LedgerConfig {
    Objects.requireNonNull(uri, "uri");
    options = Map.copyOf(Objects.requireNonNull(options, "options"));
    if (schemeEnd(uri) < 0) {
      // The URI is not quoted: it may carry credentials.
      throw new ConfigurationException("THY-L600", "L6", "ledger URI has no scheme (expected "
          + "memory:, sqlite:<path>, sqlite::memory:, postgresql://host/db or jdbc:postgresql:…)",
          List.of(), null);
    }
  }

  /** A config without options. */
  public static LedgerConfig of(String uri) {
    return new LedgerConfig(uri, Map.of());
  }

  /**
   * The lowercase scheme: the text before the first {@code :}, or for {@code jdbc:} URIs the first
   * two components ({@code jdbc:postgresql}).
   */
  public String scheme() {
    return uri.substring(0, schemeEnd(uri)).toLowerCase(Locale.ROOT);
  }

  /** What follows the scheme's colon: a path, {@code :memory:}, {@code //host/db…}, or empty. */
  public String location() {
    return uri.substring(schemeEnd(uri) + 1);
  }

  /** The value of option {@code key}, if set. */
  public Optional<String> option(String key) {
    return Optional.ofNullable(options.get(key));
  }

  // Index of the colon ending the scheme, or -1 when the URI has no valid scheme (RFC 3986 3.1).
  private static int schemeEnd(String uri) {
    int end = component(uri, 0);
    if (end > 0 && uri.substring(0, end).equalsIgnoreCase("jdbc")) {
      int sub = component(uri, end + 1);
      return sub > end + 1 ? sub : -1;
    }
    return end > 0 ? end : -1;
  }

  private static int component(String uri, int start) {
    for (int i = start; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == ':') {
        return i;
      }
      boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      boolean ok = alpha || (i > start && ((c >= '0' && c <= '9') || c == '+' || c == '-'
          || c == '.'));
      if (!ok) {
        return -1;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return "LedgerConfig[scheme=" + scheme() + ", options=" + new TreeMap<>(options).keySet() + "]";
  }
}
