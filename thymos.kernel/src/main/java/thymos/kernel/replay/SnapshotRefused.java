package thymos.kernel.replay;

import java.util.Objects;
import thymos.api.LedgerException;

/**
 * A snapshot that cannot be made (R6.1, {@code THY-R601}: the prefix does not verify, or the
 * trajectory is shorter than the seq asked for) or is refused for snapshot-assisted replay
 * (R6.2, {@code THY-R602}: another trajectory, a signer other than the pinned key, a signature
 * that does not verify, a world that does not hash to {@code world_hash}, a stored entry at
 * {@code seq} that is missing or has another id). {@link #check()} says which.
 *
 * <p>A {@link LedgerException}: a snapshot stands for stored ledger data, and {@code
 * ThymosException}'s sealed family is extended only there.
 */
public final class SnapshotRefused extends LedgerException {

  private static final long serialVersionUID = 1L;

  private final String check;

  /**
   * @param rule {@code R6.1} or {@code R6.2}
   * @param check what failed: {@code prefix}, {@code seq}, {@code trajectory}, {@code signer},
   *     {@code signature}, {@code world_hash}, {@code entry_id}
   * @param detail expected and actual
   */
  public SnapshotRefused(String rule, String check, String detail) {
    super(codeFor(rule), rule, "snapshot " + Objects.requireNonNull(check, "check") + ": "
        + detail, null);
    this.check = check;
  }

  /** What failed (stable, lower snake_case). */
  public String check() {
    return check;
  }
}
