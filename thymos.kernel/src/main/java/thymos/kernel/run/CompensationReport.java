package thymos.kernel.run;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import thymos.api.crypto.Hash32;

/**
 * What one {@code compensate_to} call did (X6.2, X6.4): the commits it undid, newest first, each
 * with the commit that compensates it; the commits that remain to be undone, newest first; and,
 * when the walk stopped before the target, why. What was undone stays undone; calling {@link
 * Run#compensateTo} again continues with {@link #remaining}.
 *
 * @param target the entry compensated back to
 * @param undone the commits undone by this call, newest first; a delegation's child's commits
 *     (X6.3) come where the delegation entry stands, in the child's order
 * @param remaining the commits and delegation entries after the target still not compensated,
 *     newest first; the first is the one the walk stopped at
 * @param stop why the walk stopped; empty when everything after the target is compensated
 */
public record CompensationReport(Hash32 target, List<Undone> undone, List<Hash32> remaining,
    Optional<Stop> stop) {

  /** Copies the lists; a stop comes with something remaining and the reverse (X6.4). */
  public CompensationReport {
    Objects.requireNonNull(target, "target");
    undone = List.copyOf(undone);
    remaining = List.copyOf(remaining);
    Objects.requireNonNull(stop, "stop");
    if (stop.isPresent() == remaining.isEmpty()) {
      throw new IllegalArgumentException("a report stops exactly when commits remain");
    }
  }

  /** Whether every commit after the target is compensated. */
  public boolean complete() {
    return stop.isEmpty();
  }

  /**
   * One undone commit.
   *
   * @param trajectory the trajectory of both entries: the run's own, or a descendant's reached
   *     through a {@code delegation} entry (X6.3)
   * @param commit the commit entry that was undone
   * @param compensation the commit entry recording its compensation ({@code compensates = commit})
   */
  public record Undone(Hash32 trajectory, Hash32 commit, Hash32 compensation) {

    /** Checks for {@code null}. */
    public Undone {
      Objects.requireNonNull(trajectory, "trajectory");
      Objects.requireNonNull(commit, "commit");
      Objects.requireNonNull(compensation, "compensation");
    }
  }

  /**
   * Why the walk stopped (X6.4).
   *
   * @param commit the commit that could not be undone, or the {@code delegation} entry whose
   *     child could not be compensated (X6.3)
   * @param kind {@code not_compensable} (its tool cannot compensate or is not registered; nothing
   *     recorded), {@code rejected}, {@code suspended} (waiting for approval), {@code failed},
   *     {@code in_doubt}, or {@code child_stopped} (the child's walk stopped; the message names
   *     the child, its stop kind and commit, the outcome is the child's)
   * @param message a human explanation
   * @param outcome the compensate intent's recorded outcome, absent for {@code not_compensable}
   */
  public record Stop(Hash32 commit, String kind, String message, Optional<Outcome> outcome) {

    /** Checks for {@code null}. */
    public Stop {
      Objects.requireNonNull(commit, "commit");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(outcome, "outcome");
    }
  }
}
