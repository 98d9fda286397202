package thymos.tools.mcp.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import thymos.api.ConfigurationException;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.json.StrictObject;
import thymos.api.model.EffectClass;
import thymos.api.model.RiskClass;
import thymos.api.spi.ToolDescriptor;

/**
 * The bridge configuration (T7.1), read strictly: every unknown or mistyped member is a {@code
 * THY-T701} naming its JSON pointer; an unreadable mapping file is {@code THY-T702}.
 *
 * @param servers the servers, in configuration order
 */
public record McpConfig(List<Server> servers) {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern PIN = Pattern.compile("[0-9a-f]{64}");
  private static final long MAX_TIMEOUT_MS = 600_000;

  /** Copies the list. */
  public McpConfig {
    servers = List.copyOf(servers);
  }

  /**
   * One MCP server started over stdio.
   *
   * @param name the server's name in diagnostics, tool-name grammar (T1.1)
   * @param command the argv: program and arguments, no shell
   * @param env the only variables set for the server besides the SDK's minimal set
   * @param timeoutMs the time allowed for one call
   * @param startTimeoutMs the time allowed for start, initialisation and {@code tools/list}
   * @param mapping MCP tool name → mapping; tools not in it are not exposed
   */
  public record Server(String name, List<String> command, Map<String, String> env,
      long timeoutMs, long startTimeoutMs, Map<String, Mapped> mapping) {

    /** Copies the collections. */
    public Server {
      command = List.copyOf(command);
      env = Map.copyOf(env);
      mapping = Map.copyOf(mapping);
    }
  }

  /**
   * How one MCP tool appears in Thymos (T7.1, T7.2).
   *
   * @param mcpName the tool's name on the server
   * @param name its Thymos tool name (T1.1)
   * @param effect its effect class, set by the mapping, never by the server (T7.2)
   * @param risk its risk class
   * @param pin the approved definition hash (64 lower-case hex)
   */
  public record Mapped(String mcpName, String name, EffectClass effect, RiskClass risk,
      String pin) {}

  /**
   * Reads the provider configuration {@code {servers: [{name, command, env?, timeout_ms?,
   * start_timeout_ms?, mapping}]}}.
   *
   * @throws ConfigurationException {@code THY-T701} or {@code THY-T702}
   */
  public static McpConfig read(JsonObject config) {
    try {
      StrictObject o = StrictObject.of(config, "");
      JsonArray arr = o.array("servers");
      List<Server> servers = new ArrayList<>();
      Map<String, String> toolOwners = new HashMap<>();
      for (int i = 0; i < arr.size(); i++) {
        Server s = server(arr.get(i), StrictObject.child("/servers", i));
        for (Server prior : servers) {
          if (prior.name().equals(s.name())) {
            throw new ProtocolViolation("T7.1", StrictObject.child("/servers", i) + "/name",
                "two servers are named \"" + s.name() + "\"");
          }
        }
        for (Mapped m : s.mapping().values()) {
          String other = toolOwners.putIfAbsent(m.name(), s.name() + "/" + m.mcpName());
          if (other != null) {
            throw new ProtocolViolation("T1.2", StrictObject.child("/servers", i) + "/mapping",
                "Thymos tool name \"" + m.name() + "\" is mapped twice: " + other + " and "
                + s.name() + "/" + m.mcpName());
          }
        }
        servers.add(s);
      }
      o.end();
      return new McpConfig(servers);
    } catch (ProtocolViolation e) {
      throw t701(e, "");
    }
  }

  private static Server server(Json json, String at) {
    StrictObject o = StrictObject.of(json, at);
    String name = o.string("name");
    if (!ToolDescriptor.isValidName(name)) {
      throw new ProtocolViolation("T7.1", o.pointer("name"),
          "server name \"" + name + "\" does not match [a-z][a-z0-9_.-]{0,63}");
    }
    JsonArray argv = o.array("command");
    List<String> command = new ArrayList<>();
    for (int i = 0; i < argv.size(); i++) {
      command.add(StrictObject.asString(argv.get(i), StrictObject.child(o.pointer("command"), i)));
    }
    if (command.isEmpty() || command.get(0).isEmpty()) {
      throw new ProtocolViolation("T7.1", o.pointer("command"), "the command needs a program");
    }
    Map<String, String> env = new LinkedHashMap<>();
    o.optRead("env", (v, p) -> {
      StrictObject e = StrictObject.of(v, p);
      for (String k : e.json().members().keySet()) {
        if (!ENV_NAME.matcher(k).matches()) {
          throw new ProtocolViolation("T7.1", e.pointer(k), "not an environment name: " + k);
        }
        env.put(k, e.string(k));
      }
      e.end();
      return null;
    });
    long timeout = timeout(o, "timeout_ms", 30_000);
    long startTimeout = timeout(o, "start_timeout_ms", 30_000);
    Json m = o.value("mapping");
    Map<String, Mapped> mapping;
    if (m instanceof JsonString file) {
      mapping = mappingFile(file.value(), o.pointer("mapping"));
    } else {
      mapping = mapping(m, o.pointer("mapping"));
    }
    o.end();
    return new Server(name, command, env, timeout, startTimeout, mapping);
  }

  private static long timeout(StrictObject o, String member, long dflt) {
    long v = o.optNonNegative(member).orElse(dflt);
    if (v < 1 || v > MAX_TIMEOUT_MS) {
      throw new ProtocolViolation("T7.1", o.pointer(member),
          "expected 1.." + MAX_TIMEOUT_MS + ", found " + v);
    }
    return v;
  }

  private static Map<String, Mapped> mappingFile(String file, String at) {
    Json json;
    try {
      json = Json.parse(Files.readAllBytes(Path.of(file)));
    } catch (IOException | InvalidPathException e) {
      throw new ConfigurationException("THY-T702", "T7.1", "mapping file at " + at + " ("
          + file + ") cannot be read: " + e, List.of(), e);
    } catch (ProtocolViolation e) {
      throw new ConfigurationException("THY-T702", "T7.1", "mapping file " + file
          + " is not JSON: " + e.getMessage(), List.of(), e);
    }
    try {
      return mapping(json, "");
    } catch (ProtocolViolation e) {
      throw t701(e, "mapping file " + file + " ");
    }
  }

  /** {@code {mcp tool name: {name, effect, risk, compensable?, pin}}}. */
  static Map<String, Mapped> mapping(Json json, String at) {
    StrictObject o = StrictObject.of(json, at);
    Map<String, Mapped> out = new LinkedHashMap<>();
    for (String mcpName : o.json().members().keySet()) {
      StrictObject t = o.nested(mcpName);
      String name = t.string("name");
      if (!ToolDescriptor.isValidName(name)) {
        throw new ProtocolViolation("T1.1", t.pointer("name"),
            "tool name \"" + name + "\" does not match [a-z][a-z0-9_.-]{0,63}");
      }
      EffectClass effect = t.read("effect", EffectClass::fromJson);
      RiskClass risk = t.read("risk", RiskClass::fromJson);
      if (t.optBool("compensable").orElse(false)) {
        throw new ProtocolViolation("X6.1", t.pointer("compensable"),
            "an MCP tool cannot compensate its commits: the protocol has no undo");
      }
      String pin = t.string("pin");
      if (!PIN.matcher(pin).matches()) {
        throw new ProtocolViolation("T7.2", t.pointer("pin"),
            "a pin is 64 lower-case hex characters (McpPins.pin), found \"" + pin + "\"");
      }
      t.end();
      out.put(mcpName, new Mapped(mcpName, name, effect, risk, pin));
    }
    o.end();
    return out;
  }

  private static ConfigurationException t701(ProtocolViolation e, String where) {
    String m = e.getMessage();
    return new ConfigurationException("THY-T701", "T7.1", "tool provider mcp: " + where
        + "configuration " + m.substring(m.indexOf("] ") + 2), List.of(), e);
  }
}
