package thymos.kernel.registry;

import java.util.Objects;

/**
 * One argument-validation error (C2 stage 12): where ({@code pointer}, an RFC 6901 JSON pointer
 * into the arguments), which schema keyword failed, and a human-readable message.
 *
 * @param pointer JSON pointer of the offending value; {@code ""} is the whole argument object
 * @param keyword the JSON Schema keyword that failed, e.g. {@code required}
 * @param message what was expected and what was found
 */
public record SchemaError(String pointer, String keyword, String message) {

  /** Requires all components. */
  public SchemaError {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(keyword, "keyword");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return (pointer.isEmpty() ? "/" : pointer) + " [" + keyword + "] " + message;
  }
}
