package thymos.api.model;

import java.util.Objects;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * The payload of a {@code writ} entry (L4, W2.2): a full signed writ, registered in the authority
 * trajectory. Reading checks the writ's id against its body ({@link Writ#fromJson}).
 *
 * @param writ the registered writ
 */
public record WritPayload(Writ writ) implements Payload {

  /** Checks for {@code null}. */
  public WritPayload {
    Objects.requireNonNull(writ, "writ");
  }

  @Override
  public EntryKind kind() {
    return EntryKind.WRIT;
  }

  @Override
  public JsonObject toJson() {
    return Members.create().put("writ", writ.toJson()).build();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static WritPayload fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    WritPayload p = new WritPayload(o.read("writ", Writ::fromJson));
    o.end();
    return p;
  }
}
