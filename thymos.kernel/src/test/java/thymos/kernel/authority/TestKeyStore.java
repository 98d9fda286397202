package thymos.kernel.authority;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import thymos.api.crypto.PublicKey;
import thymos.api.spi.KeyStore;
import thymos.api.spi.Signer;

/** A {@link KeyStore} for tests whose lookup by public key is a function. */
public record TestKeyStore(Function<PublicKey, Optional<Signer>> lookup) implements KeyStore {

  /** A store holding exactly {@code signers}. */
  public static TestKeyStore holding(Signer... signers) {
    List<Signer> held = List.of(signers);
    return new TestKeyStore(
        key -> held.stream().filter(s -> s.publicKey().equals(key)).findFirst());
  }

  @Override
  public Optional<Signer> find(PublicKey publicKey) {
    return lookup.apply(publicKey);
  }

  @Override
  public Optional<Signer> findByAlias(String alias) {
    return Optional.empty();
  }

  @Override
  public List<String> aliases() {
    return List.of();
  }

  @Override
  public List<PublicKey> publicKeys() {
    return List.of();
  }
}
