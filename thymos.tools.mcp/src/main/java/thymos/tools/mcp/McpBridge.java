package thymos.tools.mcp;

import java.util.ArrayList;
import java.util.List;
import thymos.api.ConfigurationException;
import thymos.api.json.JsonObject;
import thymos.api.spi.Tool;
import thymos.tools.mcp.internal.McpConfig;
import thymos.tools.mcp.internal.ServerLink;

/**
 * The opened MCP bridge (T7): the configured servers running, the tools that passed the mapping
 * and pin checks, and diagnostics for every tool left out. Closing it stops the servers (they
 * also exit when the runtime does, as their stdin closes).
 *
 * <p>Approval workflow (T7.2): open the bridge with the server and an empty {@code mapping};
 * every listed tool is then an {@link McpDiagnostic.Kind#UNMAPPED} diagnostic carrying its {@link
 * McpDiagnostic#actualPin() pin}; an operator copies the pins of the tools to expose into the
 * mapping, with the name, effect and risk they decide.
 */
public final class McpBridge implements AutoCloseable {

  private final List<ServerLink> links;
  private final List<Tool> tools;
  private final List<McpDiagnostic> diagnostics;

  private McpBridge(List<ServerLink> links, List<Tool> tools, List<McpDiagnostic> diagnostics) {
    this.links = List.copyOf(links);
    this.tools = List.copyOf(tools);
    this.diagnostics = List.copyOf(diagnostics);
  }

  /**
   * Reads {@code config} strictly, starts every server, lists its tools and keeps the mapped
   * ones whose definition pin matches (T7.1, T7.2).
   *
   * @throws ConfigurationException {@code THY-T701} (configuration, naming the JSON pointer),
   *     {@code THY-T702} (mapping file), {@code THY-T703} (a server cannot start or list)
   */
  public static McpBridge open(JsonObject config) {
    McpConfig c = McpConfig.read(config);
    List<ServerLink> links = new ArrayList<>();
    List<Tool> tools = new ArrayList<>();
    List<McpDiagnostic> diagnostics = new ArrayList<>();
    try {
      for (McpConfig.Server s : c.servers()) {
        ServerLink link = new ServerLink(s);
        links.add(link);
        tools.addAll(link.open(diagnostics));
      }
    } catch (RuntimeException e) {
      links.forEach(ServerLink::close);
      throw e;
    }
    return new McpBridge(links, tools, diagnostics);
  }

  /** The exposed tools: mapped, listed by their server, pin matching. */
  public List<Tool> tools() {
    return tools;
  }

  /** Every tool not exposed and why: unmapped, pin mismatch, or mapped but not listed. */
  public List<McpDiagnostic> diagnostics() {
    return diagnostics;
  }

  /** Stops every server. */
  @Override
  public void close() {
    links.forEach(ServerLink::close);
  }
}
