package thymos.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The one unchecked root of every error Thymos throws.
 *
 * <p>Messages start with a stable code in brackets, {@code [THY-E102] …}, explained in
 * {@code docs/errors.md}. The code is derived from the spec rule that was broken ({@code E1.2} →
 * {@code E102}, {@code L5.1} → {@code L501}); errors without a rule use a code of their own.
 * Expected negative outcomes (a rejected intent, a failed proof or replay) are values, not
 * exceptions; exceptions are for broken contracts and broken infrastructure.
 */
public abstract sealed class ThymosException extends RuntimeException
    permits ProtocolViolation, AuthorityException, LedgerException, ConfigurationException,
        ProofException, RequestRefused {

  private static final long serialVersionUID = 1L;

  private final String code;
  private final String rule;

  /**
   * @param code the stable code without brackets, e.g. {@code THY-E102}
   * @param rule the spec rule, e.g. {@code E1.2}, or {@code null} when none applies
   * @param detail what was wrong, naming position, kind, check, expected and actual where known
   * @param cause the underlying cause, or {@code null}
   */
  protected ThymosException(String code, String rule, String detail, Throwable cause) {
    super("[" + Objects.requireNonNull(code, "code") + "] " + detail, cause);
    this.code = code;
    this.rule = rule;
  }

  /** The stable error code, e.g. {@code THY-E102}. */
  public String code() {
    return code;
  }

  /** The spec rule this error enforces, e.g. {@code E1.2}, if any. */
  public Optional<String> rule() {
    return Optional.ofNullable(rule);
  }

  /**
   * The code for a spec rule: the rule's letter, its section and its item as two digits
   * ({@code E1.2} → {@code THY-E102}, {@code W3} → {@code THY-W300}).
   *
   * @throws IllegalArgumentException if {@code rule} is not of the form {@code X9} or {@code X9.9}
   */
  public static String codeFor(String rule) {
    if (rule == null || !rule.matches("[A-Z][0-9]+(\\.[0-9]{1,2})?")) {
      throw new IllegalArgumentException("not a spec rule: " + rule);
    }
    int dot = rule.indexOf('.');
    String section = dot < 0 ? rule.substring(1) : rule.substring(1, dot);
    int item = dot < 0 ? 0 : Integer.parseInt(rule.substring(dot + 1));
    return "THY-" + rule.charAt(0) + section + (item < 10 ? "0" : "") + item;
  }
}
