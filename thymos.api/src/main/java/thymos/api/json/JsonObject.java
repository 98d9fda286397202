package thymos.api.json;

import java.util.Map;
import java.util.Optional;

/**
 * A JSON object. Members are kept sorted by name in UTF-16 code-unit order ({@link
 * String#compareTo}), which is the RFC 8785 order, so iteration is canonical.
 *
 * @param members the members; copied, never {@code null} keys or values
 */
public record JsonObject(Map<String, Json> members) implements Json {

  /** The empty object. */
  public static final JsonObject EMPTY = new JsonObject(Map.of());

  /** Copies {@code members} into canonical order; refuses {@code null} names and values. */
  public JsonObject {
    // Immutable sorted arrays: parser output is adopted in linear time, another object's shared.
    members = ObjectMembers.of(members);
  }

  /** {@link #members()} as this package's array map. */
  ObjectMembers sortedMembers() {
    return (ObjectMembers) members;
  }

  /** The member named {@code name}, if present. */
  public Optional<Json> get(String name) {
    return Optional.ofNullable(members.get(name));
  }

  /** The number of members. */
  public int size() {
    return members.size();
  }

  @Override
  public String typeName() {
    return "object";
  }

  @Override
  public String toString() {
    return canonicalString();
  }
}
