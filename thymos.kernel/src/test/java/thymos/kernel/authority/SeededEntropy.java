package thymos.kernel.authority;

import java.util.SplittableRandom;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.spi.Entropy;

/** A deterministic test {@link Entropy}: the same seed gives the same bytes. */
final class SeededEntropy implements Entropy {

  private final SplittableRandom random;

  SeededEntropy(long seed) {
    this.random = new SplittableRandom(seed);
  }

  @Override
  public void nextBytes(byte[] out) {
    random.nextBytes(out);
  }

  /** A fresh Ed25519 signer whose seed comes from this entropy. */
  Ed25519Signer newSigner() {
    return Ed25519Signer.generate(this);
  }
}
