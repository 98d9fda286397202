package thymos.kernel.policy;

import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import thymos.api.crypto.PublicKey;

/**
 * The keys a runtime allows to issue policy bundles (P6.6). {@link #of pinned} keys admit only a
 * signed bundle whose {@code issuer_key} is one of them and whose signature verifies; {@link
 * #unpinned()} admits an unsigned bundle, and a signed one from any key whose signature verifies
 * (a signature that does not verify is refused either way).
 *
 * @param keys the pinned keys; empty means unpinned
 */
public record IssuerPins(Set<PublicKey> keys) {

  private static final IssuerPins UNPINNED = new IssuerPins(Set.of());

  /** Copies the keys, in hex order (for stable messages). */
  public IssuerPins {
    TreeSet<PublicKey> sorted = new TreeSet<>(Comparator.comparing(PublicKey::hex));
    keys.forEach(k -> sorted.add(Objects.requireNonNull(k, "key")));
    keys = java.util.Collections.unmodifiableSet(sorted);
  }

  /** No pinning: unsigned bundles load; signed ones must verify. */
  public static IssuerPins unpinned() {
    return UNPINNED;
  }

  /**
   * Pins {@code keys}: only bundles signed by one of them load.
   *
   * @throws IllegalArgumentException if {@code keys} is empty (pinning nothing would be read as
   *     no pinning; say {@link #unpinned()} instead)
   */
  public static IssuerPins of(Collection<PublicKey> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("pin at least one issuer key, or use unpinned()");
    }
    return new IssuerPins(Set.copyOf(keys));
  }

  /** Pins {@code keys}; see {@link #of(Collection)}. */
  public static IssuerPins of(PublicKey... keys) {
    return of(java.util.List.of(keys));
  }

  /** Whether any key is pinned. */
  public boolean pinned() {
    return !keys.isEmpty();
  }

  /** Whether {@code key} may issue bundles: pinned, or nothing is pinned. */
  public boolean admits(PublicKey key) {
    return keys.isEmpty() || keys.contains(key);
  }
}
