package thymos.kernel.authority;

import thymos.api.spi.SeededEntropy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import thymos.api.ConfigurationException;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.PublicKey;

/** Trust anchors (W1). */
class TrustAnchorsTest {

  private final SeededEntropy entropy = new SeededEntropy(3);
  private final PublicKey a = Ed25519Signer.generate(entropy).publicKey();
  private final PublicKey b = Ed25519Signer.generate(entropy).publicKey();

  @Test
  void required_W1_2_noAnchorIsAConfigurationError() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> TrustAnchors.of(List.of()));
    assertEquals("THY-W102", e.code());
    assertEquals("W1.2", e.rule().orElseThrow());
  }

  @Test
  void required_W1_1_aKeyListedTwiceIsAConfigurationError() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> TrustAnchors.of(TrustAnchor.anyTenant(a), TrustAnchor.forTenants(a, "acme")));
    assertEquals("THY-W101", e.code());
  }

  @Test
  void required_W1_1_anchorsMayBeLimitedToTenants() {
    TrustAnchors anchors = TrustAnchors.of(TrustAnchor.anyTenant(a),
        TrustAnchor.forTenants(b, "acme", "globex"));
    assertTrue(anchors.isAnchorFor(a, "anything"));
    assertTrue(anchors.isAnchorFor(b, "acme"));
    assertTrue(anchors.isAnchorFor(b, "globex"));
    assertFalse(anchors.isAnchorFor(b, "system"));
    assertFalse(anchors.isAnchorFor(Ed25519Signer.generate(entropy).publicKey(), "acme"));
    assertThrows(IllegalArgumentException.class, () -> TrustAnchor.forTenants(b));
  }

  @Test
  void required_W1_2_developmentModeGeneratesAUsableThrowAwayAnchor() {
    TrustAnchors.Development dev = TrustAnchors.development(new SeededEntropy(99));
    assertEquals(1, dev.anchors().anchors().size());
    assertTrue(dev.anchors().isAnchorFor(dev.anchorSigner().publicKey(), "any-tenant"));
    // Deterministic from the entropy (I6), and a root it issues registers.
    assertEquals(dev.anchorSigner().publicKey(),
        TrustAnchors.development(new SeededEntropy(99)).anchorSigner().publicKey());
    Ed25519Signer alice = Ed25519Signer.generate(entropy);
    AuthorityState state = new AuthorityState(dev.anchors());
    assertInstanceOf(Registration.Registered.class,
        state.register(Draft.root(dev.anchorSigner(), alice).signBy(dev.anchorSigner(), entropy)));
    assertFalse(dev.anchorSigner().toString().contains("seed"));
  }
}
