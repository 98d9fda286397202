package thymos.kernel.authority;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import thymos.api.crypto.Hash32;
import thymos.api.model.RevocationPayload;
import thymos.api.model.Writ;

/**
 * The registered writs and revocations of a runtime (W2, W5), and chain verification over them
 * (W4).
 *
 * <p>State changes only through {@link #register} and {@link #revoke}, each a pure function of
 * the current state, the trust anchors and its argument: replaying the same facts in the same
 * order (the authority trajectory, W2.1) always rebuilds the same state. Each returns a value
 * saying whether a fact was added ({@code changed()}), so the caller records exactly those.
 * Methods are synchronized; the state never reads a clock ({@code now} is a parameter, I6).
 */
public final class AuthorityState {

  private final TrustAnchors anchors;
  private final Map<Hash32, Writ> writs = new LinkedHashMap<>();
  private final Map<Hash32, RevocationPayload> revocations = new LinkedHashMap<>();

  /** An empty state verifying roots against {@code anchors} (W1). */
  public AuthorityState(TrustAnchors anchors) {
    this.anchors = Objects.requireNonNull(anchors, "anchors");
  }

  /**
   * An independent copy of this state: changing the copy never changes this one. Copies the facts
   * without verifying them again, since this state accepted each.
   */
  public synchronized AuthorityState copy() {
    AuthorityState copy = new AuthorityState(anchors);
    copy.writs.putAll(writs);
    copy.revocations.putAll(revocations);
    return copy;
  }

  /** The trust anchors roots are verified against. */
  public TrustAnchors anchors() {
    return anchors;
  }

  /**
   * Registers a writ (W2.2). In order: the writ's own id and signature must verify ({@code
   * bad_signature}); an id already registered is a no-op returning the existing writ; an unknown
   * parent is {@code unknown_parent}; then the chain ending in the writ is verified as at compile
   * time (C2 stages 4–7: W1.2, W3, W5) but without the time check.
   *
   * @return {@link Registration.Registered}, {@link Registration.AlreadyRegistered} or the
   *     {@link Rejection} of the first failed check; only {@code Registered} changes the state
   */
  public synchronized Registration register(Writ writ) {
    Registration outcome = checkRegister(writ);
    if (outcome instanceof Registration.Registered r) {
      writs.put(r.writ().id(), r.writ());
    }
    return outcome;
  }

  /**
   * What {@link #register} would answer now, without changing the state: lets the caller append
   * the {@code writ} entry first and apply it after (ledger first, I3).
   */
  public synchronized Registration checkRegister(Writ writ) {
    Objects.requireNonNull(writ, "writ");
    Optional<Rejection> unsigned = ChainVerifier.badSignature(List.of(writ));
    if (unsigned.isPresent()) {
      return unsigned.get();
    }
    Writ existing = writs.get(writ.id());
    if (existing != null) {
      return new Registration.AlreadyRegistered(existing);
    }
    List<Writ> chain = new ArrayList<>();
    if (writ.body().parent().isPresent()) {
      Hash32 parentId = writ.body().parent().get();
      if (!writs.containsKey(parentId)) {
        return Rejection.of(RejectionReason.UNKNOWN_PARENT, writ.id(), "W2.2", "/parent",
            "a registered writ", parentId.hex(), "parent writ is not registered");
      }
      chain.addAll(chainOf(parentId));
    }
    chain.add(writ);
    // The writ's signature was checked above and every registered ancestor's when it registered.
    return switch (ChainVerifier.verifySigned(chain, anchors, revocations,
        OptionalLong.empty())) {
      case Rejection r -> r;
      case ChainVerification.Valid v -> new Registration.Registered(writ);
    };
  }

  /**
   * Revokes a writ (W5). In order: an unknown writ is {@code unknown_writ} (W5.4); a signature
   * that does not verify is {@code bad_signature}; a signer that is neither the writ's issuer,
   * nor the issuer of an ancestor, nor a trust anchor of the writ's tenant is {@code
   * revoker_not_allowed} (W5.1); a writ already revoked is a no-op (W5.4). Authorisation is
   * checked before the no-op, so a refused signer is refused whatever the state.
   *
   * @return {@link RevocationOutcome.Revoked}, {@link RevocationOutcome.AlreadyRevoked} or the
   *     {@link Rejection}; only {@code Revoked} changes the state, voiding the writ and every
   *     descendant (W5.2)
   */
  public synchronized RevocationOutcome revoke(RevocationPayload revocation) {
    RevocationOutcome outcome = checkRevoke(revocation);
    if (outcome instanceof RevocationOutcome.Revoked r) {
      revocations.put(r.revocation().writId(), r.revocation());
    }
    return outcome;
  }

  /**
   * What {@link #revoke} would answer now, without changing the state: lets the caller append the
   * {@code revocation} entry first and apply it after (ledger first, I3).
   */
  public synchronized RevocationOutcome checkRevoke(RevocationPayload revocation) {
    Objects.requireNonNull(revocation, "revocation");
    Hash32 id = revocation.writId();
    Writ target = writs.get(id);
    if (target == null) {
      return Rejection.of(RejectionReason.UNKNOWN_WRIT, id, "W5.4", "/writ_id",
          "a registered writ", id.hex(), "cannot revoke an unknown writ");
    }
    if (!revocation.signatureVerifies()) {
      return Rejection.of(RejectionReason.BAD_SIGNATURE, id, "W5.1", "/revoker_signature",
          "a signature by " + revocation.revokerKey(), revocation.revokerSignature().hex(),
          "revocation signature does not verify");
    }
    boolean allowed = anchors.isAnchorFor(revocation.revokerKey(), target.body().tenant())
        || chainOf(id).stream().anyMatch(w -> w.body().issuerKey().equals(revocation.revokerKey()));
    if (!allowed) {
      return Rejection.of(RejectionReason.REVOKER_NOT_ALLOWED, id, "W5.1", "/revoker_key",
          "the issuer of the writ or of an ancestor, or an anchor of tenant "
              + target.body().tenant(), revocation.revokerKey().hex(),
          "this key may not revoke the writ");
    }
    RevocationPayload existing = revocations.get(id);
    if (existing != null) {
      return new RevocationOutcome.AlreadyRevoked(existing);
    }
    return new RevocationOutcome.Revoked(revocation);
  }

  /**
   * Verifies the chain of {@code writId} at {@code nowMs} (W4): C2 stages 4–8 in order, the first
   * failure decides. An unregistered id is {@code unknown_writ}. Stages 4–6 (ids, signatures,
   * anchoring, delegation) held when each writ of the chain was registered and cannot change, so
   * only revocation (7) and the window (8) are evaluated here.
   */
  public synchronized ChainVerification verify(Hash32 writId, long nowMs) {
    if (!writs.containsKey(writId)) {
      return Rejection.of(RejectionReason.UNKNOWN_WRIT, writId, "W4", "", "a registered writ",
          writId.hex(), "writ is not registered");
    }
    return ChainVerifier.revocationAndWindow(chainOf(writId), revocations, OptionalLong.of(nowMs));
  }

  /** The registered writ with this id, if any. */
  public synchronized Optional<Writ> writ(Hash32 writId) {
    return Optional.ofNullable(writs.get(writId));
  }

  /** The revocation of this writ itself (not of an ancestor), if any. */
  public synchronized Optional<RevocationPayload> revocation(Hash32 writId) {
    return Optional.ofNullable(revocations.get(writId));
  }

  /**
   * Whether the writ is void because it or any ancestor is revoked (W5.2). An unknown writ is
   * not void: it is unknown.
   */
  public synchronized boolean isVoid(Hash32 writId) {
    return writs.containsKey(writId)
        && chainOf(writId).stream().anyMatch(w -> revocations.containsKey(w.id()));
  }

  /** Every registered writ, in registration order. */
  public synchronized List<Writ> writs() {
    return List.copyOf(writs.values());
  }

  /** Every accepted revocation, in the order accepted. */
  public synchronized List<RevocationPayload> revocations() {
    return List.copyOf(revocations.values());
  }

  /** The chain of a registered writ, root first; every parent is registered (W2.2). */
  private List<Writ> chainOf(Hash32 writId) {
    List<Writ> chain = new ArrayList<>();
    Optional<Hash32> next = Optional.of(writId);
    // Ids are content hashes over the parent id, so the walk ends; the bound guards a bug anyway.
    while (next.isPresent() && chain.size() <= writs.size()) {
      Writ w = writs.get(next.get());
      chain.add(w);
      next = w.body().parent();
    }
    Collections.reverse(chain);
    return chain;
  }
}
