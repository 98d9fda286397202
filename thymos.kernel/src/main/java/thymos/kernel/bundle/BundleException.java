package thymos.kernel.bundle;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import thymos.api.LedgerException;
import thymos.api.crypto.Hash32;

/**
 * A bundle that cannot be exported (L8.1, {@code THY-L801}) or imported (L8.2, {@code
 * THY-L802}). On import it is thrown by the verification pass, before anything is written, so
 * the target ledger is unchanged (I7). Names what was wrong and where: the {@link #check()}
 * that failed, the bundle {@link #line()} (1 is the header), the trajectory and seq.
 *
 * <p>A {@link LedgerException}: bundles are ledger data in transit, and {@code ThymosException}'s
 * sealed family is extended only there.
 */
public final class BundleException extends LedgerException {

  private static final long serialVersionUID = 1L;

  /** What was checked (stable, lower snake_case). */
  public enum Check {
    /** Text that is not a bundle: bad JSON, unknown format, missing or extra lines. */
    FORMAT,
    /** The header: duplicate trajectory, size and checkpoint disagree, bad header signature. */
    HEADER,
    /** An entry that does not read strictly or whose id does not match its content (L2.1). */
    ENTRY,
    /** Seq, parent, trajectory or root placement (L3.1). */
    CHAIN,
    /** An entry signature that does not verify, or a signer that is not pinned (R2.4, R3). */
    SIGNATURE,
    /** The checkpoint: root, head id, size or its signature (A4). */
    CHECKPOINT,
    /** The target holds a different history of the trajectory (L8.2). */
    DIVERGENCE,
    /** Export of a trajectory the ledger does not hold, or whose rows do not chain. */
    SOURCE;

    /** The wire form, e.g. {@code divergence}. */
    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Check check;
  private final long line;
  private final String trajectoryId;
  private final long seq;

  /**
   * @param rule {@code L8.1} (export) or {@code L8.2} (import)
   * @param check what failed
   * @param line the bundle line (1-based), or −1 when none applies
   * @param trajectoryId the trajectory concerned, if any
   * @param seq the seq concerned, or −1
   * @param detail what was expected and what was found
   */
  public BundleException(String rule, Check check, long line, Optional<Hash32> trajectoryId,
      long seq, String detail) {
    super(codeFor(rule), rule, Objects.requireNonNull(check, "check").wire()
        + (line > 0 ? " at line " + line : "")
        + trajectoryId.map(t -> " traj:" + t.hex()).orElse("")
        + (seq >= 0 ? " seq " + seq : "") + ": " + detail, null);
    this.check = check;
    this.line = line;
    this.trajectoryId = trajectoryId.map(Hash32::hex).orElse(null);
    this.seq = seq;
  }

  /** The check that failed. */
  public Check check() {
    return check;
  }

  /** The 1-based bundle line (1 is the header), when the error is about one. */
  public OptionalLong line() {
    return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
  }

  /** The trajectory concerned, if any. */
  public Optional<Hash32> trajectoryId() {
    return Optional.ofNullable(trajectoryId).map(Hash32::parse);
  }

  /** The seq concerned (for a divergence: the first differing seq), if any. */
  public OptionalLong seq() {
    return seq >= 0 ? OptionalLong.of(seq) : OptionalLong.empty();
  }
}
