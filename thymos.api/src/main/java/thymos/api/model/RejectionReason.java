package thymos.api.model;

import java.util.Objects;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * Why an intent was rejected (C2.3): {@code {kind, message, detail}}.
 *
 * @param kind the rejection kind of C2 ({@code out_of_scope}, {@code budget_exhausted}, …, or
 *     {@code approval_denied}/{@code approval_expired} of X3); a string so the kernel owns the list
 * @param message a human message
 * @param detail a free-form object: which writ, which rule, which field
 */
public record RejectionReason(String kind, String message, JsonObject detail) {

  /** Checks for {@code null}. */
  public RejectionReason {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(detail, "detail");
  }

  /** The JSON form {@code {kind, message, detail}}. */
  public JsonObject toJson() {
    return Members.create().put("kind", kind).put("message", message).put("detail", detail)
        .build();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static RejectionReason fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    RejectionReason r = new RejectionReason(o.string("kind"), o.string("message"),
        o.object("detail"));
    o.end();
    return r;
  }
}
