package thymos.api.crypto;

/**
 * Ed25519 as in RFC 8032 (pure, no context, no prehash) with strict verification (E3.3).
 */
public final class Ed25519 {

  private Ed25519() {}

  /**
   * Strict verification of {@code signature} over {@code message} (E3.3): refuses a
   * non-canonical S (S ≥ L), a non-canonical or small-order public key or R, and any key or
   * signature of the wrong length. Never throws for bad input; returns {@code false}.
   */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** {@link #verify(byte[], byte[], byte[])} over typed values. */
  public static boolean verify(PublicKey publicKey, byte[] message, Signature signature) {
    return verify(publicKey.raw(), message, signature.raw());
  }
}
