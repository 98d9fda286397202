package thymos.ledger.spi;

import java.util.Optional;
import thymos.api.LedgerException;
import thymos.api.crypto.Hash32;

/**
 * An append whose position does not follow the trajectory head (L5.1, L5.2): the trajectory
 * already exists for a {@code seq = 0} append, {@code seq}/{@code parent} do not follow the head,
 * or another entry is already stored at that position. Nothing was stored. Carries the actual head
 * so the caller can reload.
 */
public final class AppendConflict extends LedgerException {

  private static final long serialVersionUID = 1L;

  // Hex and boxed values rather than Hash32/Head, so the exception stays serializable.
  private final String trajectoryId;
  private final long seq;
  private final Long headSeq;
  private final String headId;

  /**
   * Builds the conflict for a refused append.
   *
   * @param trajectoryId the trajectory appended to
   * @param seq the seq the caller tried to append
   * @param actualHead the head at the time of the refusal; empty when the trajectory does not exist
   */
  public AppendConflict(Hash32 trajectoryId, long seq, Optional<Head> actualHead) {
    super("THY-L501", "L5.1", "append conflict on traj:" + trajectoryId.hex() + " seq " + seq
        + ": " + actualHead.map(h -> "head is seq " + h.seq() + " (" + h.id().shortDisplay("entry")
            + ")").orElse("trajectory does not exist"), null);
    this.trajectoryId = trajectoryId.hex();
    this.seq = seq;
    this.headSeq = actualHead.map(Head::seq).orElse(null);
    this.headId = actualHead.map(h -> h.id().hex()).orElse(null);
  }

  /** The trajectory appended to. */
  public Hash32 trajectoryId() {
    return Hash32.parse(trajectoryId);
  }

  /** The seq that was refused. */
  public long seq() {
    return seq;
  }

  /** The actual head when the append was refused; empty when the trajectory does not exist. */
  public Optional<Head> actualHead() {
    return headSeq == null ? Optional.empty()
        : Optional.of(new Head(headSeq, Hash32.parse(headId)));
  }
}
