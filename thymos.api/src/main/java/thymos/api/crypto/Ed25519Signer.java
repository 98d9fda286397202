package thymos.api.crypto;

import java.util.Arrays;
import thymos.api.spi.Entropy;
import thymos.api.spi.Signer;

/**
 * An in-memory Ed25519 {@link Signer} over a 32-byte seed (E3.1). The seed is copied in and
 * never leaves: no accessor returns it, and {@link #toString()} and every exception message show
 * only the public key (E3.4). Thread-safe (immutable).
 */
public final class Ed25519Signer implements Signer {

  private final byte[] seed;
  private final byte[] publicKey;
  private final PublicKey typedPublicKey;

  private Ed25519Signer(byte[] seed) {
    Ed25519.checkSeed(seed);
    this.seed = seed.clone();
    this.publicKey = new byte[PublicKey.LENGTH];
    org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(this.seed, 0, publicKey, 0);
    this.typedPublicKey = PublicKey.of(publicKey);
  }

  /**
   * A signer for (a copy of) the 32-byte {@code seed}; the caller may wipe its array afterwards.
   *
   * @throws thymos.api.ProtocolViolation (E3.1) if the seed is not 32 bytes
   */
  public static Ed25519Signer fromSeed(byte[] seed) {
    return new Ed25519Signer(seed);
  }

  /** A signer for a fresh seed of 32 bytes drawn from {@code entropy} (I6: no hidden RNG). */
  public static Ed25519Signer generate(Entropy entropy) {
    byte[] seed = entropy.bytes(Ed25519.SEED_LENGTH);
    try {
      return new Ed25519Signer(seed);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  @Override
  public PublicKey publicKey() {
    return typedPublicKey;
  }

  /** The deterministic RFC 8032 signature of {@code message} (pure Ed25519, E3.1). */
  @Override
  public Signature sign(byte[] message) {
    byte[] sig = new byte[Signature.LENGTH];
    // The variant taking the public key skips re-deriving it from the seed on every signature.
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
        seed, 0, publicKey, 0, message, 0, message.length, sig, 0);
    return Signature.of(sig);
  }

  /** Shows the public key only (E3.4). */
  @Override
  public String toString() {
    return "Ed25519Signer[" + typedPublicKey.hex() + "]";
  }
}
