package thymos.kernel.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Entry;
import thymos.api.model.ResourceKey;
import thymos.api.model.ResourceState;
import thymos.api.model.World;
import thymos.kernel.KernelVersion;

class ReplayTest {

  @Test
  void required_R2_untouchedLedgerVerifiesWithCountsAndWorld() {
    TestLedger l = TestLedger.scenario(1);
    ReplayReport r = Replayer.replay(l.trajectoryId, l.bytes().iterator());

    assertEquals(List.of(), r.violations());
    assertEquals(ReplayReport.Verdict.VERIFIED, r.verdict());
    assertEquals(14, r.entries());
    assertEquals(6, r.commits());
    assertEquals(1, r.rejections());
    assertEquals(1, r.pending());
    assertEquals(2, r.approvals());
    assertEquals(1, r.failures());
    List<Entry> es = l.entries();
    Entry last = es.get(es.size() - 1);
    assertEquals(Optional.of(last.id()), r.headEntry());
    assertEquals(OptionalLong.of(13), r.headSeq());
    assertEquals(List.of(KernelVersion.COMPILER_VERSION), r.compilerVersions());
    assertEquals(List.of(TestLedger.POLICY_SET), r.policySets());
    assertEquals(List.of(), r.signers());
    assertEquals(l.world().hash(), r.worldHash());
    assertEquals(4, r.resources()); // a, b (retracted), d, e
  }

  @Test
  void required_R4_worldHashIsTheFoldOfCommittedDeltas() {
    TestLedger l = TestLedger.started(2);
    Entry a1 = l.put("a", "1");
    Entry b1 = l.put("b", "x");
    Entry a2 = l.put("a", "2");
    World expected = World.of(Map.of(
        new ResourceKey("kv", "a"), new ResourceState(2, Json.string("2"), false, a2.id()),
        new ResourceKey("kv", "b"), new ResourceState(1, Json.string("x"), false, b1.id())));

    ReplayReport r = Replayer.replay(l.trajectoryId, l.bytes().iterator());

    assertTrue(r.verified());
    assertEquals(expected.hash(), r.worldHash());
    assertFalse(a1.id().equals(a2.id()));
  }

  @Test
  void required_X5_2_executionWithoutOutcomeIsInDoubt() {
    TestLedger l = TestLedger.scenario(3);
    ReplayReport r = Replayer.replay(l.trajectoryId, l.bytes().iterator());
    Entry last = l.entries().get(13);
    Hash32 intent = ((thymos.api.model.ExecutionPayload) last.payload()).intentId();
    assertEquals(List.of(intent), r.inDoubt());
  }

  @Test
  void required_R1_replayNeedsOnlyStoredBytes() {
    // The API takes bytes, a trajectory id and options: no registry, no cognition, no clock.
    TestLedger l = TestLedger.scenario(4);
    List<byte[]> copy = l.bytes().stream().map(byte[]::clone).toList();
    assertTrue(Replayer.replay(l.trajectoryId, copy.stream(), ReplayOptions.defaults())
        .verified());
  }

  @Test
  void required_R5_reportIsIdenticalBetweenReplaysAndCanonical() {
    TestLedger l = TestLedger.scenario(5);
    ReplayReport first = Replayer.replay(l.trajectoryId, l.bytes().iterator());
    ReplayReport second = Replayer.replay(l.trajectoryId,
        l.bytes().stream().map(byte[]::clone).iterator());

    assertEquals(first, second);
    byte[] json = first.canonicalBytes();
    assertArrayEquals(json, second.canonicalBytes());
    assertArrayEquals(json, Json.parse(json).canonicalBytes());
    JsonObject o = (JsonObject) Json.parse(json);
    assertEquals(java.util.Set.of("trajectory_id", "entries", "commits", "rejections", "pending",
        "approvals", "failures", "in_doubt", "head_entry", "head_seq", "compiler_versions",
        "policy_sets", "signers", "world_hash", "resources", "verdict", "violations"),
        o.members().keySet());
    assertEquals(Json.string("verified"), o.members().get("verdict"));
  }

  @Test
  void required_R5_failedReportJsonNamesTheViolation() {
    TestLedger l = TestLedger.scenario(6);
    List<byte[]> bytes = new java.util.ArrayList<>(l.bytes());
    bytes.remove(3);
    ReplayReport r = Replayer.replay(l.trajectoryId, bytes.iterator());
    JsonObject o = (JsonObject) Json.parse(r.canonicalBytes());
    assertEquals(Json.string("failed"), o.members().get("verdict"));
    JsonObject v = (JsonObject) ((thymos.api.json.JsonArray) o.members().get("violations")).get(0);
    assertEquals(Json.string("THY-R203"), v.members().get("code"));
    assertEquals(Json.string("chain"), v.members().get("check"));
    assertEquals(Json.integer(3), v.members().get("seq"));
  }

  @Test
  void required_R2_violationMessageHasCodeSeqKindExpectedAndActual() {
    TestLedger l = TestLedger.scenario(7);
    List<byte[]> bytes = new java.util.ArrayList<>(l.bytes());
    bytes.remove(3);
    Violation v = Replayer.replay(l.trajectoryId, bytes.iterator()).firstViolation().orElseThrow();
    assertEquals("[THY-R203] seq 3 (commit) " + l.entries().get(4).id().shortDisplay("entry")
        + " of " + l.trajectoryId.shortDisplay("traj") + ": seq mismatch: expected 3, actual 4",
        v.message());
  }

  @Test
  void verifiedOrThrowThrowsTheFirstViolationWithItsRule() {
    TestLedger l = TestLedger.scenario(8);
    List<byte[]> bytes = new java.util.ArrayList<>(l.bytes());
    bytes.remove(5);
    ReplayReport r = Replayer.replay(l.trajectoryId, bytes.iterator());
    ProtocolViolation e = assertThrows(ProtocolViolation.class, r::verifiedOrThrow);
    assertEquals("THY-R203", e.code());
    assertEquals(Optional.of("R2.3"), e.rule());
    TestLedger ok = TestLedger.scenario(8);
    assertTrue(Replayer.replay(ok.trajectoryId, ok.bytes().iterator()).verifiedOrThrow()
        .verified());
  }

  @Test
  void required_L3_1_emptyStreamFails() {
    ReplayReport r = Replayer.replay(Hash32.of(new byte[32]), List.<byte[]>of().iterator());
    assertEquals(Violation.Reason.EMPTY_TRAJECTORY, r.firstViolation().orElseThrow().reason());
    assertEquals(Optional.empty(), r.headEntry());
    assertFalse(((JsonObject) Json.parse(r.canonicalBytes())).members().containsKey("head_seq"));
  }

  @Test
  void required_R2_1_nonCanonicalBytesFailAsFormAtThatSeq() {
    TestLedger l = TestLedger.scenario(9);
    List<byte[]> bytes = new java.util.ArrayList<>(l.bytes());
    String text = new String(bytes.get(2), java.nio.charset.StandardCharsets.UTF_8);
    bytes.set(2, (text.substring(0, text.length() - 1) + " }")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)); // same JSON value, one space more
    ReplayReport r = Replayer.replay(l.trajectoryId, bytes.iterator(),
        ReplayOptions.defaults().collectAll());
    assertEquals(List.of(Violation.Reason.NOT_CANONICAL),
        r.violations().stream().map(Violation::reason).toList());
    assertEquals(2, r.violations().get(0).seq());
    assertEquals(Optional.of(l.entries().get(2).id()), r.violations().get(0).entryId());
  }

  @Test
  void required_R2_1_unknownKindFailsAsForm() {
    TestLedger l = TestLedger.scenario(10);
    List<byte[]> bytes = new java.util.ArrayList<>(l.bytes());
    String text = new String(bytes.get(3), java.nio.charset.StandardCharsets.UTF_8)
        .replace("\"kind\":\"rejection\"", "\"kind\":\"rumour\"");
    bytes.set(3, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Violation v = Replayer.replay(l.trajectoryId, bytes.iterator()).firstViolation()
        .orElseThrow();
    assertEquals(Violation.Reason.MALFORMED, v.reason());
    assertEquals(Check.FORM, v.check());
    assertEquals(3, v.seq());
    assertEquals("THY-R201", v.code());
  }
}
