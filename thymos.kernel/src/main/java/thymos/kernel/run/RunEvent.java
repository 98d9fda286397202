package thymos.kernel.run;

import java.util.Objects;
import thymos.api.crypto.Hash32;
import thymos.api.model.Entry;

/**
 * What a run publishes to its listeners (X11), for progress displays and metrics. Every event is
 * derived from a ledger fact (or, for {@link ExecutionStarted}, from the decision to invoke a tool)
 * and carries no authority: nothing a listener does changes an outcome.
 */
public sealed interface RunEvent {

  /** The trajectory the event belongs to. */
  Hash32 trajectoryId();

  /**
   * A run was opened ({@code root} appended, X1.1) or resumed (X1.2).
   *
   * @param trajectoryId the trajectory
   * @param writId the writ it is bound to
   * @param resumed whether it was resumed rather than opened
   */
  record RunOpened(Hash32 trajectoryId, Hash32 writId, boolean resumed) implements RunEvent {}

  /**
   * An entry was appended: a rejection, a pending approval, an approval vote, an execution
   * marker, a commit, a failure or a usage record. {@code kind} is the entry kind.
   *
   * @param trajectoryId the trajectory
   * @param entry the appended entry
   */
  record EntryAppended(Hash32 trajectoryId, Entry entry) implements RunEvent {
    /** Checks for {@code null}. */
    public EntryAppended {
      Objects.requireNonNull(entry, "entry");
    }
  }

  /**
   * A proposal was staged and is about to execute (X2 step 5).
   *
   * @param trajectoryId the trajectory
   * @param intentId the intent
   * @param proposalId the proposal
   * @param tool the tool it invokes
   */
  record ExecutionStarted(Hash32 trajectoryId, Hash32 intentId, Hash32 proposalId, String tool)
      implements RunEvent {}

  /**
   * The tool returned (or threw); the commit or failure follows as an {@link EntryAppended}.
   *
   * @param trajectoryId the trajectory
   * @param intentId the intent
   * @param tool the tool
   * @param latencyMs what the clock measured
   * @param succeeded whether the tool returned a result (not a failure or an exception)
   */
  record ExecutionFinished(Hash32 trajectoryId, Hash32 intentId, String tool, long latencyMs,
      boolean succeeded) implements RunEvent {}

  /**
   * An intent was found in doubt (X5.2): executed, neither committed nor failed, and its tool
   * could not tell whether the effect happened.
   *
   * @param trajectoryId the trajectory
   * @param outcome the intent, proposal and execution entry
   */
  record InDoubtFound(Hash32 trajectoryId, Outcome.InDoubt outcome) implements RunEvent {}
}
