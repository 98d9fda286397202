package thymos.kernel.authority;

import thymos.api.spi.SeededEntropy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import thymos.api.AuthorityException;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.DelegationLimits;
import thymos.api.model.Writ;
import thymos.api.spi.KeyStore;
import thymos.api.spi.Signer;

/** Issuing roots as an anchor and children as the parent's subject (W1, W3, W6). */
class WritIssuanceTest {

  private final SeededEntropy entropy = new SeededEntropy(41);
  private final Ed25519Signer anchor = Ed25519Signer.generate(entropy);
  private final Ed25519Signer alice = Ed25519Signer.generate(entropy);
  private final Ed25519Signer bob = Ed25519Signer.generate(entropy);
  private final AuthorityState state =
      new AuthorityState(TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey())));

  private WritTerms terms(Signer subject, long depth) {
    return new WritTerms("agent", subject.publicKey(), List.of("fs_*"),
        new Budget(100, 10, 1_000, 5_000), new Ceiling(true, true, false, false), 0, 9_000,
        new DelegationLimits(depth, true));
  }

  @Test
  void required_W3_issuedRootAndChildRegisterAndVerify() {
    Writ root = WritIssuance.issueRoot("ops", anchor, "acme", terms(alice, 2), entropy);
    Writ child = WritIssuance.issueChild(root, terms(bob, 1), TestKeyStore.holding(alice), entropy);
    state.register(root).writOrThrow();
    state.register(child).writOrThrow();
    assertEquals(List.of(root, child), state.verify(child.id(), 5).chainOrThrow());
    assertEquals("acme", child.body().tenant());
    assertEquals(Optional.of(root.id()), child.body().parent());
    assertEquals(alice.publicKey(), child.body().issuerKey());
  }

  @Test
  void required_M2_equalTermsGetDistinctIdsThroughTheNonce() {
    Writ one = WritIssuance.issueRoot("ops", anchor, "acme", terms(alice, 2), entropy);
    Writ two = WritIssuance.issueRoot("ops", anchor, "acme", terms(alice, 2), entropy);
    assertNotEquals(one.id(), two.id());
  }

  @Test
  void required_W6_subjectWithoutAvailableKeyCannotDelegate() {
    Writ root = WritIssuance.issueRoot("ops", anchor, "acme", terms(alice, 2), entropy);
    state.register(root).writOrThrow();
    // No key, only another key, and a store that answers with the wrong signer.
    for (KeyStore keys : List.of(TestKeyStore.holding(), TestKeyStore.holding(bob),
        new TestKeyStore(key -> Optional.<Signer>of(bob)))) {
      AuthorityException e = assertThrows(AuthorityException.class,
          () -> WritIssuance.issueChild(root, terms(bob, 1), keys, entropy));
      assertEquals("subject_key_unavailable", e.reason());
      assertEquals("W6", e.rule().orElseThrow());
      assertEquals(root.id().hex(), e.writId().orElseThrow());
    }
    assertEquals(List.of(root), state.writs());
    assertTrue(state.revocations().isEmpty());
  }
}
