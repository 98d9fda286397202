package thymos.api;

import java.util.Optional;

/**
 * Authority that does not hold: a writ chain that fails verification (W3, W4), an unknown or
 * unrevocable writ (W5), a missing subject key (W6). Thrown by the {@code …OrThrow()}
 * conveniences of authority results, which are otherwise values.
 */
public final class AuthorityException extends ThymosException {

  private static final long serialVersionUID = 1L;

  private final String reason;
  private final String writId;

  /**
   * @param rule the spec rule, e.g. {@code W3.4}
   * @param reason the stable reason kind, e.g. {@code invalid_delegation}
   * @param writId the hex id of the writ concerned, or {@code null}
   * @param detail what failed, with expected and actual
   */
  public AuthorityException(String rule, String reason, String writId, String detail) {
    super(codeFor(rule), rule, reason + (writId == null ? "" : " (writ " + writId + ")") + ": " + detail,
        null);
    this.reason = reason;
    this.writId = writId;
  }

  /** The stable reason kind, e.g. {@code revoked}. */
  public String reason() {
    return reason;
  }

  /** The hex id of the writ concerned, if one was named. */
  public Optional<String> writId() {
    return Optional.ofNullable(writId);
  }
}
