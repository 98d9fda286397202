package thymos.kernel.replay;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.model.Entry;
import thymos.api.model.RevocationPayload;
import thymos.api.model.WritPayload;
import thymos.kernel.authority.AuthorityState;
import thymos.kernel.authority.ChainVerification;
import thymos.kernel.authority.RevocationOutcome;
import thymos.kernel.authority.TrustAnchors;

/**
 * The authority facts replay checks a trajectory against (R2.6): the registered writs, and when
 * each writ was revoked ({@code recorded_ms} of its {@code revocation} entry, W5).
 *
 * <p>Chains are verified over the writs alone (signatures, anchors, W3, windows) at the time the
 * trajectory was opened; revocations are compared by time, so a writ revoked <em>after</em> the
 * last commit does not fail an earlier, honest trajectory.
 */
public final class AuthorityInput {

  private final AuthorityState writs;
  private final Map<Hash32, Long> revokedAtMs;

  private AuthorityInput(AuthorityState writs, Map<Hash32, Long> revokedAtMs) {
    this.writs = writs;
    this.revokedAtMs = Map.copyOf(revokedAtMs);
  }

  /**
   * Folds the authority trajectory's stored entries (W2.1): {@code writ} entries are registered,
   * {@code revocation} entries that the authority state accepts are recorded with their time.
   * The entries are parsed strictly and their chain (seq, parent, trajectory) is checked; replay
   * the authority trajectory itself to get a full report of it.
   *
   * @throws ProtocolViolation if an entry does not parse, its id does not match (I4), or the
   *     chain is broken (L3.1)
   */
  public static AuthorityInput fromEntries(Iterator<byte[]> authorityEntries,
      TrustAnchors anchors) {
    AuthorityState full = new AuthorityState(anchors);
    AuthorityState writsOnly = new AuthorityState(anchors);
    Map<Hash32, Long> revoked = new HashMap<>();
    Entry previous = null;
    while (authorityEntries.hasNext()) {
      Entry e = Entry.parse(authorityEntries.next());
      long expectedSeq = previous == null ? 0 : previous.seq() + 1;
      boolean linked = previous == null
          || e.parent().equals(Optional.of(previous.id()))
              && e.trajectoryId().equals(previous.trajectoryId());
      if (e.seq() != expectedSeq || !linked) {
        throw new ProtocolViolation("L3.1", "", "authority entry at seq " + expectedSeq
            + " does not continue the chain (stored seq " + e.seq() + ")");
      }
      switch (e.payload()) {
        case WritPayload w -> {
          full.register(w.writ());
          writsOnly.register(w.writ());
        }
        case RevocationPayload r -> {
          if (full.revoke(r) instanceof RevocationOutcome.Revoked) {
            revoked.putIfAbsent(r.writId(), e.recordedMs());
          }
        }
        default -> { } // root and other facts carry no authority
      }
      previous = e;
    }
    return new AuthorityInput(writsOnly, revoked);
  }

  /**
   * An input from an authority state already rebuilt, with the time of each revocation. A
   * revocation of {@code state} without a time in {@code revokedAtMs} counts from time 0 (the
   * conservative reading: every commit under it is after it).
   */
  public static AuthorityInput of(AuthorityState state, Map<Hash32, Long> revokedAtMs) {
    Objects.requireNonNull(revokedAtMs, "revokedAtMs");
    AuthorityState writsOnly = new AuthorityState(state.anchors());
    state.writs().forEach(writsOnly::register);
    Map<Hash32, Long> revoked = new HashMap<>();
    for (RevocationPayload r : state.revocations()) {
      revoked.put(r.writId(), revokedAtMs.getOrDefault(r.writId(), 0L));
    }
    return new AuthorityInput(writsOnly, revoked);
  }

  /** The registered writ {@code writId}, if the authority trajectory holds it (W2.1). */
  public Optional<thymos.api.model.Writ> writ(Hash32 writId) {
    return writs.writ(writId);
  }

  /** The chain of {@code writId} verified at {@code ms}, revocations aside (W1, W3, W4). */
  ChainVerification verifyAt(Hash32 writId, long ms) {
    return writs.verify(writId, ms);
  }

  /** When {@code writId} itself was revoked, if it was. */
  OptionalLong revokedAt(Hash32 writId) {
    Long t = revokedAtMs.get(writId);
    return t == null ? OptionalLong.empty() : OptionalLong.of(t);
  }
}
