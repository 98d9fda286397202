package thymos.tools;

import java.util.List;
import thymos.api.json.JsonObject;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolProvider;
import thymos.tools.manifest.Manifests;

/**
 * The {@code manifests} tool provider (T6): tools declared by {@code thymos-tool/v1} manifest
 * files instead of Java code, run through the worker (T4) or the HTTP guard (T5) like the
 * built-ins.
 *
 * <p>Configuration, read strictly: {@code {folders: [path, …], trusted_keys?: [public key hex,
 * …], http?: {…}, exec?: {…}, sandbox?: {…}}}. Each {@code *.json} file of each folder is one
 * manifest; every error is a configuration error with a {@code THY-T6xx} code naming the file
 * and the JSON pointer (T6.4). An exec or http manifest is at least {@code external} unless
 * signed by one of {@code trusted_keys} (T6.3). Side-effect free until {@link #tools}.
 */
public final class ManifestToolProvider implements ToolProvider {

  /** The provider name, {@value}. */
  public static final String NAME = "manifests";

  /** A provider; does nothing until {@link #tools(JsonObject)}. */
  public ManifestToolProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String specVersion() {
    return "1";
  }

  /**
   * Loads the manifests of the configured folders (T6.4); an empty configuration (the provider is
   * present but not configured) loads nothing and supplies no tools.
   *
   * @throws thymos.api.ConfigurationException {@code THY-T600} for the configuration, {@code
   *     THY-T601}–{@code THY-T604} for a manifest, naming file and JSON pointer
   */
  @Override
  public List<Tool> tools(JsonObject config) {
    if (config.members().isEmpty()) {
      return List.of();
    }
    return Manifests.tools(config);
  }
}
