package thymos.api.spi;

import java.security.SecureRandom;

/**
 * The built-in production entropy (I6): the platform's default {@link SecureRandom}, which on
 * Linux and macOS reads the non-blocking system source. Thread-safe.
 */
public final class SystemEntropy implements Entropy {

  private final SecureRandom random = new SecureRandom();

  /** A system entropy source with its own {@link SecureRandom}. */
  public SystemEntropy() {}

  @Override
  public void nextBytes(byte[] out) {
    random.nextBytes(out);
  }

  @Override
  public String toString() {
    return "SystemEntropy[" + random.getAlgorithm() + "]";
  }
}
