package thymos.api.json;

import java.util.Objects;

/**
 * A JSON string. Lone surrogates are refused when parsing (E1.2); a value built in code with a
 * lone surrogate is refused when it is canonicalised.
 *
 * @param value the string, never {@code null}
 */
public record JsonString(String value) implements Json {

  /** Checks for {@code null}. */
  public JsonString {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String typeName() {
    return "string";
  }

  @Override
  public String toString() {
    return canonicalString();
  }
}
