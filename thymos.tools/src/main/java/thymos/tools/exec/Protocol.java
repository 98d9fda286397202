package thymos.tools.exec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonBoolean;
import thymos.api.json.JsonNumber;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.tools.exec.ExecResult.Captured;
import thymos.tools.exec.ExecResult.Status;

/**
 * The members of request and response frames (T4.1), as docs/worker-protocol.md lists them. Both
 * sides read strictly: an unknown member or a mistyped value is refused.
 */
final class Protocol {

  /** The value of the {@code protocol} member of every frame. */
  static final String VERSION = "thymos-worker/v1";

  private Protocol() {}

  /** A request as the worker understands it. */
  record Job(List<String> argv, Path cwd, Map<String, String> env, long timeoutMs,
      int maxOutputBytes) {}

  static JsonObject request(List<String> argv, Path cwd, Map<String, String> env,
      long timeoutMs, long maxOutputBytes) {
    Map<String, Json> e = new LinkedHashMap<>();
    env.forEach((k, v) -> e.put(k, Json.string(v)));
    return Json.object(Map.of("protocol", Json.string(VERSION), "tool", Json.string("exec"),
        "argv", Json.array(argv.stream().map(Json::string).toList()),
        "cwd", Json.string(cwd.toString()), "env", Json.object(e),
        "limits", Json.object(Map.of("timeout_ms", Json.integer(timeoutMs),
            "max_output_bytes", Json.integer(maxOutputBytes)))));
  }

  /**
   * Reads a request (worker side).
   *
   * @throws IllegalArgumentException naming the member that is wrong
   */
  static Job job(JsonObject o) {
    only(o, List.of("protocol", "tool", "argv", "cwd", "env", "limits"));
    if (!text(o, "protocol").equals(VERSION) || !text(o, "tool").equals("exec")) {
      throw new IllegalArgumentException("protocol must be " + VERSION + " and tool exec");
    }
    if (!(o.get("argv").orElse(null) instanceof JsonArray a) || a.size() == 0) {
      throw new IllegalArgumentException("argv must be a non-empty array");
    }
    List<String> argv = new ArrayList<>();
    for (Json v : a.elements()) {
      if (!(v instanceof JsonString s) || s.value().indexOf('\0') >= 0) {
        throw new IllegalArgumentException("argv elements must be strings without NUL");
      }
      argv.add(s.value());
    }
    if (!Path.of(argv.get(0)).isAbsolute()) {
      throw new IllegalArgumentException("argv[0] must be an absolute path");
    }
    Path cwd = Path.of(text(o, "cwd"));
    if (!cwd.isAbsolute()) {
      throw new IllegalArgumentException("cwd must be absolute");
    }
    if (!(o.get("env").orElse(null) instanceof JsonObject env)) {
      throw new IllegalArgumentException("env must be an object of strings");
    }
    Map<String, String> vars = new LinkedHashMap<>();
    env.members().forEach((k, v) -> {
      if (!(v instanceof JsonString s) || k.isEmpty() || k.indexOf('=') >= 0
          || k.indexOf('\0') >= 0 || s.value().indexOf('\0') >= 0) {
        throw new IllegalArgumentException("env member \"" + k + "\" is not a variable");
      }
      vars.put(k, s.value());
    });
    if (!(o.get("limits").orElse(null) instanceof JsonObject limits)) {
      throw new IllegalArgumentException("limits must be an object");
    }
    only(limits, List.of("timeout_ms", "max_output_bytes"));
    long timeout = integer(limits, "timeout_ms", 1, 24L * 3600 * 1000);
    long cap = integer(limits, "max_output_bytes", 1, ExecSettings.MAX_OUTPUT_CAP);
    return new Job(argv, cwd, vars, timeout, (int) cap);
  }

  /** A response (worker side). */
  static JsonObject response(ExecResult r) {
    Map<String, Json> m = new LinkedHashMap<>();
    m.put("protocol", Json.string(VERSION));
    m.put("status", Json.string(r.status().wire()));
    m.put("exit_code", Json.integer(r.exitCode()));
    put(m, "stdout", r.stdout());
    put(m, "stderr", r.stderr());
    m.put("duration_ms", Json.integer(r.durationMs()));
    m.put("message", Json.string(r.message()));
    return Json.object(m);
  }

  private static void put(Map<String, Json> m, String name, Captured c) {
    m.put(name, Json.string(Base64.getEncoder().encodeToString(c.bytes())));
    m.put(name + "_truncated", Json.bool(c.truncated()));
    m.put(name + "_bytes", Json.integer(c.total()));
  }

  /**
   * Reads a response (runtime side).
   *
   * @throws Frames.MalformedFrame for anything but a well-formed response
   */
  static ExecResult result(JsonObject o, long maxOutputBytes) throws Frames.MalformedFrame {
    try {
      only(o, List.of("protocol", "status", "exit_code", "stdout", "stdout_truncated",
          "stdout_bytes", "stderr", "stderr_truncated", "stderr_bytes", "duration_ms", "message"));
      if (!text(o, "protocol").equals(VERSION)) {
        throw new IllegalArgumentException("protocol must be " + VERSION);
      }
      Status status = Optional.of(text(o, "status"))
          .flatMap(s -> List.of(Status.values()).stream().filter(x -> x.wire().equals(s))
              .findFirst())
          .filter(s -> s != Status.REFUSED && s != Status.WORKER_CRASHED
              && s != Status.CANCELLED) // decided by the runtime, never by the worker
          .orElseThrow(() -> new IllegalArgumentException("unknown status"));
      return new ExecResult(status,
          (int) integer(o, "exit_code", -1, 255 + 128),
          captured(o, "stdout", maxOutputBytes), captured(o, "stderr", maxOutputBytes),
          integer(o, "duration_ms", 0, JsonNumber.MAX_SAFE_INTEGER), text(o, "message"));
    } catch (IllegalArgumentException e) {
      throw new Frames.MalformedFrame("bad response: " + e.getMessage());
    }
  }

  private static Captured captured(JsonObject o, String name, long cap) {
    byte[] bytes = Base64.getDecoder().decode(text(o, name)); // IllegalArgumentException if bad
    if (bytes.length > cap) {
      throw new IllegalArgumentException(name + " holds " + bytes.length
          + " bytes, above the cap " + cap);
    }
    if (!(o.get(name + "_truncated").orElse(null) instanceof JsonBoolean t)) {
      throw new IllegalArgumentException(name + "_truncated must be a boolean");
    }
    return new Captured(bytes, t.value(),
        integer(o, name + "_bytes", bytes.length, JsonNumber.MAX_SAFE_INTEGER));
  }

  private static void only(JsonObject o, List<String> names) {
    for (String k : o.members().keySet()) {
      if (!names.contains(k)) {
        throw new IllegalArgumentException("unknown member \"" + k + "\"");
      }
    }
  }

  private static String text(JsonObject o, String name) {
    if (o.get(name).orElse(null) instanceof JsonString s) {
      return s.value();
    }
    throw new IllegalArgumentException(name + " must be a string");
  }

  private static long integer(JsonObject o, String name, long min, long max) {
    if (o.get(name).orElse(null) instanceof JsonNumber n && n.isSafeInteger()
        && n.longValueExact() >= min && n.longValueExact() <= max) {
      return n.longValueExact();
    }
    throw new IllegalArgumentException(name + " must be an integer in [" + min + ", " + max + "]");
  }
}
