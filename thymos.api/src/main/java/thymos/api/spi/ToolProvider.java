package thymos.api.spi;

import java.util.List;
import thymos.api.json.JsonObject;

/**
 * A plugin that supplies tools (T1.1), found with {@link java.util.ServiceLoader}.
 *
 * <p>Contract for implementers: a provider is tiny and side-effect free — a public no-arg
 * constructor, {@link #name()} and {@link #specVersion()} do no I/O; work starts in {@link
 * #tools(JsonObject)}. Register it with {@code provides thymos.api.spi.ToolProvider with …} in
 * {@code module-info.java} and in {@code META-INF/services}.
 */
public interface ToolProvider {

  /** The provider's name, used in diagnostics and configuration errors (T1.2). */
  String name();

  /** The version of the tool SPI this provider implements, e.g. {@code 1}. */
  String specVersion();

  /**
   * Opens the provider and returns its tools (T1.1). Called once per registry.
   *
   * @param config the provider's configuration; {@link JsonObject#EMPTY} when none was given
   * @return the tools, never {@code null}; names must be unique across the registry (T1.2)
   * @throws thymos.api.ConfigurationException if the configuration is unusable
   */
  List<Tool> tools(JsonObject config);
}
