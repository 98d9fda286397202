package thymos.kernel.anchor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import thymos.api.ConfigurationException;
import thymos.api.ThymosException;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;
import thymos.api.spi.AnchorSink;
import thymos.api.spi.AnchorSinkProvider;

/**
 * Opens anchor sinks (A5.2) from {@link AnchorSinkProvider}s selected explicitly by name.
 * Selection fails closed (00-overview): a name no provider carries, a name several providers
 * carry, or a provider of another {@link AnchorSinkProvider#SPEC_VERSION} is a {@link
 * ConfigurationException} ({@code THY-A502}) whose {@code candidates()} lists every provider
 * found; nothing is picked by discovery order.
 */
public final class AnchorSinks {

  private static final String CODE = ThymosException.codeFor("A5.2");

  private AnchorSinks() {}

  /**
   * One configured sink: provider {@code provider} opened with {@code config}. JSON form {@code
   * {provider, config?}}; an omitted config is the empty object.
   *
   * @param provider the provider's name
   * @param config its configuration
   */
  public record Selection(String provider, JsonObject config) {
    /** Checks for {@code null}. */
    public Selection {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(config, "config");
    }

    /** The JSON form {@code {provider, config?}}; an empty config is omitted. */
    public JsonObject toJson() {
      Map<String, Json> m = new LinkedHashMap<>();
      m.put("provider", Json.string(provider));
      if (config.size() > 0) {
        m.put("config", config);
      }
      return Json.object(m);
    }

    /**
     * Reads an array of {@code {provider, config?}} strictly (E1.5).
     *
     * @throws thymos.api.ProtocolViolation naming the offending member
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
   * Opens every selection with the providers {@link ServiceLoader} finds.
   *
   * @throws ConfigurationException ({@code THY-A502}) as {@link #open(List, List)}
   */
  public static List<AnchorSink> serviceLoaded(List<Selection> selections) {
    return open(selections, providers());
  }

  /**
   * Opens every selection, in order, with one of {@code providers}. If one fails to open, the
   * sinks opened before it are closed.
   *
   * @throws ConfigurationException ({@code THY-A502}) for a provider that cannot be chosen,
   *     listing every candidate, or a configuration the provider refuses
   */
  public static List<AnchorSink> open(List<Selection> selections,
      List<AnchorSinkProvider> providers) {
    List<AnchorSink> opened = new ArrayList<>();
    try {
      for (Selection s : selections) {
        opened.add(Objects.requireNonNull(select(s.provider(), providers).open(s.config()),
            "provider " + s.provider() + " opened no sink"));
      }
    } catch (RuntimeException e) {
      opened.forEach(AnchorSink::close);
      throw e;
    }
    return List.copyOf(opened);
  }

  /**
   * The one provider named {@code name} among {@code providers}.
   *
   * @throws ConfigurationException ({@code THY-A502}) if none or several carry the name, or it
   *     implements another contract version; {@code candidates()} lists every provider
   */
  public static AnchorSinkProvider select(String name, List<AnchorSinkProvider> providers) {
    List<AnchorSinkProvider> named = providers.stream().filter(p -> p.name().equals(name))
        .toList();
    if (named.isEmpty()) {
      throw failure(providers.isEmpty()
          ? "no anchor sink provider is installed (ServiceLoader found none); wanted \"" + name
              + "\""
          : "no anchor sink provider named \"" + name + "\"", providers);
    }
    if (named.size() > 1) {
      throw failure(named.size() + " anchor sink providers are named \"" + name
          + "\"; remove all but one from the module path", providers);
    }
    AnchorSinkProvider chosen = named.getFirst();
    if (!AnchorSinkProvider.SPEC_VERSION.equals(chosen.specVersion())) {
      throw failure("anchor sink provider " + name + " implements contract version "
          + chosen.specVersion() + ", expected " + AnchorSinkProvider.SPEC_VERSION, providers);
    }
    return chosen;
  }

  /**
   * Every provider {@link ServiceLoader} finds, instantiated (providers do no I/O until opened).
   *
   * @throws ConfigurationException ({@code THY-A502}) if a registered provider cannot be loaded
   */
  public static List<AnchorSinkProvider> providers() {
    try {
      List<AnchorSinkProvider> found = new ArrayList<>();
      ServiceLoader.load(AnchorSinkProvider.class).forEach(found::add);
      return List.copyOf(found);
    } catch (ServiceConfigurationError e) {
      throw new ConfigurationException(CODE, "A5.2", "an anchor sink provider cannot be loaded: "
          + e.getMessage(), List.of(), e);
    }
  }

  private static ConfigurationException failure(String what, List<AnchorSinkProvider> found) {
    return new ConfigurationException(CODE, "A5.2", what, found.stream()
        .map(p -> p.name() + " (spec " + p.specVersion() + ", " + p.getClass().getName() + ")")
        .toList(), null);
  }
}
