package thymos.tools.exec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import thymos.api.ConfigurationException;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.tools.internal.ConfigIntegers;

/**
 * The {@code exec} configuration of the {@code builtin} provider (T4), read strictly: {@code
 * {profile: name, profiles?: {name: [program, …]}, timeout_ms? (30000, at most 600000),
 * max_output_bytes? (65536, at most 1 MiB), workers? (1, at most 16), path? ("/usr/local/bin:
 * /usr/bin:/bin")}}. {@code profiles} adds to (or replaces) the built-in {@code inspect} and
 * {@code build} profiles (T4.2). {@code path} is the fixed search path program names are resolved
 * against at start-up, and the {@code PATH} the program sees (T4.3).
 *
 * @param profile the active profile's name
 * @param programs the active profile's program names
 * @param timeoutMs the default and largest wall-clock limit of one call (T4.4)
 * @param maxOutputBytes the cap on captured stdout and, separately, stderr (T4.4)
 * @param workers how many warm workers the pool keeps at most
 * @param path the fixed search path, absolute folders
 */
public record ExecSettings(String profile, List<String> programs, long timeoutMs,
    long maxOutputBytes, int workers, List<String> path) {

  /** The built-in {@code inspect} profile (T4.2). */
  public static final List<String> INSPECT =
      List.of("ls", "cat", "head", "tail", "wc", "grep", "find", "git");
  /** The built-in {@code build} profile: {@code inspect} plus build tools (T4.2). */
  public static final List<String> BUILD = concat(INSPECT,
      List.of("mvn", "javac", "java", "npm", "node", "make"));
  /** The default search path. */
  public static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
  /** The largest configurable output cap, 1 MiB, so a response frame stays far below 8 MiB. */
  public static final long MAX_OUTPUT_CAP = 1L << 20;

  private static final Set<String> MEMBERS =
      Set.of("profile", "profiles", "timeout_ms", "max_output_bytes", "workers", "path");

  /** Copies the lists. */
  public ExecSettings {
    programs = List.copyOf(programs);
    path = List.copyOf(path);
  }

  /**
   * Reads {@code o} found at {@code pointer}.
   *
   * @throws ConfigurationException {@code THY-T401} naming the pointer of a bad member: unknown,
   *     mistyped, out of range, an unknown profile, or a program that is not a plain file name
   */
  public static ExecSettings fromJson(JsonObject o, String pointer) {
    for (String k : o.members().keySet()) {
      if (!MEMBERS.contains(k)) {
        throw error(pointer + "/" + k, "unknown member; expected one of " + MEMBERS);
      }
    }
    Map<String, List<String>> profiles = new LinkedHashMap<>();
    profiles.put("inspect", INSPECT);
    profiles.put("build", BUILD);
    if (o.get("profiles").isPresent()) {
      if (!(o.get("profiles").get() instanceof JsonObject ps)) {
        throw error(pointer + "/profiles", "must be an object of program lists");
      }
      ps.members().forEach((name, list) ->
          profiles.put(name, programs(list, pointer + "/profiles/" + name)));
    }
    if (!(o.get("profile").orElse(null) instanceof JsonString p)) {
      throw error(pointer + "/profile", "must name a profile, one of " + profiles.keySet());
    }
    if (!profiles.containsKey(p.value())) {
      throw error(pointer + "/profile", "unknown profile \"" + p.value() + "\"; known: "
          + profiles.keySet());
    }
    String path = DEFAULT_PATH;
    if (o.get("path").isPresent()) {
      if (!(o.get("path").get() instanceof JsonString s)) {
        throw error(pointer + "/path", "must be a string of absolute folders joined by ':'");
      }
      path = s.value();
    }
    List<String> dirs = List.of(path.split(":", -1));
    for (String d : dirs) {
      if (!d.startsWith("/") || d.indexOf('\0') >= 0) {
        throw error(pointer + "/path", "\"" + d + "\" is not an absolute folder");
      }
    }
    return new ExecSettings(p.value(), profiles.get(p.value()),
        integer(o, "timeout_ms", pointer, 30_000, 1, 600_000),
        integer(o, "max_output_bytes", pointer, 64 * 1024, 1, MAX_OUTPUT_CAP),
        (int) integer(o, "workers", pointer, 1, 1, 16), dirs);
  }

  private static List<String> programs(Json list, String at) {
    if (!(list instanceof JsonArray a)) {
      throw error(at, "must be an array of program names");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!(a.get(i) instanceof JsonString s) || !s.value().matches("[A-Za-z0-9_+.-]{1,64}")
          || s.value().equals(".") || s.value().equals("..")) {
        throw error(at + "/" + i, "must be a program name (letters, digits, _ + . -), no path");
      }
      out.add(s.value());
    }
    return out;
  }

  private static long integer(JsonObject o, String name, String pointer, long dflt, long min,
      long max) {
    return ConfigIntegers.read(o, name, pointer, dflt, min, max, ExecSettings::error);
  }

  private static ConfigurationException error(String at, String what) {
    return new ConfigurationException("THY-T401", "T4", "exec configuration " + at + ": " + what,
        List.of(), null);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return List.copyOf(out);
  }
}
