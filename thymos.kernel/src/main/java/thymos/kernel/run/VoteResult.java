package thymos.kernel.run;

import java.util.Objects;
import thymos.api.model.Entry;

/**
 * A recorded vote (X3.2) and what it led to.
 *
 * @param approval the {@code approval} entry
 * @param outcome the proposal's outcome: still {@link Outcome.Pending}, or the rejection,
 *     commit, failure or in-doubt execution the vote decided
 */
public record VoteResult(Entry approval, Outcome outcome) {

  /** Checks for {@code null}. */
  public VoteResult {
    Objects.requireNonNull(approval, "approval");
    Objects.requireNonNull(outcome, "outcome");
  }
}
