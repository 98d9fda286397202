package thymos.api.model;

import java.util.Objects;
import java.util.Optional;
import thymos.api.ProtocolViolation;

/**
 * Why a delta does not apply (M5.1): the first op whose precondition fails, its key, the version it
 * expected and the version found. A conflict is an expected outcome, so it is a value; {@link
 * #toException()} turns it into an error where one is wanted.
 *
 * @param opIndex the index of the failing op in the delta
 * @param key the op's key
 * @param op the op's name ({@code create}, {@code replace}, {@code retract})
 * @param problem which precondition failed
 * @param expectedVersion the op's {@code expected_version}; empty for {@code create}, which expects
 *     the key absent or retracted
 * @param actualVersion the version found when the op was checked (earlier ops of the same delta
 *     included); 0 when the key is absent
 */
public record DeltaConflict(int opIndex, ResourceKey key, String op, Problem problem,
    Optional<Long> expectedVersion, long actualVersion) implements DeltaResult {

  /** Which precondition of M5 failed. */
  public enum Problem {
    /** {@code create} of a key that is present and not retracted. */
    ALREADY_EXISTS,
    /** {@code replace} or {@code retract} of an absent key. */
    ABSENT,
    /** {@code replace} or {@code retract} of a retracted key. */
    RETRACTED,
    /** {@code replace} or {@code retract} whose expected version is not the current one. */
    VERSION_MISMATCH
  }

  /** Checks for {@code null}. */
  public DeltaConflict {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(expectedVersion, "expected_version");
  }

  /** A human message naming op index, key, expected and actual version. */
  public String message() {
    String expected = expectedVersion.map(v -> "version " + v).orElse("absent or retracted");
    String actual = switch (problem) {
      case ABSENT -> "absent";
      case RETRACTED -> "retracted at version " + actualVersion;
      case ALREADY_EXISTS, VERSION_MISMATCH -> "version " + actualVersion;
    };
    return "delta op " + opIndex + " (" + op + ") on " + key + ": expected " + expected
        + ", actual " + actual;
  }

  /** The conflict as a {@link ProtocolViolation} (M5.1) whose pointer is the op's index. */
  public ProtocolViolation toException() {
    return new ProtocolViolation("M5.1", "/" + opIndex, message());
  }

  @Override
  public World worldOrThrow() {
    throw toException();
  }
}
