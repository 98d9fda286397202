package thymos.tools.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import thymos.api.ConfigurationException;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.tools.internal.ConfigIntegers;

/**
 * The {@code http} configuration of {@code http_fetch} (T5), read strictly: {@code {allow?:
 * [domain, …], max_bytes? (1 MiB), max_redirects? (5, at most 5), connect_timeout_ms? (5000),
 * read_timeout_ms? (10000)}}. There is deliberately no member that relaxes the address policy
 * (T5.4).
 *
 * @param allow allowed domains, lower case; empty allows any host with public addresses
 */
public record HttpSettings(List<String> allow, long maxBytes, int maxRedirects,
    int connectTimeoutMs, int readTimeoutMs) {

  private static final Set<String> MEMBERS = Set.of("allow", "max_bytes", "max_redirects",
      "connect_timeout_ms", "read_timeout_ms");

  /** Copies the list. */
  public HttpSettings {
    allow = List.copyOf(allow);
  }

  /**
   * Reads {@code o} found at {@code pointer}.
   *
   * @throws ConfigurationException {@code THY-T501} naming the pointer of a bad member
   */
  public static HttpSettings fromJson(JsonObject o, String pointer) {
    for (String k : o.members().keySet()) {
      if (!MEMBERS.contains(k)) {
        throw error(pointer + "/" + k, "unknown member; expected one of " + MEMBERS);
      }
    }
    List<String> allow = new ArrayList<>();
    if (o.get("allow").isPresent()) {
      if (!(o.get("allow").get() instanceof JsonArray a)) {
        throw error(pointer + "/allow", "must be an array of domain names");
      }
      for (int i = 0; i < a.size(); i++) {
        String d = a.get(i) instanceof JsonString s ? s.value().toLowerCase(Locale.ROOT) : "";
        if (!d.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
          throw error(pointer + "/allow/" + i, "must be a domain name without a trailing dot");
        }
        allow.add(d);
      }
    }
    return new HttpSettings(allow,
        integer(o, "max_bytes", pointer, 1L << 20, 1, 64L << 20),
        (int) integer(o, "max_redirects", pointer, 5, 0, 5),
        (int) integer(o, "connect_timeout_ms", pointer, 5_000, 1, 120_000),
        (int) integer(o, "read_timeout_ms", pointer, 10_000, 1, 600_000));
  }

  private static long integer(JsonObject o, String name, String pointer, long dflt, long min,
      long max) {
    return ConfigIntegers.read(o, name, pointer, dflt, min, max, HttpSettings::error);
  }

  private static ConfigurationException error(String at, String what) {
    return new ConfigurationException("THY-T501", "T5", "http_fetch configuration " + at + ": "
        + what, List.of(), null);
  }
}
