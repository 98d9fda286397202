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

  /** A builder of objects; cheaper than building a map first. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Collects members (a later {@link #put} of a name replaces the earlier value) and sorts them
   * once into the object's canonical order. Not thread-safe; use once.
   */
  public static final class Builder {
    private String[] names = new String[8];
    private Json[] values = new Json[8];
    private int size;

    private Builder() {}

    /**
     * Sets member {@code name} to {@code value}.
     *
     * @throws NullPointerException for a {@code null} name or value
     */
    public Builder put(String name, Json value) {
      java.util.Objects.requireNonNull(name, "member name");
      java.util.Objects.requireNonNull(value, name);
      for (int i = 0; i < size; i++) {
        if (names[i].equals(name)) {
          values[i] = value;
          return this;
        }
      }
      if (size == names.length) {
        names = java.util.Arrays.copyOf(names, size * 2);
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      names[size] = name;
      values[size++] = value;
      return this;
    }

    /** The object, members in canonical (RFC 8785) order. */
    public JsonObject build() {
      String[] n = java.util.Arrays.copyOf(names, size);
      Json[] v = java.util.Arrays.copyOf(values, size);
      for (int i = 1; i < size; i++) { // insertion sort: objects are small
        String name = n[i];
        Json value = v[i];
        int j = i;
        while (j > 0 && n[j - 1].compareTo(name) > 0) {
          n[j] = n[j - 1];
          v[j] = v[j - 1];
          j--;
        }
        n[j] = name;
        v[j] = value;
      }
      return new JsonObject(ObjectMembers.adopt(n, v, -1, -1));
    }
  }

  @Override
  public String toString() {
    return canonicalString();
  }
}
