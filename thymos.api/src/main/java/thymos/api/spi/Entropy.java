package thymos.api.spi;

/**
 * The only source of randomness the kernel uses (I6): nonces (E4.4), fresh trajectory ids
 * (E2.6), generated keys.
 */
public interface Entropy {

  /** Fills {@code out} with random bytes. */
  void nextBytes(byte[] out);

  /** {@code n} fresh random bytes. */
  default byte[] bytes(int n) {
    byte[] out = new byte[n];
    nextBytes(out);
    return out;
  }
}
