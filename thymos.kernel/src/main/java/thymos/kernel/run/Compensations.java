package thymos.kernel.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import thymos.api.crypto.Hash32;
import thymos.api.model.CommitPayload;
import thymos.api.model.Entry;

/**
 * Which commits {@code compensate_to} still has to undo (X6.2): the commits after the target, newest
 * first, that are not compensations and not already compensated.
 */
final class Compensations {

  private Compensations() {}

  /**
   * The open commits after seq {@code fromSeq}, newest first (X6.2).
   *
   * @param entryAt reads the entry at a seq of the trajectory
   * @param state the run's folded state (which commits are compensated)
   * @param fromSeq the target's seq
   */
  static List<Hash32> open(LongFunction<Entry> entryAt, RunState state, long fromSeq) {
    List<Hash32> out = new ArrayList<>();
    for (long seq = state.nextSeq() - 1; seq > fromSeq; seq--) {
      Entry e = entryAt.apply(seq);
      if (e.payload() instanceof CommitPayload c && c.compensates().isEmpty()
          && !state.compensated(e.id())) {
        out.add(e.id());
      }
    }
    return out;
  }
}
