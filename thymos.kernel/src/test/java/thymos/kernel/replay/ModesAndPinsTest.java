package thymos.kernel.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Delta;
import thymos.api.model.DeltaOp;
import thymos.api.model.ResourceKey;
import thymos.api.model.EffectClass;
import thymos.api.model.Entry;
import thymos.api.model.Intent;
import thymos.api.model.ProposalStatus;
import thymos.api.model.RejectionPayload;
import thymos.api.model.RejectionReason;
import thymos.kernel.KernelVersion;

/** Fail-fast vs collect-all (R2), and the drift pins of R3. */
class ModesAndPinsTest {

  /** A stale delta at seq 2; at seq 4 the commit of seq 1 recorded again. */
  private static TestLedger twoProblems() {
    TestLedger l = TestLedger.started(50);
    Entry a = l.put("a", "1");
    Intent i = l.intent("kv_put", TestLedger.kvArgs("a", "2"));
    l.append(l.commitPayload(i, l.proposal(i, EffectClass.WRITE, ProposalStatus.Staged.INSTANCE),
        Delta.of(new DeltaOp.Replace(new ResourceKey("kv", "a"), 5, Json.string("2"))),
        List.of(), Optional.empty()));
    l.put("c", "3");
    l.append(a.payload());
    return l;
  }

  @Test
  void required_R2_failFastStopsAtTheFirstViolation() {
    TestLedger l = twoProblems();
    ReplayReport r = Replayer.replay(l.trajectoryId, l.bytes().iterator());
    assertEquals(1, r.violations().size());
    Violation v = r.violations().get(0);
    assertEquals(2, v.seq());
    assertEquals(Violation.Reason.DELTA_CONFLICT, v.reason());
    assertEquals(3, r.entries()); // counted up to and including the failing entry
    assertEquals(java.util.OptionalLong.of(2), r.headSeq());
  }

  @Test
  void required_R2_collectAllReportsEveryViolationInOrder() {
    TestLedger l = twoProblems();
    ReplayReport r = Replayer.replay(l.trajectoryId, l.bytes().iterator(),
        ReplayOptions.defaults().collectAll());
    assertEquals(List.of(Violation.Reason.DELTA_CONFLICT, Violation.Reason.DUPLICATE_INTENT,
        Violation.Reason.DELTA_CONFLICT), r.violations().stream().map(Violation::reason).toList());
    assertEquals(List.of(2L, 4L, 4L), r.violations().stream().map(Violation::seq).toList());
    assertEquals(5, r.entries());
  }

  @Test
  void required_R2_collectAllContinuesAfterAHashBreakWithoutCascade() {
    TestLedger l = TestLedger.scenario(51);
    List<byte[]> bytes = new ArrayList<>(l.bytes());
    // Change one character of entry 1: the value "1" of its intent args becomes "9".
    byte[] b = bytes.get(1).clone();
    int at = new String(b, java.nio.charset.StandardCharsets.UTF_8).indexOf("\"value\":\"1\"") + 9;
    b[at] = '9';
    bytes.set(1, b);
    bytes.remove(6);

    ReplayReport ff = Replayer.replay(l.trajectoryId, bytes.iterator());
    assertEquals(List.of(Violation.Reason.ID_MISMATCH),
        ff.violations().stream().map(Violation::reason).toList());

    ReplayReport all = Replayer.replay(l.trajectoryId, bytes.iterator(),
        ReplayOptions.defaults().collectAll());
    assertEquals(1, all.violations().get(0).seq());
    assertEquals(Check.HASH, all.violations().get(0).check());
    // No parent violation at seq 2 (checked against the stored id); the removed entry shows
    // next, at seq 6. (Seq 1 also fails content: its intent args changed.)
    Violation next = all.violations().stream().filter(v -> v.seq() > 1).findFirst()
        .orElseThrow();
    assertEquals(Violation.Reason.SEQ_MISMATCH, next.reason());
    assertEquals(6, next.seq());
  }

  @Test
  void required_R3_compilerVersionPinNamesTheFirstDifferingEntry() {
    TestLedger l = TestLedger.started(52);
    l.put("a", "1");
    l.put("b", "1");
    Intent i = l.intent("kv_put", TestLedger.kvArgs("c", "1"));
    Entry old = l.append(new RejectionPayload(i.body(), i.id(), false,
        new RejectionReason("scope_denied", "no", JsonObject.EMPTY), Optional.empty(),
        TestLedger.POLICY_SET, Optional.empty(), "thymos-kernel/0.0.9", Optional.empty()));
    l.reject("d");

    ReplayReport pinned = Replayer.replay(l.trajectoryId, l.bytes().iterator(),
        ReplayOptions.defaults().collectAll().pinCompilerVersions(KernelVersion.COMPILER_VERSION));
    assertEquals(1, pinned.violations().size());
    Violation v = pinned.violations().get(0);
    assertEquals(Violation.Reason.COMPILER_VERSION_PIN, v.reason());
    assertEquals(old.seq(), v.seq());
    assertEquals("thymos-kernel/0.0.9", v.actual());
    assertEquals("THY-R300", v.code());
    assertEquals(List.of("thymos-kernel/0.0.9", KernelVersion.COMPILER_VERSION),
        pinned.compilerVersions());

    assertTrue(Replayer.replay(l.trajectoryId, l.bytes().iterator(), ReplayOptions.defaults()
        .pinCompilerVersions(KernelVersion.COMPILER_VERSION, "thymos-kernel/0.0.9")).verified());
  }

  @Test
  void required_R3_policySetPinNamesTheFirstDifferingEntry() {
    TestLedger l = TestLedger.scenario(53);
    Hash32 other = Hash32.of(new byte[32]);
    Violation v = Replayer.replay(l.trajectoryId, l.bytes().iterator(),
        ReplayOptions.defaults().pinPolicySets(other)).firstViolation().orElseThrow();
    assertEquals(Violation.Reason.POLICY_SET_PIN, v.reason());
    assertEquals(1, v.seq()); // the first commit records the policy set in its proposal trace
    assertTrue(Replayer.replay(l.trajectoryId, l.bytes().iterator(),
        ReplayOptions.defaults().pinPolicySets(TestLedger.POLICY_SET)).verified());
  }

  @Test
  void required_R3_worldHashPinNamesTheHead() {
    TestLedger l = TestLedger.scenario(54);
    ReplayReport r = Replayer.replay(l.trajectoryId, l.bytes().iterator(),
        ReplayOptions.defaults().pinWorldHash(Hash32.of(new byte[32])));
    Violation v = r.firstViolation().orElseThrow();
    assertEquals(Violation.Reason.WORLD_HASH_PIN, v.reason());
    assertEquals(13, v.seq());
    assertEquals(r.headEntry(), v.entryId());
    assertEquals(r.worldHash().hex(), v.actual());
    assertTrue(Replayer.replay(l.trajectoryId, l.bytes().iterator(),
        ReplayOptions.defaults().pinWorldHash(l.world().hash())).verified());
  }

  @Test
  void required_R2_4_signerPinRequiresEveryEntrySignedByAPinnedKey() {
    TestLedger unsigned = TestLedger.scenario(55);
    Ed25519Signer runtime = unsigned.newSigner();
    Violation v = Replayer.replay(unsigned.trajectoryId, unsigned.bytes().iterator(),
        ReplayOptions.defaults().pinSigners(runtime.publicKey())).firstViolation().orElseThrow();
    assertEquals(Violation.Reason.SIGNER_PIN, v.reason());
    assertEquals(0, v.seq());
    assertEquals("unsigned", v.actual());

    TestLedger signed = TestLedger.started(56, Hash32.of(new byte[32]), Optional.of(runtime));
    signed.put("a", "1");
    ReplayReport ok = Replayer.replay(signed.trajectoryId, signed.bytes().iterator(),
        ReplayOptions.defaults().pinSigners(runtime.publicKey()));
    assertEquals(List.of(), ok.violations());
    assertEquals(List.of(runtime.publicKey()), ok.signers());

    Violation other = Replayer.replay(signed.trajectoryId, signed.bytes().iterator(),
        ReplayOptions.defaults().pinSigners(unsigned.newSigner().publicKey()))
        .firstViolation().orElseThrow();
    assertEquals(Violation.Reason.SIGNER_PIN, other.reason());
    assertEquals("signed by " + runtime.publicKey().hex(), other.actual());
  }

  @Test
  void required_R2_4_signatureThatDoesNotVerifyFails() {
    Ed25519Signer runtime = Ed25519Signer.fromSeed(new byte[32]);
    TestLedger l = TestLedger.started(57, Hash32.of(new byte[32]), Optional.of(runtime));
    Entry a = l.put("a", "1");
    Entry b = l.put("b", "2");
    // Re-sign nothing: carry a's signature on b and give b a consistent id.
    Entry forged = new Entry(b.id(), b.trajectoryId(), b.seq(), b.parent(), b.recordedMs(),
        b.payload(), b.signer(), a.signature());
    forged = new Entry(forged.computeId(), forged.trajectoryId(), forged.seq(), forged.parent(),
        forged.recordedMs(), forged.payload(), forged.signer(), forged.signature());
    List<byte[]> bytes = new ArrayList<>(l.bytes());
    bytes.set(2, forged.canonicalBytes());

    Violation v = Replayer.replay(l.trajectoryId, bytes.iterator()).firstViolation()
        .orElseThrow();
    assertEquals(Violation.Reason.BAD_SIGNATURE, v.reason());
    assertEquals(Check.SIGNATURE, v.check());
    assertEquals(2, v.seq());
  }

  @Test
  void required_L3_1_entryOfAnotherTrajectoryFails() {
    TestLedger l = TestLedger.scenario(58);
    TestLedger other = TestLedger.scenario(59);
    Violation v = Replayer.replay(other.trajectoryId, l.bytes().iterator())
        .firstViolation().orElseThrow();
    assertEquals(Violation.Reason.TRAJECTORY_MISMATCH, v.reason());
    assertEquals(0, v.seq());
  }

  @Test
  void required_L3_1_firstEntryMustBeRoot() {
    TestLedger l = TestLedger.scenario(60);
    List<byte[]> bytes = new ArrayList<>(l.bytes());
    bytes.remove(0);
    ReplayReport r = Replayer.replay(l.trajectoryId, bytes.iterator(),
        ReplayOptions.defaults().collectAll());
    assertTrue(r.violations().stream().anyMatch(v ->
        v.seq() == 0 && v.reason() == Violation.Reason.MISPLACED_ROOT), r.toString());
  }
}
