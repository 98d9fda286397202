package thymos.ledger.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import thymos.api.ConfigurationException;
import thymos.api.ThymosException;

/**
 * Opens a ledger by URI (L6): finds every {@link LedgerProvider} with {@link ServiceLoader} and
 * picks the one claiming the URI's scheme. Selection fails closed — an unknown scheme, no provider
 * at all, several providers for one scheme without a {@value LedgerConfig#PROVIDER_OPTION}
 * option choosing one, or a provider of another contract version is a {@link
 * ConfigurationException} ({@code THY-L600}) listing every provider found. It never picks the
 * first.
 */
public final class Ledgers {

  private static final System.Logger LOG = System.getLogger(Ledgers.class.getName());
  private static final String CODE = "THY-L600";

  private Ledgers() {}

  /**
   * Opens the ledger at {@code uri} with no options, e.g. {@code Ledgers.open("memory:")}.
   *
   * @throws ConfigurationException if no single provider can be chosen, or the URI is malformed
   */
  public static LedgerBackend open(String uri) {
    return open(LedgerConfig.of(uri));
  }

  /**
   * Opens the ledger {@code config} names with the providers on the module path (or class path).
   *
   * @throws ConfigurationException if no single provider can be chosen, listing every provider
   * @throws LedgerUnavailable if the chosen provider fails to open the store
   */
  public static LedgerBackend open(LedgerConfig config) {
    return open(config, providers());
  }

  /**
   * Opens the ledger {@code config} names with one of {@code providers} (for custom module
   * layers and tests). An unexpected exception from the provider is wrapped (L5.6).
   *
   * @throws ConfigurationException if no single provider can be chosen, listing every provider
   * @throws LedgerUnavailable if the chosen provider fails with an exception that is not typed
   */
  public static LedgerBackend open(LedgerConfig config, List<LedgerProvider> providers) {
    LedgerProvider chosen = select(config, providers);
    LOG.log(System.Logger.Level.DEBUG, "opening {0} with ledger provider {1}", config,
        describe(chosen));
    try {
      return Objects.requireNonNull(chosen.open(config), "provider returned no backend");
    } catch (ThymosException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new LedgerUnavailable("provider " + chosen.name() + " failed to open " + config, e);
    }
  }

  /**
   * The provider for {@code config}'s scheme among {@code providers}, without opening anything.
   *
   * @throws ConfigurationException if no single provider of {@link LedgerProvider#SPEC_VERSION}
   *     claims the scheme (after the {@value LedgerConfig#PROVIDER_OPTION} option, if given)
   */
  public static LedgerProvider select(LedgerConfig config, List<LedgerProvider> providers) {
    String scheme = config.scheme();
    List<LedgerProvider> claiming = new ArrayList<>();
    for (LedgerProvider p : providers) {
      if (p.schemes().contains(scheme)) {
        claiming.add(p);
      }
    }
    String wanted = config.option(LedgerConfig.PROVIDER_OPTION).orElse(null);
    if (wanted != null) {
      claiming.removeIf(p -> !p.name().equals(wanted));
    }
    if (claiming.isEmpty()) {
      String what = providers.isEmpty()
          ? "no ledger provider is installed (ServiceLoader found none)"
          : wanted == null ? "no ledger provider for scheme \"" + scheme + "\""
          : "no ledger provider named \"" + wanted + "\" for scheme \"" + scheme + "\"";
      throw failure(what, providers);
    }
    if (claiming.size() > 1) {
      throw failure(claiming.size() + " ledger providers claim scheme \"" + scheme + "\" ("
          + claiming.stream().map(LedgerProvider::name).toList() + "); choose one with option "
          + LedgerConfig.PROVIDER_OPTION + "=<name>", providers);
    }
    LedgerProvider chosen = claiming.getFirst();
    if (!LedgerProvider.SPEC_VERSION.equals(chosen.specVersion())) {
      throw failure("ledger provider " + chosen.name() + " implements contract version "
          + chosen.specVersion() + ", expected " + LedgerProvider.SPEC_VERSION, providers);
    }
    return chosen;
  }

  /**
   * Every provider {@link ServiceLoader} finds, instantiated (providers do no I/O until opened).
   *
   * @throws ConfigurationException if a registered provider cannot be loaded or instantiated
   */
  public static List<LedgerProvider> providers() {
    try {
      List<LedgerProvider> found = new ArrayList<>();
      ServiceLoader.load(LedgerProvider.class).forEach(found::add);
      return List.copyOf(found);
    } catch (ServiceConfigurationError e) {
      throw new ConfigurationException(CODE, "L6", "a ledger provider cannot be loaded: "
          + e.getMessage(), List.of(), e);
    }
  }

  private static ConfigurationException failure(String what, List<LedgerProvider> providers) {
    return new ConfigurationException(CODE, "L6", what,
        providers.stream().map(Ledgers::describe).toList(), null);
  }

  private static String describe(LedgerProvider p) {
    return p.name() + " (schemes " + p.schemes().stream().sorted().toList() + ", spec "
        + p.specVersion() + ", " + p.getClass().getName() + ")";
  }
}
