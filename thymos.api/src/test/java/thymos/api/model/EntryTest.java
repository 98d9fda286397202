package thymos.api.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;

class EntryTest {

  private static Ed25519Signer signer(int b) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) b);
    return Ed25519Signer.fromSeed(seed);
  }

  private static Entry root() {
    return Entry.create(Samples.TRAJ, 0, Optional.empty(), 10,
        RootPayload.bound(Samples.hash(7), "run"));
  }

  @Test
  void required_L2_1_idCoversEverythingButTheId() {
    Entry e = root();
    assertEquals(Ids.id(DocType.ENTRY, e.withoutId()), e.id());
    assertEquals(Set.of("trajectory_id", "seq", "kind", "recorded_ms", "payload"),
        e.withoutId().members().keySet());
    assertEquals(e.id(), Entry.fromJson(e.toJson(), "").id());
    Entry later = Entry.create(Samples.TRAJ, 0, Optional.empty(), 11,
        RootPayload.bound(Samples.hash(7), "run"));
    assertNotEquals(e.id(), later.id(), "the time is hashed");
  }

  @Test
  void required_L1_runtimeSignatureCoversEntryWithoutIdAndSignatureAndIdCoversSignature() {
    Entry signed = Entry.create(Samples.TRAJ, 1, Optional.of(root().id()), 20,
        new ExecutionPayload(Samples.hash(3), Samples.hash(4)), signer(1));
    assertTrue(signed.signatureVerifies());
    assertEquals(signer(1).publicKey(), signed.signer().orElseThrow());
    assertFalse(signed.signedContent().members().containsKey("signature"));
    assertTrue(signed.withoutId().members().containsKey("signature"));
    assertTrue(signed.idMatches());
    Entry other = Entry.create(Samples.TRAJ, 1, Optional.of(root().id()), 20,
        new ExecutionPayload(Samples.hash(3), Samples.hash(4)), signer(2));
    assertNotEquals(signed.id(), other.id(), "the id covers signer and signature");
    assertFalse(root().signatureVerifies(), "an unsigned entry has no verifying signature");
  }

  @Test
  void required_I4_tamperedEntryIsATypedErrorNamingSeq() {
    Entry signed = Entry.create(Samples.TRAJ, 12, Optional.of(Samples.hash(9)), 20,
        Samples.commit(), signer(1));
    Json swappedSignature = Samples.set(signed.toJson(), "/signature",
        Entry.create(Samples.TRAJ, 12, Optional.of(Samples.hash(9)), 20, Samples.commit(),
            signer(2)).signature().orElseThrow().toJson());
    for (Json tampered : List.of(
        Samples.set(signed.toJson(), "/recorded_ms", Json.integer(21)),
        Samples.set(signed.toJson(), "/payload/observations/0/output", Json.string("ok!")),
        Samples.set(swappedSignature, "/signer", signer(2).publicKey().toJson()))) {
      ProtocolViolation v =
          assertThrows(ProtocolViolation.class, () -> Entry.fromJson(tampered, ""));
      assertEquals("I4", v.rule().orElseThrow());
      assertEquals("/id", v.pointer());
      assertTrue(v.getMessage().contains("seq 12 (commit)"), v.getMessage());
    }
  }

  @Test
  void required_L2_2_encodeGivesTheCanonicalBytesAndIdOfCreate() {
    Entry plain = root();
    Entry.Encoded e = Entry.encode(Samples.TRAJ, 0, Optional.empty(), 10,
        RootPayload.bound(Samples.hash(7), "run"), Optional.empty());
    assertEquals(plain, e.entry());
    assertArrayEquals(plain.canonicalBytes(), e.canonicalBytes());
    assertEquals(plain, Entry.parse(e.canonicalBytes()));
    Entry signed = Entry.create(Samples.TRAJ, 1, Optional.of(plain.id()), 20,
        new ExecutionPayload(Samples.hash(3), Samples.hash(4)), signer(1));
    Entry.Encoded es = Entry.encode(Samples.TRAJ, 1, Optional.of(plain.id()), 20,
        new ExecutionPayload(Samples.hash(3), Samples.hash(4)), Optional.of(signer(1)));
    assertEquals(signed, es.entry());
    assertArrayEquals(signed.canonicalBytes(), es.canonicalBytes());
    assertTrue(Entry.parse(es.canonicalBytes()).signatureVerifies());
  }

  @Test
  void required_L1_parentAbsentExactlyAtSeqZeroAndSignerWithSignature() {
    assertThrows(IllegalArgumentException.class, () -> Entry.create(Samples.TRAJ, 0,
        Optional.of(Samples.hash(1)), 1, new ExecutionPayload(Samples.hash(3), Samples.hash(4))));
    assertThrows(IllegalArgumentException.class, () -> Entry.create(Samples.TRAJ, 1,
        Optional.empty(), 1, new ExecutionPayload(Samples.hash(3), Samples.hash(4))));
    Entry e = root();
    assertThrows(IllegalArgumentException.class, () -> new Entry(e.id(), e.trajectoryId(), 0,
        Optional.empty(), 1, e.payload(), Optional.of(signer(1).publicKey()), Optional.empty()));
    ProtocolViolation v = assertThrows(ProtocolViolation.class,
        () -> Entry.fromJson(Samples.set(e.toJson(), "/parent", Samples.hash(1).toJson()), ""));
    assertEquals("L1", v.rule().orElseThrow());
    assertEquals("/parent", v.pointer());
    v = assertThrows(ProtocolViolation.class, () -> Entry.fromJson(
        Samples.set(e.toJson(), "/signer", signer(1).publicKey().toJson()), ""));
    assertEquals("/signer", v.pointer());
  }

  @Test
  void required_L2_2_parseAcceptsOnlyCanonicalBytes() {
    Entry e = root();
    assertEquals(e, Entry.parse(e.canonicalBytes()));
    byte[] spaced = (" " + new String(e.canonicalBytes(), StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8);
    ProtocolViolation v = assertThrows(ProtocolViolation.class, () -> Entry.parse(spaced));
    assertEquals("E1.1", v.rule().orElseThrow());
  }

  @Test
  void required_L4_sixteenKindsWithSnakeCaseNames() {
    Set<String> names = new HashSet<>();
    for (EntryKind k : EntryKind.values()) {
      names.add(k.wire());
      assertEquals(k, EntryKind.fromJson(k.toJson(), ""));
    }
    assertEquals(Set.of("root", "branch", "commit", "rejection", "pending_approval", "approval",
        "execution", "failure", "usage", "delegation", "delegation_result", "compensation", "writ",
        "revocation", "checkpoint", "anchor_receipt"), names);
  }

  @Test
  void required_L4_commitWritesExactlyTheNamedMembers() {
    JsonObject min = Samples.commit().toJson();
    assertEquals(Set.of("intent", "intent_id", "proposal", "delta", "observations", "cost",
        "compiler_version"), min.members().keySet());
    CommitPayload c = Samples.commit();
    CommitPayload full = new CommitPayload(c.intent(), c.intentId(), true, c.proposal(),
        c.delta(), c.observations(), c.cost(), c.compilerVersion(), List.of(Samples.hash(5)),
        Optional.of(Samples.hash(6)), Optional.of(new RoutingEvidence("d", "s", List.of(), 1,
            List.of(), 1, 1, Optional.empty())));
    assertEquals(Set.of("intent", "intent_id", "redacted", "proposal", "delta", "observations",
        "cost", "compiler_version", "approvals", "compensates", "routing_evidence"),
        full.toJson().members().keySet());
  }

  @Test
  void required_W2_writEntryCarriesAVerifiableSignedWrit() {
    Ed25519Signer anchor = signer(3);
    WritBody body = new WritBody("root", anchor.publicKey(), "agent", signer(4).publicKey(),
        Optional.empty(), "system", List.of("fs_*"), new Budget(1, 2, 3, 4), Ceiling.ALL, 0, 10,
        new DelegationLimits(1, true), Nonce.of(new byte[16]));
    Writ writ = Writ.sign(body, anchor);
    Entry e = Entry.create(Samples.hash(8), 1, Optional.of(Samples.hash(9)), 5,
        new WritPayload(writ));
    Entry back = Entry.fromJson(e.toJson(), "");
    assertEquals(e, back);
    assertTrue(((WritPayload) back.payload()).writ().signatureVerifies());
  }

  @Test
  void required_X3_2_approvalVoteSignsTrajectoryPendingAndDecision() {
    ApprovalPayload vote = ApprovalPayload.sign(Samples.TRAJ, Samples.hash(5),
        ApprovalPayload.Vote.APPROVE, Optional.of("fine"), signer(5));
    assertTrue(vote.signatureVerifies(Samples.TRAJ));
    assertFalse(vote.signatureVerifies(Samples.hash(6)), "bound to the trajectory");
    ApprovalPayload flipped = new ApprovalPayload(vote.pending(), ApprovalPayload.Vote.DENY,
        vote.approverKey(), vote.reason(), vote.approverSignature());
    assertFalse(flipped.signatureVerifies(Samples.TRAJ));
  }

  @Test
  void required_W5_1_revocationSignsWritIdAndReason() {
    RevocationPayload r = RevocationPayload.sign(Samples.hash(7), "compromised", signer(6));
    assertTrue(r.signatureVerifies());
    assertFalse(new RevocationPayload(r.writId(), "other", r.revokerKey(), r.revokerSignature())
        .signatureVerifies());
  }

  @Test
  void required_A4_checkpointIdAndSignatureExcludeTheSignature() {
    Checkpoint c = Checkpoint.sign(Samples.TRAJ, 3, Samples.hash(2), Samples.hash(3), 99,
        signer(7));
    assertTrue(c.signatureVerifies());
    assertEquals(Ids.id(DocType.CHECKPOINT, Samples.remove(c.toJson(), "/signature")), c.id());
    CheckpointPayload p = new CheckpointPayload(c);
    assertEquals(c.toJson(), p.toJson(), "the payload is the checkpoint itself");
    assertEquals(p, Payload.fromJson(EntryKind.CHECKPOINT, p.toJson(), "/payload"));
  }

  @Test
  void required_X8_3_intentKeepsItsIdOverARedactedBody() {
    Intent original = Intent.of(Samples.intentBody());
    assertTrue(original.idMatchesBody());
    IntentBody b = original.body();
    IntentBody redacted = new IntentBody(b.trajectoryId(), b.kind(), b.tool(),
        (JsonObject) Json.parse("{\"path\":\"[REDACTED:keys]\"}"), b.author(), b.rationale(),
        b.basedOn(), b.nonce());
    Intent stored = new Intent(original.id(), redacted);
    assertFalse(stored.idMatchesBody());
    assertEquals(stored, Intent.fromJson(stored.toJson(), ""), "reading does not force the id");
  }

  @Test
  void required_P1_omittedQuorumStaysOmittedAndDefaultsToOne() {
    Decision.RequireApproval d = new Decision.RequireApproval("ops", "r", Optional.empty());
    assertFalse(d.toJson().members().containsKey("quorum"));
    assertEquals(1, d.effectiveQuorum());
    assertEquals(d, Decision.fromJson(d.toJson(), ""));
    assertEquals(3, ((Decision.RequireApproval) Decision.fromJson(
        Json.parse("{\"kind\":\"require_approval\",\"channel\":\"c\",\"reason\":\"r\","
            + "\"quorum\":3}"), "")).effectiveQuorum());
  }

  @Test
  void required_M1_intentIdIsTheTaggedHashOfTheBody() {
    IntentBody b = Samples.intentBody();
    assertEquals(Ids.id(DocType.INTENT, b.toJson()), Intent.of(b).id());
    assertEquals(Ids.id(DocType.PROPOSAL, Samples.proposalBody().toJson()),
        Proposal.of(Samples.proposalBody()).id());
    Hash32 other = Intent.of(new IntentBody(b.trajectoryId(), b.kind(), b.tool(), b.args(),
        b.author(), b.rationale(), b.basedOn(), Nonce.of(new byte[] {
            1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))).id();
    assertNotEquals(Intent.of(b).id(), other, "the nonce makes equal intents distinct");
  }
}
