package thymos.kernel.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import thymos.api.ConfigurationException;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Scopes;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolDescriptor;
import thymos.api.spi.ToolProvider;

/**
 * The tools a runtime can invoke (T1): immutable once built, names unique (T1.2), each tool's
 * input schema compiled once at registration (C2 stage 12). The compiler reads it for stages 10–14;
 * cognition sees the tools a writ can reach (X10.1). Replay never needs it.
 */
public final class ToolRegistry {

  /** The provider name recorded for tools added directly with {@link Builder#tool(Tool)}. */
  public static final String EXPLICIT = "explicit";

  private final Map<String, Registered> tools;

  private ToolRegistry(Map<String, Registered> tools) {
    this.tools = tools;
  }

  /** A builder for a registry. */
  public static Builder builder() {
    return new Builder();
  }

  /** The tool named {@code name} (C2 stage 10), if registered. */
  public Optional<Tool> find(String name) {
    return Optional.ofNullable(tools.get(name)).map(Registered::tool);
  }

  /** The name of the provider that supplied tool {@code name}, if registered. */
  public Optional<String> providerOf(String name) {
    return Optional.ofNullable(tools.get(name)).map(Registered::provider);
  }

  /** Every registered tool's name, in ascending order. */
  public List<String> names() {
    return List.copyOf(tools.keySet());
  }

  /**
   * Validates {@code args} against the input schema of tool {@code name} (C2 stage 12). Reports
   * every violation, each with a JSON pointer into {@code args} and the failed keyword.
   *
   * @throws IllegalArgumentException if no tool has that name (stage 10 runs first)
   */
  public ArgsValidation validate(String name, Json args) {
    Registered r = tools.get(name);
    if (r == null) {
      throw new IllegalArgumentException("no tool named \"" + name + "\" is registered");
    }
    List<SchemaError> errors = r.schema().validate(args);
    return errors.isEmpty() ? ArgsValidation.VALID : new ArgsValidation.Invalid(errors);
  }

  /**
   * The descriptors of the tools some scope of the writ matches (C2 stage 9, X10.1), by name.
   *
   * @param scopes the writ's scope patterns (M2)
   */
  public List<ToolDescriptor> reachable(Collection<String> scopes) {
    List<ToolDescriptor> out = new ArrayList<>();
    for (Registered r : tools.values()) {
      String name = r.tool().descriptor().name();
      if (scopes.stream().anyMatch(s -> Scopes.matches(s, name))) {
        out.add(r.tool().descriptor());
      }
    }
    return List.copyOf(out);
  }

  /**
   * What cognition is shown of the reachable tools (X10.1): for each, {@code {name, description,
   * input_schema, effect, risk}}.
   */
  public List<JsonObject> cognitionView(Collection<String> scopes) {
    return reachable(scopes).stream().map(ToolDescriptor::cognitionView).toList();
  }

  private record Registered(Tool tool, String provider, JsonSchema schema) {}

  /** Collects tools from explicit instances and providers; {@link #build()} checks them. */
  public static final class Builder {
    private final Map<String, Registered> tools = new TreeMap<>();

    private Builder() {}

    /** Adds one tool supplied directly (provider {@value ToolRegistry#EXPLICIT}). */
    public Builder tool(Tool tool) {
      return add(tool, EXPLICIT);
    }

    /**
     * Adds every tool of {@code provider}, opened with {@code config} (T1.1).
     *
     * @throws ConfigurationException as {@link #build()} would, at the first bad tool
     */
    public Builder provider(ToolProvider provider, JsonObject config) {
      Objects.requireNonNull(config, "config");
      List<Tool> supplied = Objects.requireNonNull(provider.tools(config),
          () -> "provider " + provider.name() + " returned no tool list");
      for (Tool t : supplied) {
        add(t, provider.name());
      }
      return this;
    }

    /**
     * Adds the tools of every {@link ToolProvider} that {@link ServiceLoader} finds for the
     * kernel module (T1.1). Each provider gets the member of {@code configs} named after it, or
     * {@link JsonObject#EMPTY}.
     */
    public Builder serviceLoaded(JsonObject configs) {
      return providers(ServiceLoader.load(ToolProvider.class), configs);
    }

    /**
     * As {@link #serviceLoaded(JsonObject)}, for the providers in {@code layer} and its parents,
     * e.g. a layer of plugin modules the application created (T1.1).
     */
    public Builder serviceLoaded(ModuleLayer layer, JsonObject configs) {
      return providers(ServiceLoader.load(layer, ToolProvider.class), configs);
    }

    /** As {@link #serviceLoaded(JsonObject)}, for providers found by the caller. */
    public Builder providers(Iterable<? extends ToolProvider> providers, JsonObject configs) {
      for (ToolProvider p : providers) {
        Json c = configs.get(p.name()).orElse(JsonObject.EMPTY);
        if (!(c instanceof JsonObject o)) {
          throw new ConfigurationException("THY-T101", "T1.1", "configuration of tool provider "
              + p.name() + " must be an object, found " + c.typeName(), List.of(), null);
        }
        provider(p, o);
      }
      return this;
    }

    private Builder add(Tool tool, String provider) {
      ToolDescriptor d = Objects.requireNonNull(tool.descriptor(),
          () -> "a tool of provider " + provider + " has no descriptor");
      Registered existing = tools.get(d.name());
      if (existing != null) {
        throw new ConfigurationException("THY-T102", "T1.2", "two tools are named \"" + d.name()
            + "\": one from provider " + existing.provider() + ", one from provider " + provider,
            List.of(existing.provider(), provider), null);
      }
      JsonSchema schema;
      try {
        schema = JsonSchemaLoader.load(d.inputSchema());
      } catch (JsonSchemaLoader.SchemaLoadException e) {
        throw new ConfigurationException("THY-T101", "T1.1", "tool \"" + d.name()
            + "\" of provider " + provider + ": input_schema " + e.getMessage(), List.of(), null);
      }
      tools.put(d.name(), new Registered(tool, provider, schema));
      return this;
    }

    /** The registry of every tool added so far. */
    public ToolRegistry build() {
      return new ToolRegistry(Collections.unmodifiableSortedMap(new TreeMap<>(tools)));
    }
  }
}
