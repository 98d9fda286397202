package thymos.kernel.authority;

import java.util.Objects;
import java.util.Optional;
import thymos.api.AuthorityException;
import thymos.api.crypto.Hash32;

/**
 * Authority that did not hold, as a value (STYLE "expected negative outcomes are values"): the
 * outcome of a failed chain verification (W4), registration (W2.2) or revocation (W5).
 *
 * @param reason the stable reason kind
 * @param writId the writ the failure is about: the failing link's child, the revoked ancestor,
 *     the writ whose window excludes {@code now}, or the writ named by a revocation
 * @param rule the spec rule, e.g. {@code W3.7}
 * @param delegationRule for {@link RejectionReason#INVALID_DELEGATION}, which W3 rule failed
 * @param field JSON pointer into the writ (or revocation) of the member at fault, e.g. {@code
 *     /budget/tokens} or {@code /effect_ceiling/read}; empty when none applies
 * @param expected what the rule required; empty when none applies
 * @param actual what was found; empty when none applies
 * @param detail a human sentence naming the check
 */
public record Rejection(
    RejectionReason reason,
    Hash32 writId,
    String rule,
    Optional<DelegationRule> delegationRule,
    String field,
    String expected,
    String actual,
    String detail)
    implements ChainVerification, Registration, RevocationOutcome {

  /** Checks for {@code null}; a delegation rule is named exactly for invalid delegation. */
  public Rejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(writId, "writId");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(delegationRule, "delegationRule");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(actual, "actual");
    Objects.requireNonNull(detail, "detail");
    if (delegationRule.isPresent() != (reason == RejectionReason.INVALID_DELEGATION)) {
      throw new IllegalArgumentException("a delegation rule is named only for invalid_delegation");
    }
  }

  static Rejection of(RejectionReason reason, Hash32 writId, String rule, String field,
      String expected, String actual, String detail) {
    return new Rejection(reason, writId, rule, Optional.empty(), field, expected, actual, detail);
  }

  static Rejection delegation(DelegationRule violated, Hash32 childId, String field,
      String expected, String actual, String detail) {
    return new Rejection(RejectionReason.INVALID_DELEGATION, childId, violated.rule(),
        Optional.of(violated), field, expected, actual, detail);
  }

  /** A rejection never changes the authority state; nothing is recorded. */
  @Override
  public boolean changed() {
    return false;
  }

  /**
   * This rejection as the exception the {@code …OrThrow()} conveniences throw; its {@code
   * reason()} is {@link RejectionReason#wire()} and its {@code rule()} is {@link #rule()}.
   */
  public AuthorityException toException() {
    StringBuilder message = new StringBuilder(detail);
    delegationRule.ifPresent(d -> message.append(" [").append(d.name()).append(']'));
    if (!field.isEmpty()) {
      message.append(" at ").append(field);
    }
    if (!expected.isEmpty() || !actual.isEmpty()) {
      message.append(": expected ").append(expected).append(", actual ").append(actual);
    }
    return new AuthorityException(rule, reason.wire(), writId.hex(), message.toString());
  }
}
