package thymos.ledger.spi;

import java.util.Set;

/**
 * A ledger backend plugin, found with {@link java.util.ServiceLoader} and chosen by URI scheme
 * through {@link Ledgers} (L6). Providers are tiny and side-effect free: a public no-arg
 * constructor, constant answers from {@link #name()}, {@link #specVersion()} and {@link
 * #schemes()}, and no I/O before {@link #open}. Register with both {@code provides} in the module
 * descriptor and {@code META-INF/services/thymos.ledger.spi.LedgerProvider}.
 */
public interface LedgerProvider {

  /** The version of this contract (06 L5) a provider must implement to be selected. */
  String SPEC_VERSION = "1";

  /** A short unique name, e.g. {@code memory}; the value of the {@code provider} option. */
  String name();

  /** The contract version implemented; selection refuses any other than {@link #SPEC_VERSION}. */
  String specVersion();

  /**
   * The lowercase URI schemes this provider opens, as {@link LedgerConfig#scheme()} computes them:
   * {@code memory}, {@code sqlite}, {@code postgresql}, {@code jdbc:postgresql}.
   */
  Set<String> schemes();

  /**
   * Opens (or creates) the store at {@code config}'s URI, checking its format stamp (L5.7).
   *
   * @throws thymos.api.ConfigurationException for a URI or option this provider cannot use
   * @throws LedgerUnavailable if the store cannot be reached
   * @throws LedgerFormatMismatch for a store of another format version
   */
  LedgerBackend open(LedgerConfig config);
}
