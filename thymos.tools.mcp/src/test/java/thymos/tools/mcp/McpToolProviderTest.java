package thymos.tools.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.ConfigurationException;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.spi.ToolProvider;

/** Registration, strict configuration (T7.1) and pins (T7.2); no server is started. */
class McpToolProviderTest {

  static final String PIN = "0".repeat(64);

  @TempDir Path tmp;

  private static ConfigurationException refused(String config) {
    return assertThrows(ConfigurationException.class,
        () -> new McpToolProvider().tools((JsonObject) Json.parse(config)));
  }

  private static String server(String members) {
    return "{\"servers\":[{\"name\":\"s\",\"command\":[\"node\"]," + members + "}]}";
  }

  private static String tool(String members) {
    return server("\"mapping\":{\"t\":{\"name\":\"mcp_t\",\"effect\":\"read\",\"risk\":\"low\","
        + "\"pin\":\"" + PIN + "\"" + members + "}}");
  }

  @Test
  void providesAndServiceFileAgree() throws IOException {
    ModuleDescriptor d = McpToolProvider.class.getModule().getDescriptor();
    assertEquals("thymos.tools.mcp", d.name());
    List<String> declared = d.provides().stream()
        .filter(x -> x.service().equals(ToolProvider.class.getName()))
        .flatMap(x -> x.providers().stream()).toList();
    String file;
    try (InputStream in = McpToolProvider.class.getModule()
        .getResourceAsStream("META-INF/services/" + ToolProvider.class.getName())) {
      file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(declared, file.lines().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
    assertEquals(List.of(McpToolProvider.class.getName()), declared);
    assertEquals("mcp", new McpToolProvider().name());
  }

  @Test
  void anUnconfiguredProviderStartsNothingAndSuppliesNoTools() {
    // a runtime with the module on its path but no "mcp" configuration (the CLI's default)
    McpToolProvider p = new McpToolProvider();
    assertEquals(List.of(), p.tools(thymos.api.json.JsonObject.EMPTY));
    assertEquals(List.of(), p.diagnostics());
    assertEquals("THY-T701", refused("{\"servers\":{}}").code()); // configured, but wrongly
  }

  @Test
  void required_T7_1_configurationIsStrictAndNamesThePointer() {
    ConfigurationException top = refused("{\"servers\":[],\"extra\":1}");
    assertEquals("THY-T701", top.code());
    assertTrue(top.getMessage().contains("/extra"), top.getMessage());
    ConfigurationException inServer = refused(server("\"mapping\":{},\"shell\":true"));
    assertEquals("THY-T701", inServer.code());
    assertTrue(inServer.getMessage().contains("/servers/0/shell"), inServer.getMessage());
    ConfigurationException inTool = refused(tool(",\"authority\":\"all\""));
    assertTrue(inTool.getMessage().contains("/servers/0/mapping/t/authority"),
        inTool.getMessage());
    assertTrue(refused(tool(",\"compensable\":true")).getMessage()
        .contains("/servers/0/mapping/t/compensable"));
    assertTrue(refused(tool("").replace(PIN, "ABC")).getMessage()
        .contains("/servers/0/mapping/t/pin"));
    assertTrue(refused(tool("").replace("mcp_t", "Bad Name")).getMessage()
        .contains("/servers/0/mapping/t/name"));
    assertTrue(refused(server("\"env\":{\"A=B\":\"x\"},\"mapping\":{}")).getMessage()
        .contains("/servers/0/env/A=B"));
    assertTrue(refused(server("\"timeout_ms\":0,\"mapping\":{}")).getMessage()
        .contains("/servers/0/timeout_ms"));
    assertEquals("THY-T701", refused("{\"servers\":[{\"name\":\"s\",\"command\":[],"
        + "\"mapping\":{}}]}").code());
  }

  @Test
  void required_T7_1_mappingFileIsReadStrictly() throws IOException {
    Path file = tmp.resolve("mapping.json");
    ConfigurationException missing = refused(server("\"mapping\":"
        + Json.string(file.toString()).canonicalString()));
    assertEquals("THY-T702", missing.code());
    Files.writeString(file, "{\"t\":{\"name\":\"mcp_t\",\"effect\":\"read\",\"risk\":\"low\","
        + "\"pin\":\"" + PIN + "\",\"extra\":1}}");
    ConfigurationException bad = refused(server("\"mapping\":"
        + Json.string(file.toString()).canonicalString()));
    assertEquals("THY-T701", bad.code());
    assertTrue(bad.getMessage().contains(file.toString()) && bad.getMessage().contains("/t/extra"),
        bad.getMessage());
  }

  @Test
  void required_T7_3_aServerThatCannotStartIsAConfigurationError() {
    ConfigurationException e = refused("{\"servers\":[{\"name\":\"s\",\"command\":["
        + Json.string(tmp.resolve("no-such-program").toString()).canonicalString()
        + "],\"start_timeout_ms\":5000,\"mapping\":{}}]}");
    assertEquals("THY-T703", e.code());
    assertTrue(e.getMessage().contains("no-such-program"), e.getMessage());
  }

  @Test
  void required_T7_2_pinCoversNameDescriptionAndSchema() {
    JsonObject schema = (JsonObject) Json.parse("{\"type\":\"object\",\"properties\":{}}");
    String pin = McpPins.pin("echo", "Echoes.", schema);
    assertTrue(pin.matches("[0-9a-f]{64}"));
    assertEquals(pin, McpPins.pin("echo", "Echoes.",
        (JsonObject) Json.parse("{\"properties\":{},\"type\":\"object\"}")));
    assertNotEquals(pin, McpPins.pin("echo2", "Echoes.", schema));
    assertNotEquals(pin, McpPins.pin("echo", "Echoes!", schema));
    assertNotEquals(pin, McpPins.pin("echo", null, schema));
    assertNotEquals(pin, McpPins.pin("echo", "Echoes.", JsonObject.EMPTY));
  }
}
