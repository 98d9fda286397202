package thymos.kernel.registry;

import java.util.List;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.Delta;
import thymos.api.model.EffectClass;
import thymos.api.model.RiskClass;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolDescriptor;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolProvider;
import thymos.api.spi.ToolResult;

/** Minimal tools and providers for registry tests. */
final class TestTools {

  private TestTools() {}

  static JsonObject schema(String json) {
    return (JsonObject) Json.parse(json);
  }

  static Tool tool(String name) {
    return tool(name, "{\"type\":\"object\"}");
  }

  static Tool tool(String name, String schemaJson) {
    return new EchoTool(new ToolDescriptor(name, "1", "test tool " + name, schema(schemaJson),
        EffectClass.READ, RiskClass.LOW, false));
  }

  /** A tool that returns its arguments and changes nothing. */
  record EchoTool(ToolDescriptor descriptor) implements Tool {
    @Override
    public Budget estimate(JsonObject args) {
      return new Budget(0, 1, 0, 0);
    }

    @Override
    public ToolOutcome execute(ToolContext context) {
      return ToolResult.of(context.args(), Delta.EMPTY);
    }
  }

  /** A provider with a fixed name and tools; records the configuration it was opened with. */
  static final class FixedProvider implements ToolProvider {
    private final String name;
    private final List<Tool> tools;
    JsonObject openedWith;

    FixedProvider(String name, Tool... tools) {
      this.name = name;
      this.tools = List.of(tools);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String specVersion() {
      return "1";
    }

    @Override
    public List<Tool> tools(JsonObject config) {
      openedWith = config;
      return tools;
    }
  }
}
