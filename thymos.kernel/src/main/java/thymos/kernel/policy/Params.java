package thymos.kernel.policy;

import java.util.Map;
import java.util.Optional;
import thymos.api.json.Json;
import thymos.api.json.JsonNumber;
import thymos.api.json.JsonObject;
import thymos.api.model.Scopes;

/** Package helpers shared by the built-in policies: content documents, checks, arg paths. */
final class Params {

  /** The version of every built-in policy of this kernel. */
  static final String VERSION = "1";

  private Params() {}

  /** The content document of a built-in (P1): {@code {name, version, params}}. */
  static JsonObject content(String name, Map<String, Json> params) {
    return Json.object(Map.of("name", Json.string(name), "version", Json.string(VERSION),
        "params", Json.object(params)));
  }

  static String toolName(String tool) {
    if (tool == null || !Scopes.isValid(tool) || Scopes.isPrefix(tool)) {
      throw new IllegalArgumentException("tool must be a tool name [a-z][a-z0-9_.-]{0,63}: "
          + tool);
    }
    return tool;
  }

  static long integer(String name, long value, long min) {
    if (value < min || value > JsonNumber.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException(name + " must lie in " + min + ".." 
          + JsonNumber.MAX_SAFE_INTEGER + ": " + value);
    }
    return value;
  }

  static String nonEmpty(String name, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(name + " must be a non-empty string");
    }
    return value;
  }

  /**
   * Checks a dot path ({@code amount}, {@code payment.amount}): one or more non-empty member
   * names separated by dots.
   */
  static String dotPath(String path) {
    nonEmpty("field", path);
    for (String segment : path.split("\\.", -1)) {
      if (segment.isEmpty()) {
        throw new IllegalArgumentException("field must be a dot path of non-empty member names: "
            + path);
      }
    }
    return path;
  }

  /**
   * The value at a dot path into {@code args}; empty when a member on the way is absent or the
   * value on the way is not an object.
   */
  static Optional<Json> at(JsonObject args, String path) {
    Json current = args;
    for (String segment : path.split("\\.", -1)) {
      if (!(current instanceof JsonObject o)) {
        return Optional.empty();
      }
      Optional<Json> next = o.get(segment);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      current = next.get();
    }
    return Optional.of(current);
  }
}
