package thymos.kernel.anchor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.AnchorReceipt;
import thymos.api.model.Checkpoint;
import thymos.api.spi.ManualClock;
import thymos.ledger.spi.memory.MemoryLedger;

/** The A5.2 verifier: receipts re-checked, published checkpoints consistent. */
class AnchorAuditTest {

  private final ManualClock clock = ManualClock.ticking(1_790_000_000_000L, 1);

  /** Anchors, publishes to {@code sink}, records the receipt; returns it. */
  private static AnchorReceipt publish(AnchorLedger anchors, MemorySink sink) {
    AnchorReceipt r = sink.publish(anchors.checkpoint());
    anchors.recordReceipt(r);
    return r;
  }

  private static List<AnchorReceipt> receipts(AnchorLedger anchors) {
    return anchors.receipts().stream().map(e -> (AnchorReceipt) e.entry().payload()).toList();
  }

  @Test
  void required_A5_2_recordedReceiptsOfAGrowingAnchorTrajectoryVerify() {
    MemoryLedger ledger = new MemoryLedger();
    MemorySink sink = new MemorySink("mem");
    AnchorLedger anchors = AnchorLedger.open(ledger, AnchorLedgerTest.RUNTIME, clock);
    Hash32 a = Ledgers.trajectory(ledger, "a", 2);
    anchors.record(a);
    publish(anchors, sink);
    publish(anchors, sink); // republishing at the next size (the receipt entry grew it)
    Ledgers.grow(ledger, a, 4);
    anchors.record(a);
    anchors.record(Ledgers.trajectory(ledger, "b", 1));
    publish(anchors, sink);
    AnchorAudit.Report report = AnchorAudit.audit(receipts(anchors), List.of(sink),
        AnchorLedgerTest.RUNTIME.publicKey(), anchors);
    assertEquals(3, report.receipts());
    assertTrue(report.verified(), report.findings().toString());
  }

  @Test
  void required_A5_2_aForkedPublishedSequenceIsAFinding() {
    MemorySink sink = new MemorySink("mem");
    // two ledgers whose anchor trajectories share the root but then diverge
    MemoryLedger left = new MemoryLedger();
    MemoryLedger right = new MemoryLedger();
    AnchorLedger l = AnchorLedger.open(left, AnchorLedgerTest.RUNTIME, ManualClock.at(5));
    AnchorLedger r = AnchorLedger.open(right, AnchorLedgerTest.RUNTIME, ManualClock.at(5));
    l.record(Ledgers.trajectory(left, "left", 1));
    r.record(Ledgers.trajectory(right, "right", 1));
    r.record(Ledgers.trajectory(right, "right2", 1));
    AnchorReceipt fromLeft = sink.publish(l.checkpoint());
    AnchorReceipt fromRight = sink.publish(r.checkpoint());
    AnchorAudit.Report report = AnchorAudit.audit(List.of(fromLeft, fromRight), List.of(sink),
        AnchorLedgerTest.RUNTIME.publicKey(), r);
    assertFalse(report.verified());
    AnchorAudit.Finding f = report.findings().getFirst();
    assertEquals("A3", f.rule(), f.toString());
    assertEquals(0, f.index());
    assertTrue(f.toString().startsWith("[THY-A300] receipt 0 (mem, tree size 2)"), f.toString());
    // the same two against the left ledger: the right one is the stranger there
    AnchorAudit.Report againstLeft = AnchorAudit.audit(List.of(fromLeft, fromRight),
        List.of(sink), AnchorLedgerTest.RUNTIME.publicKey(), l);
    assertFalse(againstLeft.verified());
  }

  @Test
  void required_A5_2_sameSizeOtherRootIsAFinding() {
    MemoryLedger ledger = new MemoryLedger();
    MemorySink sink = new MemorySink("mem");
    AnchorLedger anchors = AnchorLedger.open(ledger, AnchorLedgerTest.RUNTIME, clock);
    anchors.record(Ledgers.trajectory(ledger, "a", 1));
    Checkpoint c = anchors.checkpoint();
    Checkpoint other = Checkpoint.sign(c.trajectoryId(), c.treeSize(),
        thymos.api.crypto.Ids.blake3(new byte[] {9}), c.headEntryId(), c.recordedMs(),
        AnchorLedgerTest.RUNTIME);
    AnchorAudit.Report report = AnchorAudit.audit(List.of(sink.publish(c), sink.publish(other)),
        List.of(sink), AnchorLedgerTest.RUNTIME.publicKey(), anchors);
    List<String> checks = report.findings().stream().map(AnchorAudit.Finding::check).toList();
    assertTrue(checks.contains("same_size_root") && checks.contains("ledger_root"),
        checks.toString());
  }

  @Test
  void required_A5_2_forgedOrUnknownReceiptsAreFindings() {
    MemoryLedger ledger = new MemoryLedger();
    MemorySink sink = new MemorySink("mem");
    AnchorLedger anchors = AnchorLedger.open(ledger, AnchorLedgerTest.RUNTIME, clock);
    anchors.record(Ledgers.trajectory(ledger, "a", 1));
    AnchorReceipt good = publish(anchors, sink);
    List<AnchorReceipt> list = new ArrayList<>(receipts(anchors));
    // evidence naming another checkpoint
    list.add(new AnchorReceipt("mem", good.checkpoint(), JsonObject.builder()
        .put("id", Json.string("00".repeat(32))).build()));
    // a sink that is not configured
    list.add(new AnchorReceipt("gone", good.checkpoint(), JsonObject.EMPTY));
    // a checkpoint signed by another key
    Checkpoint c = good.checkpoint();
    list.add(sink.publish(Checkpoint.sign(c.trajectoryId(), c.treeSize(), c.root(),
        c.headEntryId(), c.recordedMs(), AnchorLedgerTest.OTHER)));
    AnchorAudit.Report report = AnchorAudit.audit(list, List.of(sink),
        AnchorLedgerTest.RUNTIME.publicKey(), anchors);
    assertEquals(List.of("1:evidence", "2:sink", "3:signer"), report.findings().stream()
        .map(f -> f.index() + ":" + f.check()).toList());
  }
}
