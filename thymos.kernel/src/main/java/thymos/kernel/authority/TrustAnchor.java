package thymos.kernel.authority;

import java.util.Objects;
import java.util.Set;
import thymos.api.crypto.PublicKey;

/**
 * One trust anchor (W1.1): an Ed25519 public key whose root writs create authority, optionally
 * limited to a set of tenants.
 *
 * @param key the anchor's public key
 * @param tenants the tenants it may issue root writs for; empty means every tenant
 */
public record TrustAnchor(PublicKey key, Set<String> tenants) {

  /** Copies the tenants; refuses {@code null} and empty tenant names. */
  public TrustAnchor {
    Objects.requireNonNull(key, "key");
    tenants = Set.copyOf(tenants);
    if (tenants.contains("")) {
      throw new IllegalArgumentException("a tenant name is never empty");
    }
  }

  /** An anchor for every tenant. */
  public static TrustAnchor anyTenant(PublicKey key) {
    return new TrustAnchor(key, Set.of());
  }

  /**
   * An anchor limited to {@code tenants}.
   *
   * @throws IllegalArgumentException if no tenant is given (use {@link #anyTenant} instead)
   */
  public static TrustAnchor forTenants(PublicKey key, String... tenants) {
    if (tenants.length == 0) {
      throw new IllegalArgumentException("name at least one tenant, or use anyTenant");
    }
    return new TrustAnchor(key, Set.of(tenants));
  }

  /** Whether this anchor may issue root writs for {@code tenant} (W1.2). */
  public boolean allows(String tenant) {
    return tenants.isEmpty() || tenants.contains(tenant);
  }
}
