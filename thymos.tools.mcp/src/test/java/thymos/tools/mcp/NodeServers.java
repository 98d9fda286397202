package thymos.tools.mcp;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;

/**
 * The npm MCP servers the build installs (T7.4): node, the reference filesystem server and the
 * test script. Missing pieces fail the test under {@code CI=true} and skip it visibly elsewhere.
 */
final class NodeServers {

  private NodeServers() {}

  static Path servers() {
    return Path.of(System.getProperty("thymos.mcp.servers", "target/mcp-servers"));
  }

  /** The absolute path of {@code node} on PATH, or a failure/skip. */
  static String node() {
    Optional<Path> node = List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
        .map(d -> Path.of(d, "node")).filter(Files::isExecutable).findFirst();
    require(node.isPresent(), "node is not on PATH");
    return node.get().toString();
  }

  /** argv of the reference filesystem server confined to {@code root}. */
  static List<String> filesystemServer(Path root) {
    Path index = servers().resolve(
        "node_modules/@modelcontextprotocol/server-filesystem/dist/index.js");
    require(Files.isRegularFile(index), "@modelcontextprotocol/server-filesystem is not installed"
        + " at " + index + " (the build runs npm install in generate-test-resources)");
    return List.of(node(), index.toString(), root.toString());
  }

  /** argv of the test server script (copied beside node_modules so its imports resolve). */
  static List<String> changingServer() {
    Path sdk = servers().resolve("node_modules/@modelcontextprotocol/sdk/package.json");
    require(Files.isRegularFile(sdk), "@modelcontextprotocol/sdk is not installed at " + sdk);
    Path script = servers().resolve("changing-server.mjs");
    try {
      Files.copy(Path.of(System.getProperty("thymos.mcp.scripts", "src/test/node"),
          "changing-server.mjs"), script, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return List.of(node(), script.toString());
  }

  static void require(boolean present, String what) {
    if (present) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("T7.4 needs a real MCP server under CI: " + what);
    }
    System.err.println("SKIPPED (not CI): " + what);
    assumeTrue(false, what);
  }

  /** A provider configuration with one server. */
  static JsonObject config(String name, List<String> command, String env, String mapping) {
    return config(name, command, env, mapping, 20_000);
  }

  /** As {@link #config(String, List, String, String)} with a call timeout. */
  static JsonObject config(String name, List<String> command, String env, String mapping,
      long timeoutMs) {
    StringBuilder argv = new StringBuilder();
    for (String a : command) {
      argv.append(argv.isEmpty() ? "" : ",").append(Json.string(a).canonicalString());
    }
    return (JsonObject) Json.parse("{\"servers\":[{\"name\":\"" + name + "\",\"command\":["
        + argv + "]," + (env == null ? "" : "\"env\":" + env + ",")
        + "\"timeout_ms\":" + timeoutMs + ",\"mapping\":" + mapping + "}]}");
  }

  /** The pins a server lists, by MCP tool name: the approval step (open with no mapping). */
  static java.util.Map<String, String> pins(String name, List<String> command, String env) {
    try (McpBridge b = McpBridge.open(config(name, command, env, "{}"))) {
      java.util.Map<String, String> out = new java.util.TreeMap<>();
      for (McpDiagnostic d : b.diagnostics()) {
        out.put(d.mcpTool(), d.actualPin().orElseThrow());
      }
      return out;
    }
  }
}
