package thymos.kernel.registry;

import java.util.List;

/**
 * The result of validating intent arguments against a tool's input schema (C2 stage 12): valid,
 * or every violation found, each with JSON pointer, schema keyword and message.
 */
public sealed interface ArgsValidation {

  /** Valid arguments. */
  ArgsValidation VALID = new Valid();

  /** Whether the arguments are valid. */
  default boolean isValid() {
    return this instanceof Valid;
  }

  /** The violations; empty when valid. */
  default List<SchemaError> errors() {
    return this instanceof Invalid i ? i.violations() : List.of();
  }

  /** The arguments satisfy the schema. */
  record Valid() implements ArgsValidation {}

  /**
   * The arguments violate the schema ({@code invalid_args}).
   *
   * @param violations every violation found, in document order, at least one
   */
  record Invalid(List<SchemaError> violations) implements ArgsValidation {
    /** Copies the list; refuses an empty one. */
    public Invalid {
      violations = List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("an invalid result needs at least one violation");
      }
    }
  }
}
