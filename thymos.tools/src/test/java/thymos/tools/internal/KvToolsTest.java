package thymos.tools.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Delta;
import thymos.api.model.DeltaOp;
import thymos.api.model.EffectClass;
import thymos.api.model.ResourceKey;
import thymos.api.model.World;
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolResult;

class KvToolsTest {

  final KvGet get = new KvGet();
  final KvPut put = new KvPut();

  @Test
  void required_T2_kvDescriptors() {
    assertEquals(EffectClass.READ, get.descriptor().effect());
    assertEquals(EffectClass.WRITE, put.descriptor().effect());
    assertTrue(put.descriptor().compensable());
    assertEquals(1, put.estimate(JsonObject.EMPTY).toolCalls());
  }

  @Test
  void required_T2_kvPutCreatesThenReplaces() {
    ToolResult first = Contexts.ok(put.execute(Contexts.of("{\"key\":\"k\",\"value\":[1]}",
        World.EMPTY)));
    ResourceKey k = new ResourceKey("kv", "k");
    assertEquals(Delta.of(new DeltaOp.Create(k, Json.parse("[1]"))), first.delta());
    World w = Contexts.apply(World.EMPTY, first.delta());
    ToolResult second = Contexts.ok(put.execute(Contexts.of("{\"key\":\"k\",\"value\":2}", w)));
    assertEquals(Delta.of(new DeltaOp.Replace(k, 1, Json.integer(2))), second.delta());
    assertEquals(Json.parse("[1]"), ((JsonObject) second.output()).get("previous").orElseThrow());
    w = Contexts.apply(w, second.delta());
    JsonObject got = Contexts.out(get.execute(Contexts.of("{\"key\":\"k\"}", w)));
    assertEquals(Json.integer(2), got.get("value").orElseThrow());
    assertEquals(Json.integer(2), got.get("version").orElseThrow());
  }

  @Test
  void required_T2_kvGetReadLeavesWorldUnchanged() {
    World w = Contexts.apply(World.EMPTY, Contexts.ok(put.execute(Contexts.of(
        "{\"key\":\"k\",\"value\":null}", World.EMPTY))).delta());
    ToolResult r = Contexts.ok(get.execute(Contexts.of("{\"key\":\"k\"}", w)));
    assertEquals(Delta.EMPTY, r.delta());
    assertEquals(Json.nullValue(), ((JsonObject) r.output()).get("value").orElseThrow());
  }

  @Test
  void required_T1_4_kvGetMissingIsNotFound() {
    ToolFailure f = assertInstanceOf(ToolFailure.class,
        get.execute(Contexts.of("{\"key\":\"missing\"}", World.EMPTY)));
    assertEquals(ToolFailure.Kind.NOT_FOUND, f.kind());
    World retracted = Contexts.apply(Contexts.apply(World.EMPTY, Delta.of(new DeltaOp.Create(
        new ResourceKey("kv", "gone"), Json.integer(1)))), Delta.of(new DeltaOp.Retract(
        new ResourceKey("kv", "gone"), 1, "test")));
    assertInstanceOf(ToolFailure.class,
        get.execute(Contexts.of("{\"key\":\"gone\"}", retracted)));
    // a put after a retraction re-creates the key (M5 create on a retracted key)
    assertInstanceOf(DeltaOp.Create.class, Contexts.ok(put.execute(Contexts.of(
        "{\"key\":\"gone\",\"value\":2}", retracted))).delta().ops().get(0));
  }

  /** Every sequence of puts applies to the world it was computed from, and get sees the last. */
  @Property
  void putsAlwaysApply(@ForAll @Size(min = 1, max = 20) List<@IntRange(max = 3) Integer> keys) {
    World w = World.EMPTY;
    for (int i = 0; i < keys.size(); i++) {
      w = Contexts.apply(w, Contexts.ok(put.execute(Contexts.of(
          "{\"key\":\"k" + keys.get(i) + "\",\"value\":" + i + "}", w))).delta());
    }
    int last = keys.lastIndexOf(keys.get(keys.size() - 1));
    assertEquals(Json.integer(last), Contexts.out(get.execute(Contexts.of(
        "{\"key\":\"k" + keys.get(keys.size() - 1) + "\"}", w))).get("value").orElseThrow());
  }
}
