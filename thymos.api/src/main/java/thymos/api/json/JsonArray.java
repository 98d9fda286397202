package thymos.api.json;

import java.util.List;

/**
 * A JSON array.
 *
 * @param elements the elements; copied, never {@code null}
 */
public record JsonArray(List<Json> elements) implements Json {

  /** The empty array. */
  public static final JsonArray EMPTY = new JsonArray(List.of());

  /** Copies {@code elements}; refuses {@code null} elements. */
  public JsonArray {
    elements = List.copyOf(elements);
  }

  /** The number of elements. */
  public int size() {
    return elements.size();
  }

  /** The element at {@code index}. */
  public Json get(int index) {
    return elements.get(index);
  }

  @Override
  public String typeName() {
    return "array";
  }

  @Override
  public String toString() {
    return canonicalString();
  }
}
