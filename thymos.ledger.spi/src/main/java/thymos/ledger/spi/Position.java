package thymos.ledger.spi;

import java.util.Objects;
import thymos.api.crypto.Hash32;

/**
 * Where an entry is stored: its trajectory and seq, the answer of {@link LedgerBackend#locate}
 * (L5.4).
 *
 * @param trajectoryId the trajectory
 * @param seq the position in it
 */
public record Position(Hash32 trajectoryId, long seq) {

  /** @throws IllegalArgumentException for a negative seq */
  public Position {
    Objects.requireNonNull(trajectoryId, "trajectory_id");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be >= 0, got " + seq);
    }
  }
}
