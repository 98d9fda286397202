package thymos.ledger.spi.memory;

import java.util.List;
import java.util.Set;
import thymos.api.ConfigurationException;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerConfig;
import thymos.ledger.spi.LedgerProvider;

/**
 * Provides the in-memory reference backend for the URI {@code memory:} (L6, L7.3). Each open gives
 * a new, empty, independent {@link MemoryLedger}.
 */
public final class MemoryLedgerProvider implements LedgerProvider {

  /** The provider's name and only scheme. */
  public static final String NAME = "memory";

  /** For {@link java.util.ServiceLoader}; does nothing. */
  public MemoryLedgerProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String specVersion() {
    return SPEC_VERSION;
  }

  @Override
  public Set<String> schemes() {
    return Set.of(NAME);
  }

  /**
   * Opens a new empty store.
   *
   * @throws ConfigurationException ({@code THY-L600}) for a URI other than {@code memory:} or an
   *     option other than {@value LedgerConfig#PROVIDER_OPTION} (fail closed: nothing is ignored)
   */
  @Override
  public LedgerBackend open(LedgerConfig config) {
    if (!config.scheme().equals(NAME) || !config.location().isEmpty()) {
      throw refusal("the memory ledger URI is exactly \"memory:\" (a location or another scheme "
          + "is not accepted; each open gives a new empty store)");
    }
    for (String key : config.options().keySet()) {
      if (!key.equals(LedgerConfig.PROVIDER_OPTION)) {
        throw refusal("the memory ledger takes no option \"" + key + "\"");
      }
    }
    return new MemoryLedger();
  }

  private static ConfigurationException refusal(String detail) {
    return new ConfigurationException("THY-L600", "L6", detail, List.of(), null);
  }
}
