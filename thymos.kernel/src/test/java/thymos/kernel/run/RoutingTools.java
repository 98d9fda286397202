package thymos.kernel.run;

import java.util.Map;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.EffectClass;
import thymos.api.model.RiskClass;
import thymos.api.spi.ManualClock;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolDescriptor;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;

/** The tools {@link RoutingPlay} runs with. */
final class RoutingTools {

  private RoutingTools() {}

  /**
   * A tool over {@code kv/<key>} whose run takes {@code latencyMs} on the fixture's manual clock
   * and either returns {@code {out: <output marker>}} or throws with the marker as message.
   */
  static final class MarkerTool implements Tool {
    private final ToolDescriptor descriptor;
    private final boolean throwing;
    private final ManualClock clock;
    volatile String output = "";
    volatile long latencyMs;

    MarkerTool(String name, EffectClass effect, RiskClass risk, boolean throwing,
        ManualClock clock) {
      this.clock = clock;
      descriptor = new ToolDescriptor(name, "1.0", "test tool " + name,
          (JsonObject) Json.parse(RunFixture.KV_SCHEMA), effect, risk, false);
      this.throwing = throwing;
    }

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
      clock.advance(latencyMs);
      if (throwing) {
        throw new IllegalStateException(output);
      }
      return ToolResult.of(Json.object(Map.of("out", Json.string(output))),
          RunFixture.KvTool.delta(context));
    }
  }
}
