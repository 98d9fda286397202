package thymos.tools.mcp;

import java.util.List;
import thymos.api.json.JsonObject;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolProvider;

/**
 * The {@code mcp} tool provider (T7): tools of MCP servers, each exposed only under a mapping
 * that names it, classifies it and pins its definition (see {@link McpBridge} and {@code
 * docs/mcp.md}).
 *
 * <p>Configuration, read strictly: {@code {servers: [{name, command: [argv…], env?: {NAME:
 * value}, timeout_ms?, start_timeout_ms?, mapping: {mcp tool: {name, effect, risk,
 * compensable?: false, pin}} | "mapping file"}]}}. Side-effect free until {@link #tools}, which
 * starts the servers.
 */
public final class McpToolProvider implements ToolProvider {

  /** The provider name, {@value}. */
  public static final String NAME = "mcp";

  private volatile McpBridge bridge;

  /** A provider; starts nothing until {@link #tools(JsonObject)}. */
  public McpToolProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String specVersion() {
    return "1";
  }

  /**
   * Opens the bridge (see {@link McpBridge#open}) and returns its exposed tools; an empty
   * configuration (the provider is on the module path but not configured) starts nothing and
   * supplies no tools.
   *
   * @throws thymos.api.ConfigurationException {@code THY-T701}, {@code THY-T702} or {@code
   *     THY-T703}
   */
  @Override
  public List<Tool> tools(JsonObject config) {
    if (config.members().isEmpty()) {
      return List.of();
    }
    McpBridge b = McpBridge.open(config);
    bridge = b;
    return b.tools();
  }

  /** The diagnostics of the last {@link #tools} call (T7.1); empty before it. */
  public List<McpDiagnostic> diagnostics() {
    McpBridge b = bridge;
    return b == null ? List.of() : b.diagnostics();
  }

  /** Stops the servers of the last {@link #tools} call, if any. */
  public void close() {
    McpBridge b = bridge;
    if (b != null) {
      b.close();
    }
  }
}
