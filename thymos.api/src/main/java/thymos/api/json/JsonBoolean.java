package thymos.api.json;

/**
 * A JSON boolean.
 *
 * @param value the value
 */
public record JsonBoolean(boolean value) implements Json {

  /** {@code true}. */
  public static final JsonBoolean TRUE = new JsonBoolean(true);

  /** {@code false}. */
  public static final JsonBoolean FALSE = new JsonBoolean(false);

  @Override
  public String typeName() {
    return "boolean";
  }

  @Override
  public String toString() {
    return Boolean.toString(value);
  }
}
