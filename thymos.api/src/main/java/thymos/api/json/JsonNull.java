package thymos.api.json;

/** The JSON {@code null}; allowed only inside free-form values (E1.4). */
public record JsonNull() implements Json {

  /** The one instance. */
  public static final JsonNull INSTANCE = new JsonNull();

  @Override
  public String typeName() {
    return "null";
  }

  @Override
  public String toString() {
    return "null";
  }
}
