package thymos.api.spi;

import java.util.Objects;

/**
 * The value of a tool's pre- or postcondition check (T1.1, C2 stage 14, X2): it holds, or it
 * fails with a reason that the kernel records ({@code precondition_failed},
 * {@code postcondition_failed}).
 */
public sealed interface ConditionCheck {

  /** The check that holds. */
  ConditionCheck HOLDS = new Holds();

  /** A failed check with {@code reason}. */
  static ConditionCheck fails(String reason) {
    return new Fails(reason);
  }

  /** Whether the condition holds. */
  default boolean holds() {
    return this instanceof Holds;
  }

  /** The condition holds. */
  record Holds() implements ConditionCheck {}

  /**
   * The condition does not hold.
   *
   * @param reason why, for the rejection or failure entry
   */
  record Fails(String reason) implements ConditionCheck {
    /** Checks for {@code null}. */
    public Fails {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
