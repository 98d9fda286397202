package thymos.api.model;

import java.util.Objects;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * Why a staged intent failed (X2 step 6): {@code {kind, message}}.
 *
 * @param kind e.g. {@code tool_error}, {@code postcondition_failed}, {@code delta_conflict}
 * @param message a human message (redacted, X8.1)
 */
public record ErrorInfo(String kind, String message) {

  /** Checks for {@code null}. */
  public ErrorInfo {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /** The JSON form {@code {kind, message}}. */
  public JsonObject toJson() {
    return Members.create().put("kind", kind).put("message", message).build();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static ErrorInfo fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    ErrorInfo e = new ErrorInfo(o.string("kind"), o.string("message"));
    o.end();
    return e;
  }
}
