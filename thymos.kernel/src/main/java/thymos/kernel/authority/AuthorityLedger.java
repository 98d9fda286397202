package thymos.kernel.authority;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.model.Entry;
import thymos.api.model.Payload;
import thymos.api.model.RevocationPayload;
import thymos.api.model.RootPayload;
import thymos.api.model.Writ;
import thymos.api.model.WritPayload;
import thymos.api.spi.Clock;
import thymos.api.spi.Signer;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.StoredEntry;

/**
 * The runtime's authority, kept in the ledger's authority trajectory (W2): every registration and
 * revocation is a {@code writ} or {@code revocation} entry, appended before the state changes
 * (I3), so a runtime opened later on the same ledger rebuilds the same writs and revocations
 * (W2.1, W5.3).
 *
 * <p>Several runtimes may share one ledger. {@link #register} and {@link #revoke} first load the
 * entries others appended, and when an append loses a race (L5.1, L5.2) they load again, check
 * again and retry, at most {@link #MAX_ATTEMPTS} times (X1.3). An append succeeds only at the
 * position right after the facts it was checked against, so every recorded fact was accepted by
 * exactly the state before it, every rebuild accepts it too, and all runtimes converge to the same
 * facts, each recorded once. The read methods answer from the facts loaded so far; call {@link
 * #refresh()} to see facts other runtimes appended since. If an append fails for another reason
 * (say its reply was lost), the state is left unchanged and the next call loads whatever was
 * stored. Thread-safe.
 */
public final class AuthorityLedger {

  /** The authority trajectory's id, {@code id("trajectory", {"authority": "v1"})} (W2.1). */
  public static final Hash32 TRAJECTORY_ID =
      Ids.id(DocType.TRAJECTORY, Json.object(Map.of("authority", Json.string("v1"))));

  /**
   * How many appends one call tries before giving up on a contended ledger. Each lost race means
   * another runtime made progress; a loser yields before retrying, and 32 attempts make starving
   * one runtime of two practically impossible (8 was seen to starve under a tight two-runtime
   * race).
   */
  public static final int MAX_ATTEMPTS = 32;

  private final LedgerBackend ledger;
  private final Clock clock;
  private final Optional<Signer> runtime;
  private final AuthorityFold fold;

  private AuthorityLedger(LedgerBackend ledger, TrustAnchors anchors, Clock clock,
      Optional<Signer> runtime) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.runtime = runtime;
    this.fold = new AuthorityFold(TRAJECTORY_ID, Objects.requireNonNull(anchors, "anchors"));
  }

  /** As {@link #open(LedgerBackend, TrustAnchors, Clock, Signer)} with unsigned entries. */
  public static AuthorityLedger open(LedgerBackend ledger, TrustAnchors anchors, Clock clock) {
    return open(ledger, anchors, clock, Optional.empty());
  }

  /**
   * Opens the authority of {@code ledger}: creates the authority trajectory with its {@code
   * authority} system root if it does not exist, then folds every entry of it (W2.1). Entries
   * appended from here on are signed by {@code runtime}.
   *
   * @throws AuthorityTrajectoryCorrupted naming the seq of the first entry that is not a valid
   *     recorded fact; nothing is appended then
   * @throws thymos.api.LedgerException for a backend failure
   */
  public static AuthorityLedger open(LedgerBackend ledger, TrustAnchors anchors, Clock clock,
      Signer runtime) {
    return open(ledger, anchors, clock, Optional.of(Objects.requireNonNull(runtime, "runtime")));
  }

  private static AuthorityLedger open(LedgerBackend ledger, TrustAnchors anchors, Clock clock,
      Optional<Signer> runtime) {
    AuthorityLedger opened = new AuthorityLedger(ledger, anchors, clock, runtime);
    if (ledger.head(TRAJECTORY_ID).isEmpty()) {
      try {
        ledger.append(StoredEntry.of(opened.entry(
            RootPayload.system("authority", "authority facts (W2.1)"))));
      } catch (AppendConflict createdByAnother) {
        // Another runtime created the trajectory first; its root is read below like any other.
      }
    }
    opened.refresh();
    return opened;
  }

  /**
   * Loads the entries other runtimes appended since the last load.
   *
   * @throws AuthorityTrajectoryCorrupted for an entry that is not a valid recorded fact
   */
  public synchronized void refresh() {
    try (Stream<StoredEntry> fresh = ledger.read(TRAJECTORY_ID, fold.nextSeq(), Long.MAX_VALUE)) {
      fresh.forEach(fold::apply);
    }
  }

  /**
   * Registers a writ (W2.2): if the authority state registers it, appends a {@code writ} entry
   * and then applies it; registering a known writ is a no-op returning the entry that recorded
   * it; a rejection appends nothing.
   *
   * @throws AppendConflict if the append lost {@link #MAX_ATTEMPTS} races in a row
   * @throws AuthorityTrajectoryCorrupted if entries loaded meanwhile are not valid facts
   */
  public synchronized Recorded<Registration> register(Writ writ) {
    Objects.requireNonNull(writ, "writ");
    for (int attempt = 1; ; attempt++) {
      refresh();
      Registration outcome = fold.state().checkRegister(writ);
      Optional<AuthorityEntry> entry = switch (outcome) {
        case Rejection r -> Optional.empty();
        case Registration.AlreadyRegistered a -> fold.writEntry(a.existing().id());
        case Registration.Registered r -> tryAppend(new WritPayload(writ), attempt);
      };
      if (entry.isPresent() || outcome instanceof Rejection) {
        return new Recorded<>(outcome, entry);
      }
    }
  }

  /**
   * Revokes a writ and so every descendant (W5): if the authority state accepts the revocation,
   * appends a {@code revocation} entry, whose {@code recorded_ms} is when it takes effect, and
   * then applies it; revoking a revoked writ is a no-op returning the entry that recorded the
   * first revocation; a rejection (W5.1, W5.4) appends nothing.
   *
   * @throws AppendConflict if the append lost {@link #MAX_ATTEMPTS} races in a row
   * @throws AuthorityTrajectoryCorrupted if entries loaded meanwhile are not valid facts
   */
  public synchronized Recorded<RevocationOutcome> revoke(RevocationPayload revocation) {
    Objects.requireNonNull(revocation, "revocation");
    for (int attempt = 1; ; attempt++) {
      refresh();
      RevocationOutcome outcome = fold.state().checkRevoke(revocation);
      Optional<AuthorityEntry> entry = switch (outcome) {
        case Rejection r -> Optional.empty();
        case RevocationOutcome.AlreadyRevoked a -> fold.revocationEntry(a.existing().writId());
        case RevocationOutcome.Revoked r -> tryAppend(revocation, attempt);
      };
      if (entry.isPresent() || outcome instanceof Rejection) {
        return new Recorded<>(outcome, entry);
      }
    }
  }

  /** Appends a fact at the loaded head and applies it; empty if another runtime appended first. */
  private Optional<AuthorityEntry> tryAppend(Payload fact, int attempt) {
    Entry entry = entry(fact);
    try {
      ledger.append(StoredEntry.of(entry));
    } catch (AppendConflict lost) {
      if (attempt >= MAX_ATTEMPTS) {
        throw lost;
      }
      Thread.yield(); // let the winner finish its append before we reload and re-check
      return Optional.empty();
    }
    return Optional.of(fold.apply(entry));
  }

  private Entry entry(Payload payload) {
    long ms = clock.read().timeMs();
    return runtime.isPresent()
        ? Entry.create(TRAJECTORY_ID, fold.nextSeq(), fold.headId(), ms, payload, runtime.get())
        : Entry.create(TRAJECTORY_ID, fold.nextSeq(), fold.headId(), ms, payload);
  }

  /** Verifies the chain of {@code writId} at {@code nowMs} (W4), as {@link AuthorityState#verify}. */
  public synchronized ChainVerification verify(Hash32 writId, long nowMs) {
    return fold.state().verify(writId, nowMs);
  }

  /** Whether the writ or an ancestor is revoked (W5.2); an unknown writ is not void. */
  public synchronized boolean isVoid(Hash32 writId) {
    return fold.state().isVoid(writId);
  }

  /** The registered writ with this id, if any. */
  public synchronized Optional<Writ> writ(Hash32 writId) {
    return fold.state().writ(writId);
  }

  /** Every registered writ, in the order of the authority trajectory. */
  public synchronized List<Writ> writs() {
    return fold.state().writs();
  }

  /** Every revocation, in the order of the authority trajectory. */
  public synchronized List<RevocationPayload> revocations() {
    return fold.state().revocations();
  }

  /** The entry that registered the writ, if it is registered. */
  public synchronized Optional<AuthorityEntry> writEntry(Hash32 writId) {
    return fold.writEntry(writId);
  }

  /**
   * When the writ itself (not an ancestor) was revoked: the {@code recorded_ms} of its {@code
   * revocation} entry (W5.3, R2.6).
   */
  public synchronized OptionalLong revokedAtMs(Hash32 writId) {
    return fold.revocationEntry(writId).map(e -> OptionalLong.of(e.recordedMs()))
        .orElse(OptionalLong.empty());
  }

  /**
   * The {@code recorded_ms} of every revocation, by revoked writ id: with {@link #snapshot()} the
   * input of replay's authority check, {@code AuthorityInput.of(snapshot(), revokedAtMs())}
   * (R2.6).
   */
  public synchronized Map<Hash32, Long> revokedAtMs() {
    return Map.copyOf(fold.revokedAtMs());
  }

  /**
   * A copy of the loaded authority state, for the compiler and replay; changing the copy changes
   * neither this ledger nor the authority trajectory.
   */
  public synchronized AuthorityState snapshot() {
    return fold.state().copy();
  }

  /** The trust anchors roots are verified against (W1). */
  public TrustAnchors anchors() {
    return fold.state().anchors();
  }
}
