package thymos.kernel.authority;

import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import thymos.api.ConfigurationException;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.PublicKey;
import thymos.api.spi.Entropy;
import thymos.api.spi.Signer;

/**
 * The configured trust anchors of a runtime (W1): the only keys whose root writs confer
 * authority. Never empty — a runtime without anchors refuses to start (W1.2), except in the
 * explicit {@linkplain #development(Entropy) development mode}.
 */
public final class TrustAnchors {

  private static final System.Logger LOG = System.getLogger(TrustAnchors.class.getName());

  private final Map<PublicKey, TrustAnchor> byKey;

  private TrustAnchors(Map<PublicKey, TrustAnchor> byKey) {
    this.byKey = byKey;
  }

  /**
   * The anchors of a runtime configuration (W1.1).
   *
   * @throws ConfigurationException {@code THY-W102} if there is none (W1.2), {@code THY-W101} if
   *     a key is listed twice (its tenant limits would be ambiguous)
   */
  public static TrustAnchors of(Collection<TrustAnchor> anchors) {
    if (anchors.isEmpty()) {
      throw new ConfigurationException("THY-W102", "W1.2", "no trust anchor is configured; a "
          + "runtime needs at least one (or the explicit development mode)", List.of(), null);
    }
    Map<PublicKey, TrustAnchor> byKey = new LinkedHashMap<>();
    for (TrustAnchor a : anchors) {
      if (byKey.putIfAbsent(Objects.requireNonNull(a, "anchor").key(), a) != null) {
        throw new ConfigurationException("THY-W101", "W1.1",
            "trust anchor " + a.key() + " is listed twice", List.of(), null);
      }
    }
    return new TrustAnchors(byKey);
  }

  /** As {@link #of(Collection)}. */
  public static TrustAnchors of(TrustAnchor... anchors) {
    return of(List.of(anchors));
  }

  /**
   * Development mode (W1.2): generates a throw-away anchor for every tenant from {@code
   * entropy}, logs a WARNING, and returns it with its signer. Authority issued under it is
   * worthless outside this process. Never use it in production.
   */
  public static Development development(Entropy entropy) {
    Ed25519Signer signer = Ed25519Signer.generate(entropy);
    LOG.log(Level.WARNING, "[THY-W102] DEVELOPMENT MODE: no trust anchor configured; generated "
        + "a throw-away anchor " + signer.publicKey() + " for every tenant. Writs issued under "
        + "it carry no real authority. NEVER USE THIS IN PRODUCTION.");
    return new Development(of(TrustAnchor.anyTenant(signer.publicKey())), signer);
  }

  /**
   * The result of {@link #development(Entropy)}.
   *
   * @param anchors the one throw-away anchor
   * @param anchorSigner its signing key, for issuing root writs
   */
  public record Development(TrustAnchors anchors, Signer anchorSigner) {
    /** Checks for {@code null}. */
    public Development {
      Objects.requireNonNull(anchors, "anchors");
      Objects.requireNonNull(anchorSigner, "anchorSigner");
    }
  }

  /** Whether {@code key} is an anchor allowed to issue root writs for {@code tenant} (W1.2). */
  public boolean isAnchorFor(PublicKey key, String tenant) {
    TrustAnchor a = byKey.get(key);
    return a != null && a.allows(tenant);
  }

  /** Whether {@code key} is an anchor for some tenant. */
  public boolean isAnchor(PublicKey key) {
    return byKey.containsKey(key);
  }

  /** The anchors in configuration order. */
  public List<TrustAnchor> anchors() {
    return List.copyOf(byKey.values());
  }

  @Override
  public String toString() {
    return "TrustAnchors" + byKey.values();
  }
}
