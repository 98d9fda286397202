package thymos.tools.internal;

import java.util.function.BiFunction;
import thymos.api.ConfigurationException;
import thymos.api.json.Json;
import thymos.api.json.JsonNumber;
import thymos.api.json.JsonObject;

/**
 * The strict reading of an optional integer member of a tool provider's configuration, shared by
 * the {@code exec} (T4) and {@code http} (T5) settings; each names its own error code through
 * {@code error(pointer, what)}.
 */
public final class ConfigIntegers {

  private ConfigIntegers() {}

  /**
   * Member {@code name} of {@code o} (found at {@code pointer}), or {@code dflt} when absent.
   *
   * @throws ConfigurationException from {@code error} when the member is not an integer in
   *     [{@code min}, {@code max}], naming the member's pointer
   */
  public static long read(JsonObject o, String name, String pointer, long dflt, long min,
      long max, BiFunction<String, String, ConfigurationException> error) {
    Json v = o.get(name).orElse(null);
    if (v == null) {
      return dflt;
    }
    if (v instanceof JsonNumber n && n.isSafeInteger() && n.longValueExact() >= min
        && n.longValueExact() <= max) {
      return n.longValueExact();
    }
    throw error.apply(pointer + "/" + name, "must be an integer in [" + min + ", " + max + "]");
  }
}
