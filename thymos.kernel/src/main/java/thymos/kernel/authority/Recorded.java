package thymos.kernel.authority;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a ledgered authority change (W2.2, W5) with the entry that records the fact: the
 * new entry for {@code Registered}/{@code Revoked}, the existing one for the no-ops {@code
 * AlreadyRegistered}/{@code AlreadyRevoked}, none for a {@link Rejection} (nothing was appended).
 *
 * @param outcome the {@link Registration} or {@link RevocationOutcome}
 * @param entry the authority entry recording the fact; empty exactly for a rejection
 * @param <O> the outcome type
 */
public record Recorded<O>(O outcome, Optional<AuthorityEntry> entry) {

  /** @throws IllegalArgumentException if an entry is given for a rejection or missing otherwise */
  public Recorded {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(entry, "entry");
    if (entry.isPresent() == (outcome instanceof Rejection)) {
      throw new IllegalArgumentException("an entry is recorded exactly when not rejected");
    }
  }

  /**
   * The recording entry.
   *
   * @throws thymos.api.AuthorityException for a rejection, carrying its reason, rule and writ
   */
  public AuthorityEntry entryOrThrow() {
    if (outcome instanceof Rejection r) {
      throw r.toException();
    }
    return entry.orElseThrow();
  }
}
