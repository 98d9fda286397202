package thymos.ledger.spi;

import java.util.Optional;
import thymos.api.LedgerException;

/**
 * An append whose position no longer matches the trajectory head (L5.1, L5.2): the trajectory
 * already exists for a {@code seq = 0} append, or {@code seq}/{@code parent} do not follow the
 * head. Nothing was stored. Carries the actual head so the caller can reload.
 */
public final class AppendConflict extends LedgerException {

  private static final long serialVersionUID = 1L;

  private final String trajectoryId;
  private final long seq;
  private final Long headSeq;

  /**
   * @param trajectoryId hex id of the trajectory
   * @param seq the seq the caller tried to append
   * @param headSeq the actual head seq, or {@code null} when the trajectory does not exist
   */
  public AppendConflict(String trajectoryId, long seq, Long headSeq) {
    super("THY-L501", "L5.1", "append conflict on traj:" + trajectoryId + " seq " + seq + ": "
        + (headSeq == null ? "trajectory does not exist" : "head is seq " + headSeq), null);
    this.trajectoryId = trajectoryId;
    this.seq = seq;
    this.headSeq = headSeq;
  }

  /** The trajectory appended to (hex). */
  public String trajectoryId() {
    return trajectoryId;
  }

  /** The seq that was refused. */
  public long seq() {
    return seq;
  }

  /** The actual head seq; empty when the trajectory does not exist. */
  public Optional<Long> headSeq() {
    return Optional.ofNullable(headSeq);
  }
}
