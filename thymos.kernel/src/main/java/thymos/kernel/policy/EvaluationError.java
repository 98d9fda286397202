package thymos.kernel.policy;

/**
 * A rule that cannot be evaluated on this input (P6.5): values of different types compared, a
 * string op on a non-string. Never leaves the bundle: {@link PolicyBundle} turns it into a {@code
 * deny} naming the rule and this message.
 */
final class EvaluationError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  EvaluationError(String message) {
    super(message, null, false, false); // a value, not a bug: no stack trace
  }
}
