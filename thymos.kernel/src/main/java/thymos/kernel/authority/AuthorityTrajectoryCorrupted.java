package thymos.kernel.authority;

import java.util.Objects;
import thymos.api.LedgerException;
import thymos.api.crypto.Hash32;

/**
 * The authority trajectory holds an entry that cannot be a recorded fact (W2.1): it does not parse
 * or its id does not match (I4), it breaks the chain (L3.1), its runtime signature does not
 * verify, it is not the {@code authority} system root at seq 0 or a {@code writ}/{@code
 * revocation} entry after it, or the authority state refuses the fact it records (a fact is only
 * ever appended after the state accepted it, W2.2, W5). Code {@code THY-W201}.
 */
public final class AuthorityTrajectoryCorrupted extends LedgerException {

  private static final long serialVersionUID = 1L;

  private final String trajectoryId;
  private final long seq;
  private final String check;
  private final String expected;
  private final String actual;

  AuthorityTrajectoryCorrupted(Hash32 trajectoryId, long seq, String check, String expected,
      String actual, Throwable cause) {
    super(codeFor("W2.1"), "W2.1", "authority trajectory traj:" + trajectoryId.hex() + " seq "
        + seq + ": " + check + ": expected " + expected + ", actual " + actual, cause);
    this.trajectoryId = trajectoryId.hex();
    this.seq = seq;
    this.check = Objects.requireNonNull(check, "check");
    this.expected = Objects.requireNonNull(expected, "expected");
    this.actual = Objects.requireNonNull(actual, "actual");
  }

  /** The authority trajectory. */
  public Hash32 trajectoryId() {
    return Hash32.parse(trajectoryId);
  }

  /** The position of the offending entry. */
  public long seq() {
    return seq;
  }

  /** The check that failed, e.g. {@code parse}, {@code parent}, {@code fact}. */
  public String check() {
    return check;
  }

  /** What the check required. */
  public String expected() {
    return expected;
  }

  /** What was found. */
  public String actual() {
    return actual;
  }
}
