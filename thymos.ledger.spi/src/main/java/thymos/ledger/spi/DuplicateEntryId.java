package thymos.ledger.spi;

import thymos.api.LedgerException;
import thymos.api.crypto.Hash32;

/**
 * An append whose entry id is already stored at another position (L2.1: ids never repeat, so
 * {@link LedgerBackend#locate} has one answer). Honest kernels cannot cause it — the id covers
 * trajectory and seq — so it signals a forged or corrupted id. Nothing was stored.
 */
public final class DuplicateEntryId extends LedgerException {

  private static final long serialVersionUID = 1L;

  // Hex rather than Hash32/Position, so the exception stays serializable.
  private final String entryId;
  private final String existingTrajectoryId;
  private final long existingSeq;

  /**
   * Builds the refusal.
   *
   * @param entryId the repeated id
   * @param existing where the id is already stored
   * @param refused where the caller tried to store it again
   */
  public DuplicateEntryId(Hash32 entryId, Position existing, Position refused) {
    super("THY-L201", "L2.1", "entry id " + entryId.hex() + " is already stored at traj:"
        + existing.trajectoryId().hex() + " seq " + existing.seq() + "; refused at traj:"
        + refused.trajectoryId().hex() + " seq " + refused.seq(), null);
    this.entryId = entryId.hex();
    this.existingTrajectoryId = existing.trajectoryId().hex();
    this.existingSeq = existing.seq();
  }

  /** The repeated id. */
  public Hash32 entryId() {
    return Hash32.parse(entryId);
  }

  /** Where the id is already stored. */
  public Position existing() {
    return new Position(Hash32.parse(existingTrajectoryId), existingSeq);
  }
}
