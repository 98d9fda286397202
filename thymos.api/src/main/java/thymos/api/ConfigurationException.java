package thymos.api;

import java.util.List;

/**
 * A runtime that cannot be configured as asked: no trust anchor, zero or several plugin
 * candidates without a choice, an unknown provider name, an unreadable or insecure key file.
 * Selection fails closed and names every candidate it found.
 */
public final class ConfigurationException extends ThymosException {

  private static final long serialVersionUID = 1L;

  private final List<String> candidates;

  /**
   * @param code the stable code, e.g. {@code THY-C001}
   * @param detail what is wrong
   */
  public ConfigurationException(String code, String detail) {
    this(code, null, detail, List.of(), null);
  }

  /**
   * @param code the stable code
   * @param rule the spec rule, or {@code null}
   * @param detail what is wrong
   * @param candidates the candidates that were found (for selection errors), possibly empty
   * @param cause the cause, or {@code null}
   */
  public ConfigurationException(
      String code, String rule, String detail, List<String> candidates, Throwable cause) {
    super(code, rule, detail + (candidates.isEmpty() ? "" : "; candidates: " + candidates), cause);
    this.candidates = List.copyOf(candidates);
  }

  /** Every candidate found, for selection errors; empty otherwise. */
  public List<String> candidates() {
    return candidates;
  }
}
