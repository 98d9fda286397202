package thymos.kernel.authority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.model.Writ;

/** Assertions on typed outcomes (never on message text). */
final class Outcomes {

  private Outcomes() {}

  /** Asserts {@code outcome} is a rejection with {@code reason} about {@code writId}. */
  static Rejection rejected(Object outcome, RejectionReason reason, Hash32 writId) {
    Rejection r = assertInstanceOf(Rejection.class, outcome, () -> "expected a rejection");
    assertEquals(reason, r.reason(), r::toString);
    assertEquals(writId, r.writId(), r::toString);
    return r;
  }

  /** Asserts an invalid_delegation rejection for {@code rule} at {@code field}. */
  static Rejection brokeDelegation(Object outcome, DelegationRule rule, Hash32 child,
      String field) {
    Rejection r = rejected(outcome, RejectionReason.INVALID_DELEGATION, child);
    assertEquals(Optional.of(rule), r.delegationRule(), r::toString);
    assertEquals(rule.rule(), r.rule());
    assertEquals(field, r.field(), r::toString);
    return r;
  }

  /** Asserts {@code outcome} is the no-op of registering {@code expected} again. */
  static void alreadyRegistered(Registration outcome, Writ expected) {
    assertEquals(expected,
        assertInstanceOf(Registration.AlreadyRegistered.class, outcome).existing());
  }
}
