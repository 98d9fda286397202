package thymos.api.json;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

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
    members = Collections.unmodifiableSortedMap(sorted(members));
  }

  private static SortedMap<String, Json> sorted(Map<String, ? extends Json> members) {
    if (members instanceof SortedMap<String, ? extends Json> s && s.comparator() == null) {
      // Already in String.compareTo order (parser output, another object): copied in linear time.
      TreeMap<String, Json> copy = new TreeMap<>(s);
      copy.forEach((k, v) -> Objects.requireNonNull(v, Objects.requireNonNull(k, "name")));
      return copy;
    }
    TreeMap<String, Json> copy = new TreeMap<>();
    members.forEach(
        (k, v) -> copy.put(Objects.requireNonNull(k, "member name"), Objects.requireNonNull(v, k)));
    return copy;
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
