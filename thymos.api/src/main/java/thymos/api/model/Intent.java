package thymos.api.model;

import java.util.Objects;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * An intent with its id (M1): {@code {id, body}}, {@code id = id("intent", body)}.
 *
 * <p>The record does not force the id to match the body: an entry marked {@code redacted} keeps
 * the original id over a redacted body (X8.3). Whoever needs the match checks {@link
 * #idMatchesBody()} (compiler stage 1, replay R2.5).
 *
 * @param id the intent id
 * @param body the content
 */
public record Intent(Hash32 id, IntentBody body) {

  /** Checks for {@code null}. */
  public Intent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(body, "body");
  }

  /** The intent for {@code body}, with its content id computed (M1, E2.2). */
  public static Intent of(IntentBody body) {
    return new Intent(idOf(body), body);
  }

  /** {@code id("intent", body)}. */
  public static Hash32 idOf(IntentBody body) {
    return Ids.id(DocType.INTENT, body.toJson());
  }

  /** Whether {@link #id()} is the content id of {@link #body()}. */
  public boolean idMatchesBody() {
    return id.equals(idOf(body));
  }

  /** The JSON form {@code {id, body}}. */
  public JsonObject toJson() {
    return Members.create().put("id", id.toJson()).put("body", body.toJson()).build();
  }

  /**
   * Reads the JSON form strictly (E1.5). Does not check the id against the body (see the type
   * comment).
   *
   * @throws thymos.api.ProtocolViolation naming the offending member's JSON pointer
   */
  public static Intent fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    Intent i = new Intent(Members.hash32(o, "id"), o.read("body", IntentBody::fromJson));
    o.end();
    return i;
  }
}
