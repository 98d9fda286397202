package thymos.tools.mcp.internal;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One running MCP server, spoken to through the SDK's sync client over stdio (T7.1). Not thread
 * safe on its own; {@link ServerLink} serialises use.
 */
final class McpSession implements AutoCloseable {

  static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final int MAX_PAGES = 100;

  private final ConfinedStdioTransport transport;
  private final McpSyncClient client;

  private McpSession(ConfinedStdioTransport transport, McpSyncClient client) {
    this.transport = transport;
    this.client = client;
  }

  /** Starts the server and runs the MCP initialisation handshake. */
  static McpSession start(McpConfig.Server server) {
    requireProgram(server.command().get(0));
    ServerParameters params = ServerParameters.builder(server.command().get(0))
        .args(server.command().subList(1, server.command().size()))
        .env(server.env())
        .build();
    var transport = new ConfinedStdioTransport(params, new JacksonMcpJsonMapper(MAPPER));
    transport.setStdErrorHandler(line -> { }); // server stderr is untrusted noise, not logged
    McpSyncClient client = McpClient.sync(transport)
        .requestTimeout(Duration.ofMillis(server.timeoutMs()))
        .initializationTimeout(Duration.ofMillis(server.startTimeoutMs()))
        .clientInfo(McpSchema.Implementation.builder("thymos", "0.1.0").build())
        .jsonSchemaValidator(new DefaultJsonSchemaValidator(MAPPER))
        .build();
    McpSession session = new McpSession(transport, client);
    try {
      client.initialize();
      return session;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /**
   * Refuses a program that is neither an executable path nor on the runtime's PATH: the SDK
   * would only report it after the whole initialisation timeout.
   */
  private static void requireProgram(String program) {
    boolean found;
    if (program.contains("/")) {
      found = java.nio.file.Files.isExecutable(java.nio.file.Path.of(program));
    } else {
      String path = System.getenv().getOrDefault("PATH", "");
      found = java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
          .filter(d -> !d.isEmpty())
          .anyMatch(d -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(d, program)));
    }
    if (!found) {
      throw new IllegalStateException("program not found or not executable: " + program);
    }
  }

  /** Every tool the server lists, following pagination. */
  List<McpSchema.Tool> listTools() {
    List<McpSchema.Tool> out = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      if (++pages > MAX_PAGES) { // a server cycling its cursor must not hang the runtime
        throw new IllegalStateException("tools/list did not end after " + MAX_PAGES + " pages");
      }
      McpSchema.ListToolsResult page = cursor == null ? client.listTools() : client.listTools(cursor);
      if (page.tools() != null) {
        out.addAll(page.tools());
      }
      cursor = page.nextCursor();
    } while (cursor != null && !cursor.isEmpty());
    return out;
  }

  /**
   * {@code tools/call}; throws what the SDK throws, or {@link ServerExited} as soon as the server
   * process ends before answering (the SDK itself would wait for the request timeout).
   */
  McpSchema.CallToolResult call(String mcpName, JsonObject args) {
    Map<String, Object> arguments = MAPPER.readValue(args.canonicalString(), MAP);
    var request = McpSchema.CallToolRequest.builder(mcpName).arguments(arguments).build();
    Optional<Process> process = transport.process();
    if (process.isEmpty()) {
      return client.callTool(request);
    }
    CompletableFuture<McpSchema.CallToolResult> call = new CompletableFuture<>();
    Thread.ofVirtual().name("mcp-call-" + mcpName).start(() -> {
      try {
        call.complete(client.callTool(request));
      } catch (Throwable t) {
        call.completeExceptionally(t);
      }
    });
    CompletableFuture.anyOf(call, process.get().onExit()).join();
    try {
      // an answer read just before the exit still counts
      return call.get(call.isDone() ? 0 : 200, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new ServerExited(process.get().exitValue());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerExited(-1);
    }
  }

  /** The server process ended while a call was pending. */
  static final class ServerExited extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ServerExited(int status) {
      super("the server process exited with status " + status + " during the call");
    }
  }

  /** Whether the server process still runs. */
  boolean alive() {
    return transport.process().map(Process::isAlive).orElse(false);
  }

  /** Whether the server process still runs, waiting briefly for an exit already under way. */
  boolean aliveAfterFailure() {
    Optional<Process> p = transport.process();
    if (p.isEmpty()) {
      return false;
    }
    try {
      return !p.get().waitFor(200, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return p.get().isAlive();
    }
  }

  /** An SDK value (schema map, content list) as Thymos JSON, read strictly (E1.2). */
  static Json toJson(Object value) {
    return Json.parse(MAPPER.writeValueAsString(value));
  }

  @Override
  public void close() {
    // the process first: the SDK's close waits for a server that may be busy or stuck
    transport.process().ifPresent(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
    transport.process().ifPresent(Process::destroyForcibly);
    try {
      client.close();
    } catch (RuntimeException ignored) {
      // closing a dead server must not fail the caller
    }
  }

  /**
   * The SDK's stdio transport with the runtime's environment cleared: the server gets the
   * SDK's minimal set ({@code HOME LOGNAME PATH SHELL TERM USER}) and the configured {@code env}
   * only (as T4.3 for workers).
   */
  static final class ConfinedStdioTransport extends StdioClientTransport {

    ConfinedStdioTransport(ServerParameters params, JacksonMcpJsonMapper mapper) {
      super(params, mapper);
    }

    @Override
    protected ProcessBuilder getProcessBuilder() {
      ProcessBuilder pb = new ProcessBuilder();
      pb.environment().clear();
      return pb;
    }

    /** The server process; the SDK keeps it private, its automatic module opens it. */
    Optional<Process> process() {
      try {
        Field f = StdioClientTransport.class.getDeclaredField("process");
        f.setAccessible(true);
        return Optional.ofNullable((Process) f.get(this));
      } catch (ReflectiveOperationException | RuntimeException e) {
        return Optional.empty();
      }
    }
  }
}
