package thymos.tools.internal;

import java.util.Optional;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.CommitPayload;
import thymos.api.model.Delta;
import thymos.api.model.DeltaOp;
import thymos.api.model.EffectClass;
import thymos.api.model.ResourceKey;
import thymos.api.model.ResourceState;
import thymos.api.model.RiskClass;
import thymos.api.model.World;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolDescriptor;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;

/**
 * {@code kv_put} (T2, write / low, compensable): stores a value under resource {@code kv/<key>} —
 * {@code create} for an absent or retracted key, {@code replace} of the current version otherwise
 * (M5). The output is {@code {key, created, previous?}} where {@code previous} is the value it
 * replaced, which {@link #compensate} restores (X6.1).
 */
public final class KvPut extends OneCallTool {

  static final String NAME = "kv_put";
  static final String SCHEMA = """
      {"type":"object","additionalProperties":false,"required":["key","value"],
       "properties":{"key":{"type":"string","minLength":1},"value":{}}}""";

  /** The tool; it holds no state. */
  public KvPut() {
    super(new ToolDescriptor(NAME, "1",
        "Store a JSON value under a key in the world.", (JsonObject) Json.parse(SCHEMA),
        EffectClass.WRITE, RiskClass.LOW, true));
  }

  @Override
  public ToolOutcome execute(ToolContext context) {
    String key = ToolSupport.string(context.args(), "key");
    Json value = context.args().get("value").orElseThrow(
        () -> new IllegalArgumentException("member \"value\" is required"));
    ResourceKey rk = new ResourceKey("kv", key);
    Optional<ResourceState> before = context.world().get(rk);
    return ToolResult.of(ToolSupport.object("key", key, "created", before.isEmpty(),
        "previous", before.map(ResourceState::value).orElse(null)),
        Delta.of(FsWrite.upsert(context.world(), rk, value)));
  }

  /**
   * Undoes {@code commit} (X6.1): retracts a key it created, or puts back the value it replaced.
   * Refused ({@code not_compensable}) when its output was redacted or the key changed since.
   */
  @Override
  public ToolOutcome compensate(CommitPayload commit, World world) {
    Optional<JsonObject> out = ToolSupport.cleanOutput(commit, NAME);
    if (out.isEmpty()) {
      return ToolSupport.notCompensable(NAME, "the commit's output is missing or was redacted");
    }
    String key = ToolSupport.string(out.get(), "key");
    ResourceKey rk = new ResourceKey("kv", key);
    Optional<ResourceState> now = world.get(rk);
    if (now.isEmpty() || !ToolSupport.written(commit, rk).equals(Optional.of(now.get().value()))) {
      return ToolSupport.notCompensable(NAME, rk + " changed since the commit");
    }
    long version = now.get().version();
    if (ToolSupport.optBool(out.get(), "created").orElse(false)) {
      return ToolResult.of(ToolSupport.object("key", key, "retracted", true),
          Delta.of(new DeltaOp.Retract(rk, version, "compensated " + NAME)));
    }
    Optional<Json> previous = out.get().get("previous");
    if (previous.isEmpty()) {
      return ToolSupport.notCompensable(NAME, "the commit recorded no previous value");
    }
    return ToolResult.of(ToolSupport.object("key", key, "restored", true),
        Delta.of(new DeltaOp.Replace(rk, version, previous.get())));
  }
}
