package thymos.tools.internal;

import java.util.Optional;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Delta;
import thymos.api.model.EffectClass;
import thymos.api.model.ResourceKey;
import thymos.api.model.ResourceState;
import thymos.api.model.RiskClass;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolDescriptor;
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;

/**
 * {@code kv_get} (T2, read / low): the live value of resource {@code kv/<key>} in the world the
 * call sees, as {@code {key, value, version}}; {@code not_found} when absent or retracted. The
 * delta is empty.
 */
public final class KvGet extends OneCallTool {

  static final String SCHEMA = """
      {"type":"object","additionalProperties":false,"required":["key"],
       "properties":{"key":{"type":"string","minLength":1}}}""";

  /** The tool; it holds no state. */
  public KvGet() {
    super(new ToolDescriptor("kv_get", "1",
        "Read the value stored under a key in the world.", (JsonObject) Json.parse(SCHEMA),
        EffectClass.READ, RiskClass.LOW, false));
  }

  @Override
  public ToolOutcome execute(ToolContext context) {
    String key = ToolSupport.string(context.args(), "key");
    Optional<ResourceState> s = context.world().get(new ResourceKey("kv", key));
    if (s.isEmpty()) {
      return new ToolFailure(ToolFailure.Kind.NOT_FOUND, "no value under key \"" + key + "\"");
    }
    return ToolResult.of(ToolSupport.object("key", key, "value", s.get().value(),
        "version", s.get().version()), Delta.EMPTY);
  }
}
