package thymos.kernel.keys;

import java.util.Optional;

/**
 * Where the passphrase of encrypted key files comes from (E3.4). {@link FileKeyStore} asks for
 * it only when it meets an encrypted file, at most once per {@link FileKeyStore#open(
 * java.nio.file.Path, Passphrase) open}, and clears the array it received once the keys are
 * decrypted. Neither method may return a passphrase inside a {@code String} that reaches a
 * message, and {@code toString} never shows one.
 */
public interface Passphrase {

  /**
   * The passphrase in a fresh array, which the caller clears after use; empty if none was
   * provided.
   *
   * @throws thymos.api.ConfigurationException if the source exists but cannot be read
   */
  Optional<char[]> chars();

  /**
   * How an operator provides a passphrase, quoted in the error for an encrypted key file when
   * {@link #chars()} is empty, e.g. {@code "set THYMOS_KEY_PASSPHRASE"}.
   */
  String howToProvide();

  /** No passphrase: an encrypted key file is a {@code THY-E304} configuration error. */
  static Passphrase none() {
    return new Passphrase() {
      @Override
      public Optional<char[]> chars() {
        return Optional.empty();
      }

      @Override
      public String howToProvide() {
        return "open the key store with a passphrase";
      }

      @Override
      public String toString() {
        return "Passphrase[none]";
      }
    };
  }

  /**
   * A passphrase held in memory: {@code passphrase} is copied (the caller may clear its array),
   * and every {@link #chars()} returns a fresh copy. The copy lives as long as this object.
   */
  static Passphrase of(char[] passphrase) {
    char[] held = passphrase.clone();
    return new Passphrase() {
      @Override
      public Optional<char[]> chars() {
        return Optional.of(held.clone());
      }

      @Override
      public String howToProvide() {
        return "pass the passphrase";
      }

      @Override
      public String toString() {
        return "Passphrase[given]";
      }
    };
  }
}
