package thymos.api.spi;

import java.util.List;
import java.util.Optional;
import thymos.api.ConfigurationException;
import thymos.api.crypto.PublicKey;

/**
 * Where signing keys live (E3.4): a folder of key files, an HSM, a cloud KMS. A store hands out
 * {@link Signer}s, never key material, so a private key cannot reach a ledger, a log line, an
 * exception message or an export. Each key has a public key and a local alias (a name chosen by
 * the operator, e.g. {@code anchor} or {@code approver-ops}); aliases are not part of the
 * protocol and never appear in signed documents.
 *
 * <p>Implementations are thread-safe. Their {@code toString} and exception messages name aliases
 * and public keys only.
 */
public interface KeyStore {

  /** The signer whose public key is {@code publicKey}, or empty if this store does not hold it. */
  Optional<Signer> find(PublicKey publicKey);

  /** The signer stored under {@code alias}, or empty if there is none. */
  Optional<Signer> findByAlias(String alias);

  /** Every alias in this store, sorted. */
  List<String> aliases();

  /** The public key of every key in this store, in the order of {@link #aliases()}. */
  List<PublicKey> publicKeys();

  /**
   * Mints a new key under {@code alias} from {@code entropy} and keeps it, for stores that can
   * (09 §D1, W6: a delegated child's fresh subject key comes from the key SPI, so the child can
   * still sign — delegate further — after a restart). A store that cannot mint keys (a read-only
   * store, an HSM without that right) returns empty, the default; the kernel then keeps the
   * child's key in memory only.
   *
   * @param alias a new alias
   * @param entropy where the key's bytes come from (I6)
   * @return the new signer, or empty if this store does not mint keys
   * @throws ConfigurationException {@code THY-E304} (E3.4) if the store mints keys but could not
   *     mint this one (an invalid or taken alias, a write failure)
   */
  default Optional<Signer> mint(String alias, Entropy entropy) {
    return Optional.empty();
  }

  /**
   * The signer stored under {@code alias}.
   *
   * @throws ConfigurationException {@code THY-E304} (E3.4) if there is none, listing the aliases
   *     that exist
   */
  default Signer signer(String alias) {
    return findByAlias(alias).orElseThrow(() -> new ConfigurationException("THY-E304", "E3.4",
        "no key with alias '" + alias + "' in " + this, aliases(), null));
  }

  /**
   * The signer for {@code publicKey}.
   *
   * @throws ConfigurationException {@code THY-E304} (E3.4) if this store does not hold it
   */
  default Signer signer(PublicKey publicKey) {
    return find(publicKey).orElseThrow(() -> new ConfigurationException("THY-E304", "E3.4",
        "no key for public key " + publicKey.hex() + " in " + this, List.of(), null));
  }
}
