package thymos.kernel.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import thymos.api.ConfigurationException;
import thymos.api.ProtocolViolation;
import thymos.api.ThymosException;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;
import thymos.api.spi.Policy;
import thymos.api.spi.PolicyProvider;

/**
 * Builds a {@link PolicyEngine} from {@link PolicyProvider}s selected explicitly by name (P1:
 * "policies reach the kernel through the SPI or by configuration"). The engine runs the policies
 * of each selection in the configured order, each provider's policies in the order it returned
 * them (P2).
 *
 * <p>Selection fails closed (00-overview): a name no candidate carries, a name several candidates
 * carry, or a candidate of another {@link PolicyProvider#SPEC_VERSION} is a {@link
 * ConfigurationException} ({@code THY-P100}) whose {@code candidates()} lists every provider
 * found. Nothing is picked by discovery order. The built-in policies (P5) are always a candidate,
 * named {@value #BUILTIN}; its configuration is one built-in content document {@code {name,
 * version, params}} ({@link BuiltinPolicies#fromContent}). So are policy bundles (P6), named
 * {@value #BUNDLE} ({@link #BUNDLE} describes the configuration).
 */
public final class PolicyProviders {

  /** The name of the always-present provider of the built-in policies (P5). */
  public static final String BUILTIN = "builtin";

  /**
   * The name of the always-present provider of policy bundles (P6): its configuration is {@code
   * {"bundle": document, "issuers"?: [hex key…]}}, the document a bundle or a signed bundle; with
   * {@code issuers}, only a bundle signed by one of them loads (P6.6).
   */
  public static final String BUNDLE = "bundle";

  private static final String CODE = ThymosException.codeFor("P1");

  private PolicyProviders() {}

  /**
   * One selection: the provider named {@code provider}, opened with {@code config}. JSON form
   * {@code {provider, config?}}; an omitted {@code config} is the empty object.
   *
   * @param provider the provider's name
   * @param config the configuration handed to {@link PolicyProvider#policies(JsonObject)}
   */
  public record Selection(String provider, JsonObject config) {
    /** Checks for {@code null}. */
    public Selection {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(config, "config");
    }

    /** Selects {@code provider} with an empty configuration. */
    public static Selection of(String provider) {
      return new Selection(provider, JsonObject.EMPTY);
    }

    /** Selects one built-in policy by its content document {@code {name, version, params}}. */
    public static Selection builtin(JsonObject content) {
      return new Selection(BUILTIN, content);
    }

    /** The JSON form {@code {provider, config?}}; an empty config is omitted. */
    public JsonObject toJson() {
      return config.size() == 0
          ? Json.object(Map.of("provider", Json.string(provider)))
          : Json.object(Map.of("provider", Json.string(provider), "config", config));
    }

    /**
     * Reads a policy configuration: an array of {@code {provider, config?}}, read strictly.
     *
     * @throws thymos.api.ProtocolViolation (E1.5) naming the offending member
     */
    public static List<Selection> listFromJson(Json json, String pointer) {
      if (!(json instanceof JsonArray array)) {
        throw StrictObject.wrongType(pointer, "array", json);
      }
      List<Selection> out = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        StrictObject o = StrictObject.of(array.get(i), StrictObject.child(pointer, i));
        String provider = o.string("provider");
        JsonObject config = o.has("config") ? o.object("config") : JsonObject.EMPTY;
        o.end();
        out.add(new Selection(provider, config));
      }
      return List.copyOf(out);
    }
  }

  /**
   * The engine of {@code selections} among the providers {@link ServiceLoader} finds for the
   * kernel module, and the built-ins.
   *
   * @throws ConfigurationException ({@code THY-P100}) as {@link #engine}, or if a registered
   *     provider cannot be loaded
   */
  public static PolicyEngine serviceLoaded(List<Selection> selections) {
    return engine(ServiceLoader.load(PolicyProvider.class), selections);
  }

  /**
   * As {@link #serviceLoaded(List)}, for the providers in {@code layer} and its parents, e.g. a
   * layer of plugin modules the application created.
   */
  public static PolicyEngine serviceLoaded(ModuleLayer layer, List<Selection> selections) {
    return engine(ServiceLoader.load(layer, PolicyProvider.class), selections);
  }

  /**
   * The engine running, in order, the policies of each selection among {@code providers} and the
   * built-ins. An empty list of selections is the empty engine (it permits, P2).
   *
   * @throws ConfigurationException ({@code THY-P100}) for an unknown or ambiguous name, a provider
   *     of another spec version, a provider that cannot be loaded, throws or returns {@code null},
   *     or a policy whose name, version or content cannot be read; a {@code ConfigurationException}
   *     a provider throws (e.g. {@code THY-P500} for a bad built-in) propagates unchanged
   * @throws ProtocolViolation (E1.5) from a provider that refuses a malformed configuration, such
   *     as a built-in content document with a missing or unknown member
   */
  public static PolicyEngine engine(Iterable<? extends PolicyProvider> providers,
      List<Selection> selections) {
    List<PolicyProvider> found = candidates(providers);
    List<Policy> policies = new ArrayList<>();
    for (Selection s : selections) {
      PolicyProvider chosen = select(s.provider(), found);
      policies.addAll(open(chosen, s.config(), found));
    }
    return PolicyEngine.of(policies);
  }

  private static List<PolicyProvider> candidates(Iterable<? extends PolicyProvider> providers) {
    List<PolicyProvider> found = new ArrayList<>();
    found.add(new Builtin());
    found.add(new Bundles());
    try {
      for (PolicyProvider p : providers) {
        Objects.requireNonNull(p.name(), () -> p.getClass().getName() + " has no name");
        found.add(p);
      }
    } catch (ServiceConfigurationError | RuntimeException e) {
      throw new ConfigurationException(CODE, "P1", "a policy provider cannot be loaded: "
          + e.getMessage(), describe(found), e);
    }
    return found;
  }

  private static PolicyProvider select(String name, List<PolicyProvider> found) {
    List<PolicyProvider> named = found.stream().filter(p -> p.name().equals(name)).toList();
    if (named.isEmpty()) {
      throw failure("no policy provider is named \"" + name + "\"", found, null);
    }
    if (named.size() > 1) {
      throw failure(named.size() + " policy providers are named \"" + name + "\" ("
          + named.stream().map(p -> p.getClass().getName()).toList() + ")", found, null);
    }
    PolicyProvider chosen = named.getFirst();
    if (!PolicyProvider.SPEC_VERSION.equals(chosen.specVersion())) {
      throw failure("policy provider " + name + " implements spec version "
          + chosen.specVersion() + ", expected " + PolicyProvider.SPEC_VERSION, found, null);
    }
    return chosen;
  }

  private static List<Policy> open(PolicyProvider p, JsonObject config,
      List<PolicyProvider> found) {
    List<Policy> policies;
    try {
      policies = p.policies(config);
    } catch (ConfigurationException | ProtocolViolation e) {
      throw e; // already typed: a bad configuration, or a malformed one (E1.5)
    } catch (RuntimeException e) {
      throw failure("policy provider " + p.name() + " failed to open: " + e.getMessage(), found, e);
    }
    if (policies == null || policies.stream().anyMatch(Objects::isNull)) {
      throw failure("policy provider " + p.name() + " returned "
          + (policies == null ? "no policy list" : "a null policy"), found, null);
    }
    return List.copyOf(policies);
  }

  private static ConfigurationException failure(String detail, List<PolicyProvider> found,
      Throwable cause) {
    return new ConfigurationException(CODE, "P1", detail, describe(found), cause);
  }

  private static List<String> describe(List<PolicyProvider> found) {
    return found.stream().map(p -> p.name() + " (spec " + p.specVersion() + ", "
        + p.getClass().getName() + ")").toList();
  }

  /** Policy bundles (P6) as a provider: one bundle per selection, loaded fail-closed. */
  private static final class Bundles implements PolicyProvider {
    @Override
    public String name() {
      return BUNDLE;
    }

    @Override
    public String specVersion() {
      return SPEC_VERSION;
    }

    @Override
    public List<Policy> policies(JsonObject config) {
      return List.of(PolicyBundles.fromConfig(config));
    }
  }

  /** The built-in policies (P5) as a provider: one policy per selection, by content document. */
  private static final class Builtin implements PolicyProvider {
    @Override
    public String name() {
      return BUILTIN;
    }

    @Override
    public String specVersion() {
      return SPEC_VERSION;
    }

    @Override
    public List<Policy> policies(JsonObject config) {
      return List.of(BuiltinPolicies.fromContent(config));
    }
  }
}
