package thymos.kernel.policy;

import java.util.List;
import thymos.api.json.Json;
import thymos.api.spi.PolicyContext;

/**
 * A rule's {@code when} (P6.1): {@code {"all":[…]}} (true if empty), {@code {"any":[…]}} (false
 * if empty), {@code {"not": c}}, or a leaf {@code {"field", "op", "value"}}. {@code all} and
 * {@code any} evaluate left to right and stop at the first element that settles them, so an
 * evaluation error after that point is not reached.
 */
sealed interface Condition {

  /**
   * Evaluates the condition.
   *
   * @throws EvaluationError if a leaf that is reached cannot be evaluated (P6.5)
   */
  boolean test(PolicyContext context);

  /** {@code {"all": [...]}}. */
  record All(List<Condition> conditions) implements Condition {
    public All {
      conditions = List.copyOf(conditions);
    }

    @Override
    public boolean test(PolicyContext context) {
      for (Condition c : conditions) {
        if (!c.test(context)) {
          return false;
        }
      }
      return true;
    }
  }

  /** {@code {"any": [...]}}. */
  record Any(List<Condition> conditions) implements Condition {
    public Any {
      conditions = List.copyOf(conditions);
    }

    @Override
    public boolean test(PolicyContext context) {
      for (Condition c : conditions) {
        if (c.test(context)) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code {"not": c}}. */
  record Not(Condition condition) implements Condition {
    @Override
    public boolean test(PolicyContext context) {
      return !condition.test(context);
    }
  }

  /** A leaf {@code {"field", "op", "value"}} (P6.2–P6.4). */
  record Leaf(Field field, Op op, Json value) implements Condition {
    @Override
    public boolean test(PolicyContext context) {
      try {
        return op.test(field.resolve(context), value);
      } catch (EvaluationError e) {
        String literal = value.canonicalString();
        throw new EvaluationError(field.text() + " " + op.wire() + " "
            + (literal.length() > 60 ? literal.substring(0, 57) + "..." : literal) + ": "
            + e.getMessage());
      }
    }
  }
}
