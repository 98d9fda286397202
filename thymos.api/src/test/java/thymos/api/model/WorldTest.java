package thymos.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;

class WorldTest {

  private static final ResourceKey A = new ResourceKey("file", "a");
  private static final ResourceKey B = new ResourceKey("file", "b");
  private static final Hash32 E1 = WorldPropertiesTest.entryId(1);
  private static final Hash32 E2 = WorldPropertiesTest.entryId(2);

  private static World world(DeltaOp... ops) {
    return World.EMPTY.apply(Delta.of(ops), E1).worldOrThrow();
  }

  @Test
  void required_M5_createStartsAtVersionOneAndReplaceIncrements() {
    World w = world(new DeltaOp.Create(A, Json.string("x")),
        new DeltaOp.Replace(A, 1, Json.string("y")));
    assertEquals(new ResourceState(2, Json.string("y"), false, E1), w.get(A).orElseThrow());
  }

  @Test
  void required_M5_2_retractedResourceIsHiddenAndRecreateContinuesVersions() {
    World w = world(new DeltaOp.Create(A, Json.integer(1)), new DeltaOp.Retract(A, 1, "gone"));
    assertEquals(Optional.empty(), w.get(A));
    assertEquals(new ResourceState(2, Json.integer(1), true, E1),
        w.stateIncludingRetracted(A).orElseThrow());
    World again = w.apply(Delta.of(new DeltaOp.Create(A, Json.integer(5))), E2).worldOrThrow();
    assertEquals(new ResourceState(3, Json.integer(5), false, E2), again.get(A).orElseThrow());
  }

  @Test
  void required_M5_1_versionMismatchNamesOpIndexKeyExpectedAndActual() {
    World w = world(new DeltaOp.Create(A, Json.integer(1)));
    DeltaResult r = w.apply(Delta.of(new DeltaOp.Create(B, Json.integer(2)),
        new DeltaOp.Replace(A, 7, Json.integer(3))), E2);
    DeltaConflict c = (DeltaConflict) r;
    assertEquals(new DeltaConflict(1, A, "replace", DeltaConflict.Problem.VERSION_MISMATCH,
        Optional.of(7L), 1), c);
    assertEquals("delta op 1 (replace) on file/a: expected version 7, actual version 1",
        c.message());
    ProtocolViolation v = assertThrows(ProtocolViolation.class, r::worldOrThrow);
    assertEquals("M5.1", v.rule().orElseThrow());
    assertEquals("/1", v.pointer());
    assertEquals(Optional.empty(), w.get(B), "the first op did not take effect");
  }

  @Test
  void required_M5_preconditionsOfEachOp() {
    World w = world(new DeltaOp.Create(A, Json.integer(1)), new DeltaOp.Create(B, Json.integer(1)),
        new DeltaOp.Retract(B, 1, "r"));
    ResourceKey c = new ResourceKey("file", "c");
    assertEquals(DeltaConflict.Problem.ALREADY_EXISTS,
        conflict(w, new DeltaOp.Create(A, Json.integer(2))).problem());
    assertEquals(DeltaConflict.Problem.ABSENT,
        conflict(w, new DeltaOp.Replace(c, 1, Json.integer(2))).problem());
    assertEquals(0, conflict(w, new DeltaOp.Retract(c, 1, "x")).actualVersion());
    assertEquals(DeltaConflict.Problem.RETRACTED,
        conflict(w, new DeltaOp.Replace(B, 2, Json.integer(2))).problem());
    assertEquals(DeltaConflict.Problem.RETRACTED,
        conflict(w, new DeltaOp.Retract(B, 2, "again")).problem());
    assertEquals(Optional.empty(), conflict(w, new DeltaOp.Create(A, Json.integer(2))).expectedVersion());
  }

  private static DeltaConflict conflict(World w, DeltaOp op) {
    return (DeltaConflict) w.apply(Delta.of(op), E2);
  }

  @Test
  void required_M5_1_longDeltaSeesItsOwnEarlierOps() {
    List<DeltaOp> ops = new ArrayList<>();
    ops.add(new DeltaOp.Create(A, Json.integer(0)));
    for (int v = 1; v <= 40; v++) {
      ops.add(new DeltaOp.Replace(A, v, Json.integer(v)));
    }
    World w = World.EMPTY.apply(new Delta(ops), E1).worldOrThrow();
    assertEquals(41, w.get(A).orElseThrow().version());
    ops.add(new DeltaOp.Replace(A, 40, Json.integer(0)));
    DeltaConflict c = (DeltaConflict) World.EMPTY.apply(new Delta(ops), E1);
    assertEquals(41, c.opIndex());
    assertEquals(41, c.actualVersion());
  }

  @Test
  void checkDoesNotApply() {
    WorldBuilder b = new WorldBuilder();
    assertEquals(Optional.empty(), b.check(Delta.of(new DeltaOp.Create(A, Json.integer(1)))));
    assertEquals(0, b.size());
    assertTrue(b.check(Delta.of(new DeltaOp.Replace(A, 1, Json.integer(1)))).isPresent());
  }

  @Test
  void required_R4_canonicalFormIsSortedAndIncludesRetracted() {
    World w = world(new DeltaOp.Create(B, Json.integer(2)),
        new DeltaOp.Create(new ResourceKey("dir", "z"), Json.nullValue()),
        new DeltaOp.Create(A, Json.string("v")), new DeltaOp.Retract(A, 1, "r"));
    String e = E1.hex();
    assertEquals("{\"resources\":["
        + "{\"id\":\"z\",\"kind\":\"dir\",\"last_entry\":\"" + e
        + "\",\"retracted\":false,\"value\":null,\"version\":1},"
        + "{\"id\":\"a\",\"kind\":\"file\",\"last_entry\":\"" + e
        + "\",\"retracted\":true,\"value\":\"v\",\"version\":2},"
        + "{\"id\":\"b\",\"kind\":\"file\",\"last_entry\":\"" + e
        + "\",\"retracted\":false,\"value\":2,\"version\":1}]}", w.toJson().canonicalString());
    assertEquals(Ids.id(DocType.WORLD, w.toJson()), w.hash());
    assertEquals(w.hash(), w.toBuilder().hash());
  }

  @Test
  void required_R4_emptyWorldHasAHash() {
    assertEquals(Ids.id(DocType.WORLD, Json.parse("{\"resources\":[]}")), World.EMPTY.hash());
    assertEquals(World.EMPTY.hash(), new WorldBuilder().hash());
  }

  @Test
  void required_R4_worldFromJsonRefusesUnsortedResources() {
    World w = world(new DeltaOp.Create(A, Json.integer(1)), new DeltaOp.Create(B, Json.integer(1)));
    String text = w.toJson().canonicalString();
    String a = "{\"id\":\"a\"";
    String swapped = text.replace(a, "{\"id\":\"TMP\"").replace("{\"id\":\"b\"", a)
        .replace("{\"id\":\"TMP\"", "{\"id\":\"b\"");
    ProtocolViolation v = assertThrows(ProtocolViolation.class,
        () -> World.fromJson(Json.parse(swapped), ""));
    assertEquals("R4", v.rule().orElseThrow());
    assertEquals("/resources/1", v.pointer());
  }

  @Test
  void failedApplyReturnsTheSameImmutableWorld() {
    World w = world(new DeltaOp.Create(A, Json.integer(1)));
    Hash32 before = w.hash();
    w.apply(Delta.of(new DeltaOp.Replace(A, 1, Json.integer(2)),
        new DeltaOp.Create(A, Json.integer(3))), E2);
    assertEquals(before, w.hash());
  }
}
