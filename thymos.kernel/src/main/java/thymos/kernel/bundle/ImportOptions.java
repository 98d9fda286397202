package thymos.kernel.bundle;

import java.util.Arrays;
import java.util.Set;
import thymos.api.crypto.PublicKey;

/**
 * What an import trusts (L8.2). With no pinned key, signatures that are present must verify and
 * unsigned headers, checkpoints' own signers and unsigned entries are accepted: the bundle is
 * checked for integrity, not for origin. With pinned keys, the header, every checkpoint and
 * every entry must be signed by one of them (R2.4, R3).
 *
 * @param signers the pinned keys; empty for none
 */
public record ImportOptions(Set<PublicKey> signers) {

  /** Copies the set. */
  public ImportOptions {
    signers = Set.copyOf(signers);
  }

  /** Nothing pinned. */
  public static ImportOptions defaults() {
    return new ImportOptions(Set.of());
  }

  /** Requires header, checkpoints and entries signed by one of {@code keys}. */
  public ImportOptions pinSigners(PublicKey... keys) {
    return new ImportOptions(Set.copyOf(Arrays.asList(keys)));
  }
}
