package thymos.tools.mcp.internal;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import thymos.api.ConfigurationException;
import thymos.api.ThymosException;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolOutcome;
import thymos.tools.mcp.McpDiagnostic;
import thymos.tools.mcp.McpPins;

/**
 * The bridge's hold on one configured server (T7): starts it, checks the listed definitions
 * against the mapping's pins, and runs calls one at a time. A server that died (crash, timeout)
 * is restarted on the next call, and the called tool's definition is checked again first.
 */
public final class ServerLink implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ServerLink.class.getName());

  private final McpConfig.Server server;
  private McpSession session; // guarded by this

  /** A link; starts nothing. */
  public ServerLink(McpConfig.Server server) {
    this.server = server;
  }

  /** The server's configuration. */
  public McpConfig.Server server() {
    return server;
  }

  /**
   * Starts the server and returns the mapped tools whose pins match; every other tool is
   * reported in {@code diagnostics} (T7.1, T7.2).
   *
   * @throws ConfigurationException {@code THY-T703} if the server cannot be started or listed
   */
  public synchronized List<McpTool> open(List<McpDiagnostic> diagnostics) {
    List<McpSchema.Tool> listed = startAndList();
    List<McpTool> tools = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (McpSchema.Tool t : listed) {
      seen.add(t.name());
      McpConfig.Mapped m = server.mapping().get(t.name());
      JsonObject schema = schema(t);
      String actual = McpPins.pin(t.name(), t.description(), schema);
      if (m == null) {
        diagnostics.add(new McpDiagnostic(server.name(), t.name(), McpDiagnostic.Kind.UNMAPPED,
            Optional.empty(), Optional.of(actual)));
      } else if (!m.pin().equals(actual)) {
        LOG.log(System.Logger.Level.WARNING, "MCP tool {0}/{1} refused: definition pin {2}"
            + " differs from the approved {3} (T7.2)", server.name(), t.name(), actual, m.pin());
        diagnostics.add(new McpDiagnostic(server.name(), t.name(),
            McpDiagnostic.Kind.PIN_MISMATCH, Optional.of(m.pin()), Optional.of(actual)));
      } else {
        tools.add(new McpTool(this, m, t.description(), schema));
      }
    }
    for (McpConfig.Mapped m : server.mapping().values()) {
      if (!seen.contains(m.mcpName())) {
        diagnostics.add(new McpDiagnostic(server.name(), m.mcpName(), McpDiagnostic.Kind.MISSING,
            Optional.of(m.pin()), Optional.empty()));
      }
    }
    return tools;
  }

  /**
   * Starts the server (when not running) and lists its tools.
   *
   * @throws ConfigurationException {@code THY-T703} if it cannot be started or listed
   */
  public synchronized List<McpSchema.Tool> startAndList() {
    try {
      if (session == null) {
        session = McpSession.start(server);
      }
      return session.listTools();
    } catch (RuntimeException e) {
      closeSession();
      throw new ConfigurationException("THY-T703", "T7.1", "MCP server " + server.name() + " "
          + server.command() + " could not be started or listed: " + e, List.of(), e);
    }
  }

  /** {@code tools/call} of a mapped tool (T7.3); every error is a typed failure (T1.4). */
  synchronized ToolOutcome call(McpConfig.Mapped m, JsonObject args) {
    if (session == null || !session.alive()) {
      Optional<ToolFailure> refused = restart(m);
      if (refused.isPresent()) {
        return refused.get();
      }
    }
    McpSchema.CallToolResult result;
    try {
      result = session.call(m.mcpName(), args);
    } catch (RuntimeException e) {
      return failure(m, e);
    }
    return McpResults.outcome(server.name(), m, result);
  }

  private Optional<ToolFailure> restart(McpConfig.Mapped m) {
    closeSession();
    List<McpSchema.Tool> listed;
    try {
      listed = startAndList();
    } catch (ConfigurationException e) {
      return Optional.of(new ToolFailure(ToolFailure.Kind.WORKER_CRASHED, "MCP server "
          + server.name() + " could not be restarted: " + e.getMessage()));
    }
    for (McpSchema.Tool t : listed) {
      if (t.name().equals(m.mcpName())) {
        String actual = McpPins.pin(t.name(), t.description(), schema(t));
        if (actual.equals(m.pin())) {
          return Optional.empty();
        }
        return Optional.of(new ToolFailure(ToolFailure.Kind.BAD_RESPONSE, "MCP tool "
            + server.name() + "/" + m.mcpName() + " changed its definition after a restart:"
            + " expected pin " + m.pin() + ", actual " + actual + " (T7.2); re-approve the mapping"));
      }
    }
    return Optional.of(new ToolFailure(ToolFailure.Kind.BAD_RESPONSE, "MCP server "
        + server.name() + " no longer lists " + m.mcpName() + " after a restart"));
  }

  private ToolFailure failure(McpConfig.Mapped m, RuntimeException e) {
    String what = "MCP tool " + server.name() + "/" + m.mcpName() + ": ";
    if (e instanceof McpSession.ServerExited || !session.aliveAfterFailure()) {
      closeSession();
      return new ToolFailure(ToolFailure.Kind.WORKER_CRASHED, what + e.getMessage());
    }
    if (hasCause(e, TimeoutException.class)) {
      closeSession(); // a server that missed its deadline may still be working: start afresh
      return new ToolFailure(ToolFailure.Kind.TIMEOUT, what + "no answer within "
          + server.timeoutMs() + " ms");
    }
    if (e instanceof McpError) {
      return new ToolFailure(ToolFailure.Kind.BAD_RESPONSE, what + "error response: "
          + e.getMessage());
    }
    if (e instanceof ThymosException) { // the output was not I-JSON (E1.2)
      return new ToolFailure(ToolFailure.Kind.BAD_RESPONSE, what + e.getMessage());
    }
    return new ToolFailure(ToolFailure.Kind.BAD_RESPONSE, what + e);
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  static JsonObject schema(McpSchema.Tool t) {
    Json s = McpSession.toJson(t.inputSchema());
    if (s instanceof JsonObject o) {
      return o;
    }
    return JsonObject.EMPTY;
  }

  private void closeSession() {
    if (session != null) {
      session.close();
      session = null;
    }
  }

  @Override
  public synchronized void close() {
    closeSession();
  }
}
