package thymos.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;

/** Algebraic claims of M5 and R4 over random worlds and deltas. */
class WorldPropertiesTest {

  /** A distinct, deterministic entry id per fold position. */
  static Hash32 entryId(int i) {
    byte[] b = new byte[Hash32.LENGTH];
    b[0] = (byte) (i >>> 24);
    b[1] = (byte) (i >>> 16);
    b[2] = (byte) (i >>> 8);
    b[3] = (byte) i;
    b[31] = 1;
    return Hash32.of(b);
  }

  @Provide
  Arbitrary<List<Delta>> histories() {
    return ModelArbitraries.delta().list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<Delta> deltas() {
    return ModelArbitraries.delta();
  }

  private static WorldBuilder fold(List<Delta> history) {
    WorldBuilder b = new WorldBuilder();
    for (int i = 0; i < history.size(); i++) {
      b.apply(history.get(i), entryId(i));
    }
    return b;
  }

  @Property
  void required_M5_1_failingDeltaLeavesWorldUnchanged(
      @ForAll("histories") List<Delta> history, @ForAll("deltas") Delta delta) {
    WorldBuilder b = fold(history);
    World before = b.build();
    Optional<DeltaConflict> conflict = b.apply(delta, entryId(999));
    if (conflict.isPresent()) {
      assertEquals(before, b.build());
      assertEquals(before.toJson(), b.toJson());
      DeltaResult r = before.apply(delta, entryId(999));
      assertEquals(conflict.get(), r);
    }
  }

  @Property
  void required_M5_1_conflictNamesTheFirstFailingOp(
      @ForAll("histories") List<Delta> history, @ForAll("deltas") Delta delta) {
    World world = fold(history).build();
    if (world.apply(delta, entryId(999)) instanceof DeltaConflict c) {
      WorldBuilder b = world.toBuilder();
      List<DeltaOp> ops = delta.ops();
      assertEquals(Optional.empty(), b.apply(new Delta(ops.subList(0, c.opIndex())), entryId(1)),
          "the ops before the named one apply");
      Optional<DeltaConflict> alone =
          b.apply(Delta.of(ops.get(c.opIndex())), entryId(2));
      assertTrue(alone.isPresent(), "the named op fails on its own");
      assertEquals(c.key(), alone.get().key());
      assertEquals(c.actualVersion(), alone.get().actualVersion());
      assertEquals(c.expectedVersion(), alone.get().expectedVersion());
    }
  }

  @Property
  void required_M5_versionsStrictlyIncreasePerKey(@ForAll("histories") List<Delta> history) {
    WorldBuilder b = new WorldBuilder();
    Map<ResourceKey, Long> seen = new HashMap<>();
    for (int i = 0; i < history.size(); i++) {
      Delta d = history.get(i);
      if (b.apply(d, entryId(i)).isPresent()) {
        continue;
      }
      Map<ResourceKey, Long> touches = new HashMap<>();
      d.ops().forEach(op -> touches.merge(op.key(), 1L, Long::sum));
      for (ResourceKey k : touches.keySet()) {
        long now = b.stateIncludingRetracted(k).orElseThrow().version();
        long before = seen.getOrDefault(k, 0L);
        assertEquals(before + touches.get(k), now, "each op adds exactly one version");
        assertTrue(now > before);
        assertEquals(entryId(i), b.stateIncludingRetracted(k).orElseThrow().lastEntry());
        seen.put(k, now);
      }
      seen.forEach((k, v) -> assertEquals(v,
          b.stateIncludingRetracted(k).orElseThrow().version(), "untouched keys keep versions"));
    }
  }

  @Property
  void required_R4_foldingTheSameDeltasYieldsTheSameWorldHash(
      @ForAll("histories") List<Delta> history) {
    Hash32 a = fold(history).hash();
    Hash32 b = fold(history).hash();
    World viaSnapshots = World.EMPTY;
    for (int i = 0; i < history.size(); i++) {
      if (viaSnapshots.apply(history.get(i), entryId(i)) instanceof DeltaResult.Applied ok) {
        viaSnapshots = ok.world();
      }
    }
    assertEquals(a, b);
    assertEquals(a, viaSnapshots.hash());
  }

  @Property
  void required_M5_3_snapshotsStayUnchangedAndAgreeWithTheBuilder(
      @ForAll("histories") List<Delta> history, @ForAll("manyKeys") List<String> ids) {
    List<Delta> all = new ArrayList<>(history);
    for (String id : ids) { // many keys in random order exercise the tree's rebalancing
      all.add(Delta.of(new DeltaOp.Create(new ResourceKey("k", id), Json.integer(id.length()))));
    }
    World w = World.EMPTY;
    WorldBuilder b = new WorldBuilder();
    List<World> snapshots = new ArrayList<>();
    List<Map<ResourceKey, ResourceState>> expected = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      DeltaResult r = w.apply(all.get(i), entryId(i));
      assertEquals(b.check(all.get(i)), w.check(all.get(i)));
      Optional<DeltaConflict> c = b.apply(all.get(i), entryId(i));
      assertEquals(c.isPresent(), r instanceof DeltaConflict);
      if (r instanceof DeltaResult.Applied ok) {
        w = ok.world();
      }
      snapshots.add(w);
      World built = b.build();
      expected.add(new TreeMap<>(built.all()));
      assertEquals(built, w);
      assertEquals(built.size(), w.size());
      for (ResourceKey k : built.all().keySet()) {
        assertEquals(built.stateIncludingRetracted(k), w.stateIncludingRetracted(k));
      }
    }
    // Later applies never changed an earlier snapshot: its tree still answers as it did.
    for (int i = 0; i < snapshots.size(); i++) {
      World snap = snapshots.get(i);
      assertEquals(expected.get(i).size(), snap.size());
      expected.get(i).forEach((k, st) -> assertEquals(Optional.of(st),
          snap.stateIncludingRetracted(k)));
    }
  }

  @Provide
  Arbitrary<List<String>> manyKeys() {
    return net.jqwik.api.Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6).list()
        .uniqueElements().ofMaxSize(80);
  }

  @Property
  void required_M5_builderAgreesWithANaiveReferenceFold(@ForAll("histories") List<Delta> history) {
    TreeMap<ResourceKey, ResourceState> ref = new TreeMap<>();
    for (int i = 0; i < history.size(); i++) {
      TreeMap<ResourceKey, ResourceState> copy = new TreeMap<>(ref);
      if (naiveApply(copy, history.get(i), entryId(i))) {
        ref = copy;
      }
    }
    assertEquals(World.of(ref), fold(history).build());
  }

  /** M5's table, one op at a time on a copy; false when a precondition fails. */
  private static boolean naiveApply(Map<ResourceKey, ResourceState> w, Delta d, Hash32 entry) {
    for (DeltaOp op : d.ops()) {
      ResourceState s = w.get(op.key());
      switch (op) {
        case DeltaOp.Create c -> {
          if (s != null && !s.retracted()) {
            return false;
          }
          w.put(c.key(), new ResourceState(s == null ? 1 : s.version() + 1, c.value(), false,
              entry));
        }
        case DeltaOp.Replace r -> {
          if (s == null || s.retracted() || s.version() != r.expectedVersion()) {
            return false;
          }
          w.put(r.key(), new ResourceState(s.version() + 1, r.value(), false, entry));
        }
        case DeltaOp.Retract r -> {
          if (s == null || s.retracted() || s.version() != r.expectedVersion()) {
            return false;
          }
          w.put(r.key(), new ResourceState(s.version() + 1, s.value(), true, entry));
        }
      }
    }
    return true;
  }

  @Property
  void required_M5_2_readsHideRetractedButCanonicalFormKeepsThem(
      @ForAll("histories") List<Delta> history) {
    World w = fold(history).build();
    List<Json> resources = new ArrayList<>();
    w.all().forEach((k, s) -> {
      assertEquals(s.retracted(), w.get(k).isEmpty());
      assertSame(s, w.stateIncludingRetracted(k).orElseThrow());
    });
    w.toJson().get("resources").ifPresent(r -> resources.add(r));
    assertEquals(w.all().size(), ((thymos.api.json.JsonArray) resources.get(0)).size());
    assertEquals(w.all().values().stream().filter(s -> !s.retracted()).count(), w.live().size());
  }
}
