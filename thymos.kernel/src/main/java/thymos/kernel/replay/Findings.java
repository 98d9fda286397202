package thymos.kernel.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.model.EntryKind;

/**
 * The violations of one replay, and the entry being checked so checks need not repeat it. In
 * fail-fast mode only the first violation is kept and {@link #halted()} turns true.
 */
final class Findings {

  private final Hash32 trajectoryId;
  private final boolean failFast;
  private final List<Violation> violations = new ArrayList<>();
  private long seq;
  private Optional<Hash32> entryId = Optional.empty();
  private Optional<EntryKind> kind = Optional.empty();

  Findings(Hash32 trajectoryId, boolean failFast) {
    this.trajectoryId = trajectoryId;
    this.failFast = failFast;
  }

  /** Sets the entry later violations are about. */
  void at(long position, Optional<Hash32> storedId, Optional<EntryKind> entryKind) {
    this.seq = position;
    this.entryId = storedId;
    this.kind = entryKind;
  }

  void add(Violation.Reason reason, String expected, String actual) {
    if (!halted()) {
      violations.add(new Violation(trajectoryId, seq, entryId, kind, reason, expected, actual));
    }
  }

  /** Whether a fail-fast replay must stop. */
  boolean halted() {
    return failFast && !violations.isEmpty();
  }

  boolean any() {
    return !violations.isEmpty();
  }

  List<Violation> all() {
    return violations;
  }
}
