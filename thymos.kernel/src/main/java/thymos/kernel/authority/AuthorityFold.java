package thymos.kernel.authority;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.model.Entry;
import thymos.api.model.RevocationPayload;
import thymos.api.model.RootPayload;
import thymos.api.model.WritPayload;
import thymos.ledger.spi.StoredEntry;

/**
 * The authority trajectory folded into an {@link AuthorityState} (W2.1), with the entry recording
 * each fact. Every entry is checked as it is applied; anything that cannot be a recorded fact is
 * {@link AuthorityTrajectoryCorrupted} naming its seq. Not thread-safe: {@link AuthorityLedger}
 * guards it.
 */
final class AuthorityFold {

  private final Hash32 trajectoryId;
  private final AuthorityState state;
  private final Map<Hash32, AuthorityEntry> writEntries = new HashMap<>();
  private final Map<Hash32, AuthorityEntry> revocationEntries = new HashMap<>();
  private AuthorityEntry head;

  AuthorityFold(Hash32 trajectoryId, TrustAnchors anchors) {
    this.trajectoryId = Objects.requireNonNull(trajectoryId, "trajectoryId");
    this.state = new AuthorityState(anchors);
  }

  AuthorityState state() {
    return state;
  }

  /** The seq the next entry takes. */
  long nextSeq() {
    return head == null ? 0 : head.seq() + 1;
  }

  /** The id of the last applied entry, the next entry's parent. */
  Optional<Hash32> headId() {
    return head == null ? Optional.empty() : Optional.of(head.id());
  }

  Optional<AuthorityEntry> writEntry(Hash32 writId) {
    return Optional.ofNullable(writEntries.get(writId));
  }

  Optional<AuthorityEntry> revocationEntry(Hash32 writId) {
    return Optional.ofNullable(revocationEntries.get(writId));
  }

  /** The {@code recorded_ms} of every revocation, by revoked writ id. */
  Map<Hash32, Long> revokedAtMs() {
    Map<Hash32, Long> out = new HashMap<>();
    revocationEntries.forEach((id, e) -> out.put(id, e.recordedMs()));
    return out;
  }

  /** Applies a stored row read back from the ledger: its bytes must parse and match its columns. */
  AuthorityEntry apply(StoredEntry stored) {
    long seq = nextSeq();
    if (stored.seq() != seq) {
      throw corrupted(seq, "seq (L3.1)", Long.toString(seq), Long.toString(stored.seq()), null);
    }
    Entry entry;
    try {
      entry = Entry.parse(stored.canonicalBytes());
    } catch (ProtocolViolation broken) {
      throw corrupted(seq, "parse (E1, I4)", "a canonical entry with a matching id",
          broken.getMessage(), broken);
    }
    if (!entry.id().equals(stored.id())) {
      throw corrupted(seq, "id column (L2.2)", stored.id().hex(), entry.id().hex(), null);
    }
    return apply(entry);
  }

  /** Applies an entry: the next in the chain, a valid signature, a fact the state accepts. */
  AuthorityEntry apply(Entry entry) {
    long seq = nextSeq();
    if (entry.seq() != seq || !entry.trajectoryId().equals(trajectoryId)) {
      throw corrupted(seq, "position (L3.1)", "traj:" + trajectoryId.hex() + " seq " + seq,
          "traj:" + entry.trajectoryId().hex() + " seq " + entry.seq(), null);
    }
    if (!entry.parent().equals(headId())) {
      throw corrupted(seq, "parent (L3.1)", headId().map(Hash32::hex).orElse("none"),
          entry.parent().map(Hash32::hex).orElse("none"), null);
    }
    if (entry.isSigned() && !entry.signatureVerifies()) {
      throw corrupted(seq, "runtime signature", "a signature by " + entry.signer().orElseThrow(),
          "one that does not verify", null);
    }
    AuthorityEntry recorded = new AuthorityEntry(seq, entry.id(), entry.recordedMs());
    if (seq == 0) {
      boolean authorityRoot = entry.payload() instanceof RootPayload r
          && r.system().equals(Optional.of("authority"));
      if (!authorityRoot) {
        throw corrupted(seq, "kind (W2.1)", "root {system: authority}", describe(entry), null);
      }
    } else {
      applyFact(entry, recorded);
    }
    head = recorded;
    return recorded;
  }

  private void applyFact(Entry entry, AuthorityEntry recorded) {
    switch (entry.payload()) {
      case WritPayload w -> {
        Registration outcome = state.register(w.writ());
        if (!(outcome instanceof Registration.Registered)) {
          throw refused(recorded.seq(), "writ " + w.writ().id().hex(), outcome);
        }
        writEntries.put(w.writ().id(), recorded);
      }
      case RevocationPayload r -> {
        RevocationOutcome outcome = state.revoke(r);
        if (!(outcome instanceof RevocationOutcome.Revoked)) {
          throw refused(recorded.seq(), "revocation of " + r.writId().hex(), outcome);
        }
        revocationEntries.put(r.writId(), recorded);
      }
      default -> throw corrupted(recorded.seq(), "kind (W2.1)", "writ or revocation",
          describe(entry), null);
    }
  }

  private AuthorityTrajectoryCorrupted refused(long seq, String fact, Object outcome) {
    String actual = switch (outcome) {
      case Rejection r -> "rejected: " + r.reason().wire() + " (" + r.rule() + ") " + r.detail();
      case Registration.AlreadyRegistered a -> "already registered";
      case RevocationOutcome.AlreadyRevoked a -> "already revoked";
      default -> outcome.toString();
    };
    return corrupted(seq, "fact (W2.2, W5)", fact + " accepted as a new fact", actual, null);
  }

  private static String describe(Entry entry) {
    return entry.kind().wire() + (entry.payload() instanceof RootPayload r
        ? " " + r.system().map(s -> "{system: " + s + "}").orElse("bound to a writ") : "");
  }

  private AuthorityTrajectoryCorrupted corrupted(long seq, String check, String expected,
      String actual, Throwable cause) {
    return new AuthorityTrajectoryCorrupted(trajectoryId, seq, check, expected, actual, cause);
  }
}
