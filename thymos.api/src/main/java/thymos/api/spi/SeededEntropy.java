package thymos.api.spi;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.params.Blake3Parameters;

/**
 * Deterministic entropy for tests and simulations: the same seed always gives the same bytes, so
 * two executions of a scripted run draw the same nonces and ids.
 *
 * <p><b>Not for production.</b> Anyone who knows or guesses the seed predicts every nonce and
 * key; use {@link SystemEntropy}.
 *
 * <p>The stream is the BLAKE3 extendable output in key-derivation mode, context {@value
 * #CONTEXT}, over the seed. It depends only on the seed and on how many bytes were drawn before,
 * not on how draws were split: {@code bytes(16)} twice gives {@code bytes(32)}. Thread-safe;
 * concurrent draws get disjoint parts of the stream in an order the scheduler picks.
 */
public final class SeededEntropy implements Entropy {

  /** The BLAKE3 key-derivation context; changing it would change every seeded stream. */
  public static final String CONTEXT = "thymos 2026 seeded-entropy v1";

  private final Blake3Digest xof;

  /** Entropy derived from {@code seed} (any length, copied). */
  public SeededEntropy(byte[] seed) {
    Objects.requireNonNull(seed, "seed");
    xof = new Blake3Digest(32);
    xof.init(Blake3Parameters.context(CONTEXT.getBytes(StandardCharsets.UTF_8)));
    xof.update(seed, 0, seed.length);
  }

  /** Entropy derived from the 8 big-endian bytes of {@code seed}. */
  public SeededEntropy(long seed) {
    this(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
  }

  @Override
  public synchronized void nextBytes(byte[] out) {
    if (out.length > 0) {
      xof.doOutput(out, 0, out.length);
    }
  }

  @Override
  public String toString() {
    return "SeededEntropy[deterministic, not for production]";
  }
}
