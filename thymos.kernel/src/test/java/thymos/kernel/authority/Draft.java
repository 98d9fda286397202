package thymos.kernel.authority;

import java.util.List;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Nonce;
import thymos.api.crypto.PublicKey;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.DelegationLimits;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;
import thymos.api.spi.Entropy;
import thymos.api.spi.Signer;

/**
 * A mutable writ body for tests, so each test changes exactly the one field it is about. {@link
 * #childOf} copies the parent's grant, so an unchanged child is valid (equal everywhere except a
 * depth one lower).
 */
final class Draft {

  String issuer = "issuer";
  PublicKey issuerKey;
  String subject = "subject";
  PublicKey subjectKey;
  Optional<Hash32> parent = Optional.empty();
  String tenant = "system";
  List<String> scopes = List.of("*");
  Budget budget = new Budget(1000, 100, 60_000, 500_000);
  Ceiling ceiling = Ceiling.ALL;
  long notBeforeMs = 1_000;
  long expiresAtMs = 10_000;
  long maxDepth = 5;
  boolean maySubdivide = true;

  /** A root draft issued by {@code anchor} to {@code subject}. */
  static Draft root(Signer anchor, Signer subject) {
    Draft d = new Draft();
    d.issuerKey = anchor.publicKey();
    d.subjectKey = subject.publicKey();
    return d;
  }

  /** A child draft of {@code parent}, for {@code subject}, with the parent's grant, depth − 1. */
  static Draft childOf(Writ parent, Signer subject) {
    WritBody p = parent.body();
    Draft d = new Draft();
    d.issuer = p.subject();
    d.issuerKey = p.subjectKey();
    d.subject = "child";
    d.subjectKey = subject.publicKey();
    d.parent = Optional.of(parent.id());
    d.tenant = p.tenant();
    d.scopes = p.scopes();
    d.budget = p.budget();
    d.ceiling = p.effectCeiling();
    d.notBeforeMs = p.notBeforeMs();
    d.expiresAtMs = p.expiresAtMs();
    d.maxDepth = Math.max(0, p.delegation().maxDepth() - 1);
    d.maySubdivide = true;
    return d;
  }

  WritBody body(Entropy entropy) {
    return new WritBody(issuer, issuerKey, subject, subjectKey, parent, tenant, scopes, budget,
        ceiling, notBeforeMs, expiresAtMs, new DelegationLimits(maxDepth, maySubdivide),
        Nonce.of(entropy.bytes(Nonce.LENGTH)));
  }

  /** Signs with {@code signer}, whose key becomes the issuer key (so the signature verifies). */
  Writ signBy(Signer signer, Entropy entropy) {
    issuerKey = signer.publicKey();
    return Writ.sign(body(entropy), signer);
  }
}
