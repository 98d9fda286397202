package thymos.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.AnchorReceipt;
import thymos.api.model.Checkpoint;
import thymos.api.model.Entry;
import thymos.api.model.RootPayload;
import thymos.api.spi.AnchorSink;
import thymos.api.spi.ManualClock;
import thymos.kernel.anchor.AnchorAudit;
import thymos.kernel.anchor.AnchorLedger;
import thymos.kernel.anchor.AnchorProof;
import thymos.kernel.anchor.AnchorSinks;
import thymos.ledger.spi.StoredEntry;
import thymos.ledger.spi.memory.MemoryLedger;

/**
 * The anchor trajectory published through the built-in sinks, selected by name through
 * ServiceLoader as the CLI does, then audited (A5.1, A5.2).
 */
class AnchorSinksEndToEndTest {

  @TempDir
  Path dir;

  private static Hash32 trajectory(MemoryLedger ledger, String name) {
    Hash32 id = Ids.blake3(name.getBytes(StandardCharsets.UTF_8));
    ledger.append(StoredEntry.of(Entry.create(id, 0, Optional.empty(), 1,
        RootPayload.bound(Ids.blake3(new byte[] {1}), name))));
    return id;
  }

  @Test
  void required_A5_publishedThroughEverySinkAndAudited() throws Exception {
    try (LocalTsa tsa = new LocalTsa("E2E TSA")) {
      Path pem = dir.resolve("tsa.pem");
      LocalTsa.writePem(tsa.certificate, pem);
      List<AnchorSink> sinks = AnchorSinks.serviceLoaded(List.of(
          new AnchorSinks.Selection("file", JsonObject.builder()
              .put("path", Json.string(dir.resolve("anchors.jsonl").toString())).build()),
          new AnchorSinks.Selection("rfc3161", JsonObject.builder()
              .put("url", Json.string(tsa.url().toString()))
              .put("certificate", Json.string(pem.toString())).build())));
      MemoryLedger ledger = new MemoryLedger();
      AnchorLedger anchors = AnchorLedger.open(ledger, Fixtures.RUNTIME,
          ManualClock.ticking(1_790_000_000_000L, 10));
      Hash32 a = trajectory(ledger, "a");
      Hash32 b = trajectory(ledger, "b");
      anchors.record(a);
      Checkpoint first = anchors.checkpoint();
      for (AnchorSink s : sinks) {
        anchors.recordReceipt(s.publish(first));
      }
      anchors.record(b);
      Checkpoint second = anchors.checkpoint();
      for (AnchorSink s : sinks) {
        anchors.recordReceipt(s.publish(second));
      }
      List<AnchorReceipt> receipts = anchors.receipts().stream()
          .map(e -> (AnchorReceipt) e.entry().payload()).toList();
      assertEquals(List.of("file", "rfc3161", "file", "rfc3161"),
          receipts.stream().map(AnchorReceipt::sink).toList());
      AnchorAudit.Report report = AnchorAudit.audit(receipts, sinks,
          Fixtures.RUNTIME.publicKey(), anchors);
      assertTrue(report.verified(), report.findings().toString());
      // an entry of "a" chains to the root an outside party holds (the first published one)
      AnchorProof proof = anchors.prove(a, 0, first);
      assertTrue(proof.verify(Fixtures.RUNTIME.publicKey()).verified());

      // a receipt of another ledger's anchor checkpoint, published to the same file: a fork
      MemoryLedger forked = new MemoryLedger();
      AnchorLedger other = AnchorLedger.open(forked, Fixtures.RUNTIME,
          ManualClock.ticking(1_790_000_000_000L, 10));
      other.record(trajectory(forked, "c"));
      other.record(trajectory(forked, "d"));
      other.record(trajectory(forked, "e"));
      other.record(trajectory(forked, "f"));
      other.record(trajectory(forked, "g"));
      Checkpoint stranger = other.checkpoint();
      AnchorReceipt strange = sinks.get(1).publish(stranger);
      List<AnchorReceipt> withFork = new java.util.ArrayList<>(receipts);
      withFork.add(strange);
      AnchorAudit.Report forkReport = AnchorAudit.audit(withFork, sinks,
          Fixtures.RUNTIME.publicKey(), anchors);
      assertFalse(forkReport.verified());
      assertTrue(forkReport.findings().stream().anyMatch(f -> f.rule().equals("A3")),
          forkReport.findings().toString());
      assertEquals(2, Files.readAllLines(dir.resolve("anchors.jsonl")).size());
      sinks.forEach(AnchorSink::close);
    }
  }
}
