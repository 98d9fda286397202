package thymos.kernel.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import thymos.api.crypto.Hash32;
import thymos.api.model.CommitPayload;
import thymos.api.model.DelegationPayload;
import thymos.api.model.Entry;

/**
 * Which entries {@code compensate_to} still has to undo (X6.2, X6.3): the commits after the target,
 * newest first, that are not compensations and not already compensated, and the {@code delegation}
 * entries no {@code compensation} summary names yet.
 */
final class Compensations {

  private Compensations() {}

  /**
   * The open commits and delegations after seq {@code fromSeq}, newest first (X6.2, X6.3).
   *
   * @param entryAt reads the entry at a seq of the trajectory
   * @param state the run's folded state (which commits are compensated)
   * @param fromSeq the target's seq
   */
  static List<Hash32> open(LongFunction<Entry> entryAt, RunState state, long fromSeq) {
    List<Hash32> out = new ArrayList<>();
    for (long seq = state.nextSeq() - 1; seq > fromSeq; seq--) {
      Entry e = entryAt.apply(seq);
      boolean undoable = e.payload() instanceof CommitPayload c ? c.compensates().isEmpty()
          : e.payload() instanceof DelegationPayload;
      if (undoable && !state.compensated(e.id())) {
        out.add(e.id());
      }
    }
    return out;
  }
}
