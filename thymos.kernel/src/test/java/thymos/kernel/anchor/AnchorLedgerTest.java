package thymos.kernel.anchor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import thymos.api.ProofException;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.AnchorReceipt;
import thymos.api.model.Checkpoint;
import thymos.api.model.CheckpointPayload;
import thymos.api.model.Entry;
import thymos.api.model.EntryKind;
import thymos.api.proof.InclusionProof;
import thymos.api.proof.ProofVerification;
import thymos.api.spi.ManualClock;
import thymos.kernel.proof.TrajectoryProofs;
import thymos.kernel.replay.ReplayReport;
import thymos.kernel.replay.Replayer;
import thymos.ledger.spi.LedgerCorrupted;
import thymos.ledger.spi.StoredEntry;
import thymos.ledger.spi.memory.MemoryLedger;

/** The anchor trajectory and its proof chain (A5.1). */
class AnchorLedgerTest {

  static final Ed25519Signer RUNTIME = Ed25519Signer.fromSeed(new byte[32]);
  static final Ed25519Signer OTHER = Ed25519Signer.fromSeed(filled(7));
  private final ManualClock clock = ManualClock.ticking(1_790_000_000_000L, 1);

  static byte[] filled(int b) {
    byte[] s = new byte[32];
    java.util.Arrays.fill(s, (byte) b);
    return s;
  }

  @Test
  void required_A5_1_anchorTrajectoryIdIsTheDerivedId() {
    byte[] tagged = "thymos/v1/trajectory\0{\"anchors\":\"v1\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals(Ids.blake3(tagged), AnchorLedger.TRAJECTORY_ID);
  }

  @Test
  void required_A5_1_recordsCheckpointEntriesAfterASystemRoot() {
    MemoryLedger ledger = new MemoryLedger();
    Hash32 a = Ledgers.trajectory(ledger, "a", 4);
    Hash32 b = Ledgers.trajectory(ledger, "b", 0);
    AnchorLedger anchors = AnchorLedger.open(ledger, RUNTIME, clock);
    AnchoredEntry ea = anchors.record(a);
    AnchoredEntry eb = anchors.record(b);
    assertEquals(1, ea.seq());
    assertEquals(2, eb.seq());
    assertEquals(5, ea.checkpoint().treeSize());
    assertEquals(a, ea.checkpoint().trajectoryId());
    assertTrue(ea.checkpoint().verify(RUNTIME.publicKey()).verified());
    List<Entry> stored = entries(ledger);
    assertEquals(List.of(EntryKind.ROOT, EntryKind.CHECKPOINT, EntryKind.CHECKPOINT),
        stored.stream().map(Entry::kind).toList());
    assertEquals(ea.checkpoint(), ((CheckpointPayload) stored.get(1).payload()).checkpoint());
    // unchanged head: nothing new is appended
    assertEquals(ea, anchors.record(a));
    assertEquals(3, anchors.size());
    Ledgers.grow(ledger, a, 3);
    AnchoredEntry again = anchors.record(a);
    assertEquals(3, again.seq());
    assertEquals(8, again.checkpoint().treeSize());
    // a second runtime opening the same ledger loads the same facts
    AnchorLedger reopened = AnchorLedger.open(ledger, RUNTIME, clock);
    assertEquals(again, reopened.latest(a).orElseThrow());
    assertEquals(4, reopened.size());
  }

  @Test
  void required_A5_1_anchorTrajectoryReplaysWithTheReplayer() {
    MemoryLedger ledger = new MemoryLedger();
    Hash32 a = Ledgers.trajectory(ledger, "a", 2);
    AnchorLedger anchors = AnchorLedger.open(ledger, RUNTIME, clock);
    anchors.record(a);
    Checkpoint c = anchors.checkpoint();
    anchors.recordReceipt(new AnchorReceipt("test", c, JsonObject.EMPTY));
    try (Stream<byte[]> bytes = ledger.readBytes(AnchorLedger.TRAJECTORY_ID)) {
      ReplayReport report = Replayer.replay(AnchorLedger.TRAJECTORY_ID, bytes,
          thymos.kernel.replay.ReplayOptions.defaults()
              .pinSigners(RUNTIME.publicKey()));
      assertTrue(report.verified(), report.violations().toString());
      assertEquals(3, report.entries());
    }
  }

  @Test
  void required_A5_1_proofChainsEveryEntryToTheAnchorRoot() {
    MemoryLedger ledger = new MemoryLedger();
    Hash32 a = Ledgers.trajectory(ledger, "a", 6);
    Hash32 b = Ledgers.trajectory(ledger, "b", 2);
    AnchorLedger anchors = AnchorLedger.open(ledger, RUNTIME, clock);
    anchors.record(a);
    anchors.record(b);
    Ledgers.grow(ledger, a, 5);
    anchors.record(a);
    Checkpoint anchor = anchors.checkpoint();
    for (Hash32 t : List.of(a, b)) {
      long length = ledger.head(t).orElseThrow().seq() + 1;
      for (long seq = 0; seq < length; seq++) {
        AnchorProof p = anchors.prove(t, seq, anchor);
        assertEquals(ProofVerification.Verified.INSTANCE, p.verify(RUNTIME.publicKey()),
            t.hex() + " seq " + seq);
        AnchorProof read = AnchorProof.fromJson(Json.parse(p.toJson().canonicalBytes()), "");
        assertEquals(p, read);
        assertTrue(read.verify(RUNTIME.publicKey()).verified());
      }
    }
    // the earliest covering checkpoint is used: seq 2 of a is in the first (size 7)
    assertEquals(7, anchors.prove(a, 2, anchor).trajectoryCheckpoint().treeSize());
    assertEquals(12, anchors.prove(a, 9, anchor).trajectoryCheckpoint().treeSize());
  }

  @Test
  void required_A5_1_proofFailsOnTampering() {
    MemoryLedger ledger = new MemoryLedger();
    Hash32 a = Ledgers.trajectory(ledger, "a", 6);
    Hash32 b = Ledgers.trajectory(ledger, "b", 3);
    AnchorLedger anchors = AnchorLedger.open(ledger, RUNTIME, clock);
    anchors.record(a);
    AnchoredEntry rb = anchors.record(b);
    AnchorProof p = anchors.prove(a, 3);
    assertTrue(p.verify(RUNTIME.publicKey()).verified());

    // another entry id
    Hash32 other = Ids.blake3(new byte[] {1});
    assertRejected("A2", "root", new AnchorProof(other, p.entryInclusion(),
        p.trajectoryCheckpoint(), p.anchorEntry(), p.anchorInclusion(), p.anchorCheckpoint())
        .verify(RUNTIME.publicKey()));
    // a trusted signer other than the runtime
    assertRejected("A4", "signer", p.verify(OTHER.publicKey()));
    // a trajectory checkpoint re-signed with another root: the anchor entry no longer records it
    Checkpoint c = p.trajectoryCheckpoint();
    Checkpoint forged = Checkpoint.sign(c.trajectoryId(), c.treeSize(), other, c.headEntryId(),
        c.recordedMs(), RUNTIME);
    InclusionProof path = p.entryInclusion();
    assertFalse(new AnchorProof(p.entryId(), path, forged, p.anchorEntry(), p.anchorInclusion(),
        p.anchorCheckpoint()).verify(RUNTIME.publicKey()).verified());
    // the anchor entry of another trajectory's checkpoint
    assertRejected("A5.1", "anchor_entry_checkpoint", new AnchorProof(p.entryId(), path, c,
        rb.entry(), p.anchorInclusion(), p.anchorCheckpoint()).verify(RUNTIME.publicKey()));
    // an anchor checkpoint whose root was changed
    Checkpoint ac = p.anchorCheckpoint();
    Checkpoint badAnchor = Checkpoint.sign(ac.trajectoryId(), ac.treeSize(), other,
        ac.headEntryId(), ac.recordedMs(), RUNTIME);
    assertRejected("A2", "root", new AnchorProof(p.entryId(), path, c, p.anchorEntry(),
        p.anchorInclusion(), badAnchor).verify(RUNTIME.publicKey()));
    // a path of another length is malformed: a typed error before hashing
    assertEquals("THY-A200", assertThrows(ProofException.class, () -> new InclusionProof(
        path.trajectoryId(), path.seq(), path.treeSize(),
        path.path().subList(1, path.path().size()))).code());
    // an inclusion path of another seq of the anchor trajectory: refused before hashing
    InclusionProof otherSeq = anchors.proofs().prove(AnchorLedger.TRAJECTORY_ID, 0,
        p.anchorCheckpoint().treeSize());
    assertThrows(ProofException.class, () -> new AnchorProof(p.entryId(), path, c,
        p.anchorEntry(), otherSeq, p.anchorCheckpoint()).verify(RUNTIME.publicKey()));
  }

  private static void assertRejected(String rule, String check, ProofVerification v) {
    ProofVerification.Rejected r = assertInstanceOf(ProofVerification.Rejected.class, v);
    assertEquals(rule, r.rule(), r.toString());
    assertEquals(check, r.check(), r.toString());
  }

  @Test
  void required_A5_1_proofOfAnUnanchoredEntryIsATypedError() {
    MemoryLedger ledger = new MemoryLedger();
    Hash32 a = Ledgers.trajectory(ledger, "a", 2);
    AnchorLedger anchors = AnchorLedger.open(ledger, RUNTIME, clock);
    Checkpoint early = anchors.checkpoint();
    anchors.record(a);
    Ledgers.grow(ledger, a, 1);
    ProofException notCovered = assertThrows(ProofException.class, () -> anchors.prove(a, 3));
    assertEquals("THY-A501", notCovered.code());
    // the anchor checkpoint predates the checkpoint entry
    assertThrows(ProofException.class, () -> anchors.prove(a, 0, early));
    ProofException self = assertThrows(ProofException.class,
        () -> anchors.record(AnchorLedger.TRAJECTORY_ID));
    assertEquals("THY-A501", self.code());
  }

  @Test
  void required_A5_1_refusesToAnchorARewrittenHistory() {
    MemoryLedger first = new MemoryLedger();
    Hash32 a = Ledgers.trajectory(first, "a", 3);
    AnchorLedger.open(first, RUNTIME, clock).record(a);
    // a ledger holding the same anchor trajectory but another history of "a"
    MemoryLedger second = new MemoryLedger();
    Ledgers.trajectory(second, "a", 0);
    Ledgers.grow(second, a, 0);
    second.append(StoredEntry.of(Entry.create(a, 1, second.head(a).map(h -> h.id()),
        5, new thymos.api.model.UsagePayload("other", "model", 0, 1, 1, 1))));
    Ledgers.grow(second, a, 4);
    entries(first).forEach(e -> second.append(StoredEntry.of(e)));
    AnchorLedger anchors = AnchorLedger.open(second, RUNTIME, clock);
    LedgerCorrupted e = assertThrows(LedgerCorrupted.class, () -> anchors.record(a));
    assertTrue(e.getMessage().contains("no longer extends"), e.getMessage());
  }

  @Test
  void required_A5_1_loadingRefusesAForeignEntry() {
    MemoryLedger ledger = new MemoryLedger();
    Hash32 a = Ledgers.trajectory(ledger, "a", 1);
    AnchorLedger anchors = AnchorLedger.open(ledger, RUNTIME, clock);
    anchors.record(a);
    var head = ledger.head(AnchorLedger.TRAJECTORY_ID).orElseThrow();
    // a checkpoint of the anchor trajectory itself has no place in it
    Checkpoint self = new TrajectoryProofs(ledger).checkpoint(AnchorLedger.TRAJECTORY_ID, RUNTIME,
        clock);
    ledger.append(StoredEntry.of(Entry.create(AnchorLedger.TRAJECTORY_ID, head.seq() + 1,
        java.util.Optional.of(head.id()), 9, new CheckpointPayload(self))));
    LedgerCorrupted e = assertThrows(LedgerCorrupted.class,
        () -> AnchorLedger.open(ledger, RUNTIME, clock));
    assertTrue(e.getMessage().contains("seq 2"), e.getMessage());
  }

  @Test
  void required_A5_2_recordsOnlyReceiptsOfOwnAnchorCheckpoints() {
    MemoryLedger ledger = new MemoryLedger();
    Hash32 a = Ledgers.trajectory(ledger, "a", 1);
    AnchorLedger anchors = AnchorLedger.open(ledger, RUNTIME, clock);
    anchors.record(a);
    Checkpoint ofA = anchors.latest(a).orElseThrow().checkpoint();
    ProofException foreign = assertThrows(ProofException.class,
        () -> anchors.recordReceipt(new AnchorReceipt("test", ofA, JsonObject.EMPTY)));
    assertEquals("THY-A502", foreign.code());
    Checkpoint byOther = new TrajectoryProofs(ledger).checkpoint(AnchorLedger.TRAJECTORY_ID,
        OTHER, clock);
    assertEquals("THY-A400", assertThrows(ProofException.class, () -> anchors.recordReceipt(
        new AnchorReceipt("test", byOther, JsonObject.EMPTY))).code());
    Checkpoint mine = anchors.checkpoint();
    Checkpoint wrongRoot = Checkpoint.sign(mine.trajectoryId(), mine.treeSize(),
        Ids.blake3(new byte[] {2}), mine.headEntryId(), mine.recordedMs(), RUNTIME);
    assertThrows(ProofException.class, () -> anchors.recordReceipt(
        new AnchorReceipt("test", wrongRoot, JsonObject.EMPTY)));
    AnchoredEntry r = anchors.recordReceipt(new AnchorReceipt("test", mine, JsonObject.EMPTY));
    assertEquals(List.of(r), anchors.receipts());
  }

  @Test
  void required_A5_1_concurrentRuntimesAppendWithoutForking() throws Exception {
    MemoryLedger ledger = new MemoryLedger();
    List<Hash32> ids = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      ids.add(Ledgers.trajectory(ledger, "t" + i, i % 3));
    }
    AnchorLedger one = AnchorLedger.open(ledger, RUNTIME, clock);
    AnchorLedger two = AnchorLedger.open(ledger, RUNTIME, clock);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> f1 = pool.submit(() -> ids.subList(0, 8).forEach(one::record));
      Future<?> f2 = pool.submit(() -> ids.subList(8, 16).forEach(two::record));
      f1.get();
      f2.get();
    } finally {
      pool.shutdownNow();
    }
    AnchorLedger reader = AnchorLedger.open(ledger, RUNTIME, clock);
    assertEquals(17, reader.size());
    assertEquals(16, reader.anchored().size());
    try (Stream<byte[]> bytes = ledger.readBytes(AnchorLedger.TRAJECTORY_ID)) {
      assertTrue(Replayer.replay(AnchorLedger.TRAJECTORY_ID, bytes,
          thymos.kernel.replay.ReplayOptions.defaults()).verified());
    }
  }

  static List<Entry> entries(MemoryLedger ledger) {
    try (Stream<StoredEntry> s = ledger.read(AnchorLedger.TRAJECTORY_ID)) {
      return s.map(e -> Entry.parse(e.canonicalBytes())).toList();
    }
  }
}
