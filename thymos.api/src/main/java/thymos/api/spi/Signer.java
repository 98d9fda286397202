package thymos.api.spi;

import thymos.api.crypto.PublicKey;
import thymos.api.crypto.Signature;

/**
 * An Ed25519 signing key reached through the key SPI (E3.4), so key material may live in a file,
 * an HSM or a cloud KMS. Implementations never reveal the private key, not even in {@code
 * toString}.
 */
public interface Signer {

  /** The public key whose private half signs. */
  PublicKey publicKey();

  /** The Ed25519 signature (RFC 8032, pure) of {@code message}. */
  Signature sign(byte[] message);
}
