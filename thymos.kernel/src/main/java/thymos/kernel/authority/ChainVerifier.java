package thymos.kernel.authority;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import thymos.api.crypto.Hash32;
import thymos.api.model.RevocationPayload;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;

/**
 * Verifies a writ chain, root first, in the order of C2 stages 4–8 and reports the first failure
 * (W4). Stages run over the whole chain one after the other, so a bad signature anywhere is
 * reported before an untrusted root, which is reported before any delegation fault, and so on.
 */
final class ChainVerifier {

  private ChainVerifier() {}

  /**
   * @param chain the writs from the root to the leaf, linked by {@code parent}
   * @param revocations revocations in force, by writ id
   * @param nowMs the clock reading for stage 8; empty skips the time check (registration, W2.2)
   */
  static ChainVerification verify(List<Writ> chain, TrustAnchors anchors,
      Map<Hash32, RevocationPayload> revocations, OptionalLong nowMs) {
    Optional<Rejection> unsigned = badSignature(chain); // stage 4
    if (unsigned.isPresent()) {
      return unsigned.get();
    }
    return verifySigned(chain, anchors, revocations, nowMs);
  }

  /**
   * As {@link #verify} for a chain whose ids and signatures the caller has already checked (a
   * registered chain plus a writ whose signature was just verified): stages 5 onwards only.
   */
  static ChainVerification verifySigned(List<Writ> chain, TrustAnchors anchors,
      Map<Hash32, RevocationPayload> revocations, OptionalLong nowMs) {
    Writ root = chain.get(0);
    WritBody rb = root.body();
    if (!rb.isRoot() || !anchors.isAnchorFor(rb.issuerKey(), rb.tenant())) { // stage 5
      return Rejection.of(RejectionReason.UNTRUSTED_ROOT, root.id(), "W1.2", "/issuer_key",
          "a trust anchor for tenant " + rb.tenant(), rb.issuerKey().hex(),
          anchors.isAnchor(rb.issuerKey()) ? "root issuer is an anchor, but not for this tenant"
              : "root issuer is not a trust anchor");
    }
    for (int i = 1; i < chain.size(); i++) { // stage 6
      Optional<Rejection> broken = DelegationRules.check(chain.get(i - 1), chain.get(i));
      if (broken.isPresent()) {
        return broken.get();
      }
    }
    return revocationAndWindow(chain, revocations, nowMs);
  }

  /**
   * Stages 7 and 8 only, for a chain of writs that a {@link AuthorityState} registered: their
   * ids, signatures, anchoring and delegation (stages 4–6) were verified at registration against
   * the same anchors and cannot change (writs are immutable), so a compile does not pay for
   * hashing and Ed25519 verification of every ancestor again.
   */
  static ChainVerification revocationAndWindow(List<Writ> chain,
      Map<Hash32, RevocationPayload> revocations, OptionalLong nowMs) {
    Writ leaf = chain.get(chain.size() - 1);
    for (Writ w : chain) { // stage 7: a revoked ancestor voids every descendant (W5.2)
      RevocationPayload r = revocations.get(w.id());
      if (r != null) {
        return Rejection.of(RejectionReason.REVOKED, w.id(), "W5.2", "", "", "",
            (w == leaf ? "writ is revoked" : "ancestor of " + leaf.id() + " is revoked")
                + ": " + r.reason());
      }
    }
    if (nowMs.isPresent()) { // stage 8
      long now = nowMs.getAsLong();
      for (Writ w : chain) {
        if (now < w.body().notBeforeMs()) {
          return Rejection.of(RejectionReason.OUTSIDE_WINDOW, w.id(), "W4", "/not_before_ms",
              ">= " + w.body().notBeforeMs(), Long.toString(now), "writ is not valid yet");
        }
        if (now > w.body().expiresAtMs()) {
          return Rejection.of(RejectionReason.OUTSIDE_WINDOW, w.id(), "W4", "/expires_at_ms",
              "<= " + w.body().expiresAtMs(), Long.toString(now), "writ has expired");
        }
      }
    }
    return new ChainVerification.Valid(chain);
  }

  /**
   * Stage 4 (E2.2, E3.3): the first writ whose id does not match its body or whose signature does
   * not verify under its own {@code issuer_key}.
   */
  static Optional<Rejection> badSignature(List<Writ> chain) {
    for (Writ w : chain) {
      if (!w.idMatchesBody()) {
        return Optional.of(Rejection.of(RejectionReason.BAD_SIGNATURE, w.id(), "E2.2", "/id",
            "id(\"writ\", body)", w.id().hex(), "writ id does not match its body"));
      }
      if (!w.signatureVerifies()) {
        return Optional.of(Rejection.of(RejectionReason.BAD_SIGNATURE, w.id(), "E3.3",
            "/signature", "a signature by " + w.body().issuerKey(), w.signature().hex(),
            "writ signature does not verify under its issuer_key"));
      }
    }
    return Optional.empty();
  }
}
