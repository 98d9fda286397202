package thymos.kernel.replay;

import java.util.Optional;
import java.util.OptionalLong;
import thymos.api.crypto.Hash32;
import thymos.api.model.BranchPayload;
import thymos.api.model.CommitPayload;
import thymos.api.model.Entry;
import thymos.api.model.RootPayload;
import thymos.api.model.Writ;
import thymos.kernel.authority.ChainVerification;
import thymos.kernel.authority.Rejection;
import thymos.kernel.authority.RejectionReason;

/**
 * The authority check of R2.6: at the first entry, the bound writ is registered and its chain is
 * valid and anchored at the time the trajectory was opened; at every commit, no writ of that
 * chain was revoked before the commit's {@code recorded_ms}. Keeps only the earliest revocation
 * of the chain.
 */
final class AuthorityChecks {

  private final AuthorityInput input;
  private final Findings findings;
  private Optional<Hash32> revokedWrit = Optional.empty();
  private long revokedAtMs;

  AuthorityChecks(AuthorityInput input, Findings findings) {
    this.input = input;
    this.findings = findings;
  }

  void check(long position, Entry entry) {
    switch (entry.payload()) {
      case RootPayload r when position == 0 && r.writId().isPresent() ->
          bind(r.writId().get(), entry.recordedMs());
      case BranchPayload b when position == 0 -> bind(b.writId(), entry.recordedMs());
      case CommitPayload c -> {
        // "After" is strict: a revocation and a commit in the same millisecond cannot be ordered
        // across trajectories, so the commit is given the benefit of the doubt.
        if (revokedWrit.isPresent() && entry.recordedMs() > revokedAtMs) {
          findings.add(Violation.Reason.COMMIT_AFTER_REVOCATION,
              "no commit after the revocation of " + revokedWrit.get().display("writ") + " at "
                  + revokedAtMs + " ms",
              "commit recorded at " + entry.recordedMs() + " ms");
        }
      }
      default -> { }
    }
  }

  /**
   * Whether a commit recorded at {@code commitMs} would break the revocation check: a writ of
   * the chain was revoked before it ({@code commitMs < 0}: no commit, never).
   */
  boolean revokedBefore(long commitMs) {
    return commitMs >= 0 && revokedWrit.isPresent() && commitMs > revokedAtMs;
  }

  private void bind(Hash32 writId, long openedAtMs) {
    switch (input.verifyAt(writId, openedAtMs)) {
      case ChainVerification.Valid v -> {
        for (Writ w : v.chain()) {
          OptionalLong t = input.revokedAt(w.id());
          if (t.isPresent() && (revokedWrit.isEmpty() || t.getAsLong() < revokedAtMs)) {
            revokedWrit = Optional.of(w.id());
            revokedAtMs = t.getAsLong();
          }
        }
      }
      case Rejection r -> findings.add(
          r.reason() == RejectionReason.UNKNOWN_WRIT
              ? Violation.Reason.UNKNOWN_WRIT : Violation.Reason.INVALID_CHAIN,
          "a registered writ chain valid and anchored at " + openedAtMs + " ms ("
              + r.rule() + ")",
          r.reason().wire() + " at " + r.writId().display("writ") + ": " + r.detail());
    }
  }
}
