package thymos.kernel.run;

import java.util.Locale;

/** Why the agent loop stopped (X10.2). */
public enum Termination {
  /** Cognition gave a final answer. */
  DONE,
  /** An intent was suspended for approval; the loop resumes after the votes. */
  SUSPENDED,
  /** The spend exceeds the writ's budget, or an intent was rejected for lack of budget. */
  BUDGET_EXHAUSTED,
  /** The bound writ (or one in its chain) is outside its validity window. */
  WRIT_EXPIRED,
  /** The configured number of steps ran out. */
  MAX_STEPS;

  /** The wire form, lower snake_case (E4.1). */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
