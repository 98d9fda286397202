package thymos.kernel.authority;

import java.util.Optional;
import thymos.api.AuthorityException;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Nonce;
import thymos.api.crypto.PublicKey;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;
import thymos.api.spi.Entropy;
import thymos.api.spi.KeyStore;
import thymos.api.spi.Signer;

/**
 * Issues signed writs: roots as a trust anchor (W1), children as the parent's subject (W3, W6).
 * Signing goes through the {@link Signer} SPI (E3.4) and the nonce comes from {@link Entropy}
 * (E4.4). Issuance records nothing and does not check W3: the caller registers the writ with
 * {@link AuthorityState#register}, which verifies it fully.
 */
public final class WritIssuance {

  private WritIssuance() {}

  /**
   * A root writ signed by {@code anchor} for {@code tenant}; it confers authority only if {@code
   * anchor} is a trust anchor for the tenant (W1.2).
   *
   * @param issuer the issuer's name
   * @throws IllegalArgumentException if the terms break M2 (empty tenant or scopes, bad window)
   */
  public static Writ issueRoot(String issuer, Signer anchor, String tenant, WritTerms terms,
      Entropy entropy) {
    return Writ.sign(body(issuer, anchor.publicKey(), Optional.empty(), tenant, terms, entropy),
        anchor);
  }

  /**
   * A child of {@code parent}, issued by the parent's subject with the key {@code keys} holds for
   * the parent's {@code subject_key} (W3 rule 2, W6). Issuer, tenant and parent come from the
   * parent.
   *
   * @param keys the key SPI (E3.4)
   * @throws AuthorityException {@code subject_key_unavailable} (W6) if {@code keys} has no signer
   *     for the parent's subject key, or returns one for another key; nothing is signed
   * @throws IllegalArgumentException if the terms break M2
   */
  public static Writ issueChild(Writ parent, WritTerms terms,
      KeyStore keys, Entropy entropy) {
    PublicKey subjectKey = parent.body().subjectKey();
    Optional<Signer> signer = keys.find(subjectKey);
    if (signer.isEmpty() || !signer.get().publicKey().equals(subjectKey)) {
      throw new AuthorityException("W6", "subject_key_unavailable", parent.id().hex(),
          "no signing key for subject " + parent.body().subject() + " (" + subjectKey
              + "); a subject without an available key cannot delegate");
    }
    Optional<Hash32> parentId = Optional.of(parent.id());
    WritBody body = body(parent.body().subject(), subjectKey, parentId, parent.body().tenant(),
        terms, entropy);
    return Writ.sign(body, signer.get());
  }

  private static WritBody body(String issuer, PublicKey issuerKey, Optional<Hash32> parent,
      String tenant, WritTerms t, Entropy entropy) {
    return new WritBody(issuer, issuerKey, t.subject(), t.subjectKey(), parent, tenant,
        t.scopes(), t.budget(), t.effectCeiling(), t.notBeforeMs(), t.expiresAtMs(),
        t.delegation(), Nonce.of(entropy.bytes(Nonce.LENGTH)));
  }
}
