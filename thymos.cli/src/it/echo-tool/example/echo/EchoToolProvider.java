package example.echo;

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

/** The {@code echo} tool provider: tiny, side-effect free, no I/O before {@link #tools}. */
public final class EchoToolProvider implements ToolProvider {

  /** A provider; does nothing until {@link #tools}. */
  public EchoToolProvider() {}

  @Override
  public String name() {
    return "echo";
  }

  @Override
  public String specVersion() {
    return "1";
  }

  @Override
  public List<Tool> tools(JsonObject config) {
    return List.of(new Echo());
  }

  /** {@code echo} (pure, low risk): returns its arguments; the world is unchanged. */
  static final class Echo implements Tool {
    private final ToolDescriptor descriptor = new ToolDescriptor("echo", "1",
        "Return the arguments unchanged.", (JsonObject) Json.parse("{\"type\":\"object\"}"),
        EffectClass.PURE, RiskClass.LOW, false);

    @Override
    public ToolDescriptor descriptor() {
      return descriptor;
    }

    @Override
    public Budget estimate(JsonObject args) {
      return new Budget(0, 1, 0, 0);
    }

    @Override
    public ToolOutcome execute(ToolContext context) {
      return ToolResult.of(context.args(), Delta.EMPTY);
    }
  }
}
