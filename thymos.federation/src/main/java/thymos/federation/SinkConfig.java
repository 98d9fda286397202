package thymos.federation;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import thymos.api.ConfigurationException;
import thymos.api.ProtocolViolation;
import thymos.api.ThymosException;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * Strict reading of one sink's or clock's configuration (E1.5): an unknown or missing member or a
 * bad value is a {@link ConfigurationException} ({@code THY-A502}) naming the sink and pointer.
 */
final class SinkConfig {

  static final String CODE = ThymosException.codeFor("A5.2");
  private static final long DEFAULT_TIMEOUT_MS = 10_000;

  private final String sink;
  private final StrictObject o;

  private SinkConfig(String sink, JsonObject config) {
    this.sink = sink;
    this.o = StrictObject.of(config, "");
  }

  /** Reads {@code config} with {@code reader}, turning protocol errors into configuration ones. */
  static <T> T read(String sink, JsonObject config, java.util.function.Function<SinkConfig, T>
      reader) {
    try {
      SinkConfig c = new SinkConfig(sink, config);
      T t = reader.apply(c);
      c.o.end();
      return t;
    } catch (ProtocolViolation e) {
      throw invalid(sink, e.getMessage(), e);
    }
  }

  static ConfigurationException invalid(String sink, String detail, Throwable cause) {
    return new ConfigurationException(CODE, "A5.2", "anchor sink " + sink + " config: " + detail,
        List.of(), cause);
  }

  String string(String name) {
    return o.string(name);
  }

  java.util.Optional<String> optString(String name) {
    return o.optString(name);
  }

  Path path(String name) {
    String p = o.string(name);
    try {
      if (p.isEmpty()) {
        throw new InvalidPathException(p, "empty");
      }
      return Path.of(p).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw invalid(sink, o.pointer(name) + ": not a path: " + e.getMessage(), e);
    }
  }

  /** An {@code http} or {@code https} URL. */
  URI url(String name) {
    String u = o.string(name);
    try {
      URI uri = new URI(u);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme();
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw invalid(sink, o.pointer(name) + ": expected an http:// or https:// URL with a "
            + "host, got \"" + u + "\"", null);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw invalid(sink, o.pointer(name) + ": not a URL: " + e.getMessage(), e);
    }
  }

  Duration timeout() {
    long ms = o.optNonNegative("timeout_ms").orElse(DEFAULT_TIMEOUT_MS);
    if (ms == 0) {
      throw invalid(sink, o.pointer("timeout_ms") + ": must be > 0", null);
    }
    return Duration.ofMillis(ms);
  }
}
