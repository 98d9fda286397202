package thymos.tck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.ApprovalPayload;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.DelegationLimits;
import thymos.api.model.Entry;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.RevocationPayload;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;
import thymos.api.proof.MerkleTree;
import thymos.api.spi.ManualClock;
import thymos.api.spi.SeededEntropy;
import thymos.kernel.KernelVersion;
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.authority.TrustAnchor;
import thymos.kernel.authority.TrustAnchors;
import thymos.kernel.policy.PolicyEngine;
import thymos.kernel.policy.ThresholdApproval;
import thymos.kernel.proof.MerkleIndex;
import thymos.kernel.registry.ToolRegistry;
import thymos.kernel.replay.AuthorityInput;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.Replayer;
import thymos.kernel.run.ApprovalChannel;
import thymos.kernel.run.Kernel;
import thymos.kernel.run.Outcome;
import thymos.kernel.run.Run;
import thymos.ledger.spi.memory.MemoryLedger;

/**
 * Writes the TCK's golden data (K3) for this version: a recorded ledger (every entry kind a
 * governed run writes: writs and a revocation, commits, a rejection, a suspension and its
 * approval, a tool failure, usage) with the replay report of each trajectory, and
 * language-neutral vectors (canonical JSON, ids, signatures, entries, Merkle proofs). Run once per
 * release: {@code java … thymos.tck.GoldenDataGenerator <folder>}. The files it wrote for a version
 * are never regenerated; {@code GoldenDataTest} checks every later version against them.
 */
public final class GoldenDataGenerator {

  private GoldenDataGenerator() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    String version = KernelVersion.COMPILER_VERSION.substring(
        KernelVersion.COMPILER_VERSION.indexOf('/') + 1);
    writeLedger(dir, version);
    writeVectors(dir, version);
  }

  private static void writeLedger(Path dir, String version) throws IOException {
    SeededEntropy keys = new SeededEntropy(2026);
    Ed25519Signer anchor = Ed25519Signer.generate(keys);
    Ed25519Signer agent = Ed25519Signer.generate(keys);
    Ed25519Signer approver = Ed25519Signer.generate(keys);
    SeededEntropy inputs = new SeededEntropy(11);
    ManualClock clock = ManualClock.at(1_800_000_000_000L);
    MemoryLedger ledger = new MemoryLedger();
    TrustAnchors anchors = TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey()));
    AuthorityLedger authority = AuthorityLedger.open(ledger, anchors, clock);
    Kernel kernel = Kernel.builder(ledger, authority, clock, new SeededEntropy(5))
        .tools(ToolRegistry.builder().tool(new Equivalence.KvPut("kv_put", false))
            .tool(new Equivalence.KvPut("kv_fail", true)).build())
        .policies(PolicyEngine.of(new ThresholdApproval("kv_put", "value", 1_000, "ops", 1)))
        .channel(ApprovalChannel.of("ops", 1, List.of(approver.publicKey())))
        .build();

    Writ first = writ(anchor, agent, inputs, clock.nowMs());
    authority.register(first).entryOrThrow();
    Run run = kernel.open(first.id(), "golden run");
    run.recordUsage("golden", "scripted", 420, 35, 9);
    expect(run.submit(intent(run, "kv_put", "a", 1, inputs)), "committed");
    clock.advance(1_000);
    expect(run.submit(intent(run, "kv_put", "b", 2, inputs)), "committed");
    expect(run.submit(intent(run, "exec", "c", 3, inputs)), "rejected");
    Outcome pending = run.submit(intent(run, "kv_put", "a", 5_000, inputs));
    expect(pending, "suspended");
    clock.advance(2_000);
    run.vote(ApprovalPayload.sign(run.trajectoryId(),
        ((Outcome.Pending) pending).entry().id(), ApprovalPayload.Vote.APPROVE,
        Optional.of("golden approval"), approver));
    expect(run.submit(intent(run, "kv_fail", "d", 4, inputs)), "failed");
    run.recordUsage("golden", "scripted", 510, 80, 14);

    Writ second = writ(anchor, agent, inputs, clock.nowMs());
    authority.register(second).entryOrThrow();
    Run other = kernel.open(second.id(), "golden run, revoked");
    expect(other.submit(intent(other, "kv_put", "z", 9, inputs)), "committed");
    clock.advance(500);
    authority.revoke(RevocationPayload.sign(second.id(), "golden: revoked", anchor))
        .entryOrThrow();
    expect(other.submit(intent(other, "kv_put", "z", 10, inputs)), "rejected");

    List<Hash32> order = List.of(AuthorityLedger.TRAJECTORY_ID, run.trajectoryId(),
        other.trajectoryId());
    List<String> lines = new ArrayList<>();
    List<Json> trajectories = new ArrayList<>();
    AuthorityInput authorityInput = AuthorityInput.fromEntries(
        bytes(ledger, AuthorityLedger.TRAJECTORY_ID).iterator(), anchors);
    for (Hash32 t : order) {
      List<byte[]> entries = bytes(ledger, t);
      entries.forEach(b -> lines.add(new String(b, StandardCharsets.UTF_8)));
      ReplayOptions options = ReplayOptions.defaults().collectAll();
      if (!t.equals(AuthorityLedger.TRAJECTORY_ID)) {
        options = options.withAuthority(authorityInput);
      }
      var report = Replayer.replay(t, entries.iterator(), options);
      if (!report.verified()) {
        throw new IllegalStateException("golden trajectory does not verify: " + report.toJson());
      }
      trajectories.add(Json.object(Map.of("trajectory_id", t.toJson(),
          "entries", Json.integer(entries.size()),
          "with_authority", Json.bool(!t.equals(AuthorityLedger.TRAJECTORY_ID)),
          "report", report.toJson())));
    }
    Files.write(dir.resolve("ledger-" + version + ".jsonl"),
        (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    JsonObject meta = Json.object(Map.of(
        "format", Json.string("thymos-golden-ledger/v1"),
        "produced_by", Json.string(KernelVersion.COMPILER_VERSION),
        "anchors", Json.array(List.of(anchor.publicKey().toJson())),
        "trajectories", Json.array(trajectories)));
    Files.write(dir.resolve("ledger-" + version + ".json"), meta.canonicalBytes());
  }

  private static void writeVectors(Path dir, String version) throws IOException {
    List<Json> canonical = new ArrayList<>();
    for (String input : List.of("{\"b\":[1,2.50,-0,1e2],\"a\":\"\\u00e9\\u20ac\",\"c\":null}",
        "{\"z\":{\"y\":true,\"x\":false},\"\\u000f\":\"\\t\"}",
        "[9007199254740991,-9007199254740991,0.000001,1e21,123.456e-7]",
        "{\"\\ud83d\\ude00\":\"emoji key\",\"aa\":1,\"a\":2}")) {
      Json value = Json.parse(input);
      canonical.add(Json.object(Map.of("input", Json.string(input),
          "canonical", Json.string(value.canonicalString()))));
    }
    List<Json> ids = new ArrayList<>();
    Json doc = Json.parse("{\"tool\":\"kv_put\",\"args\":{\"key\":\"a\",\"value\":1}}");
    for (DocType type : DocType.values()) {
      ids.add(Json.object(Map.of("type", Json.string(type.tag()), "document", doc,
          "id", Ids.id(type, doc).toJson())));
    }
    List<Json> signatures = new ArrayList<>();
    SeededEntropy e = new SeededEntropy(7);
    for (int i = 0; i < 3; i++) {
      byte[] seed = e.bytes(32);
      Ed25519Signer s = Ed25519Signer.fromSeed(seed);
      byte[] message = e.bytes(i * 17);
      signatures.add(Json.object(Map.of("seed", Json.string(HexFormat.of().formatHex(seed)),
          "public_key", s.publicKey().toJson(),
          "message", Json.string(HexFormat.of().formatHex(message)),
          "signature", s.sign(message).toJson())));
    }
    List<Json> proofs = new ArrayList<>();
    MerkleIndex index = MerkleIndex.blake3();
    List<Json> leaves = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Hash32 leaf = Ids.blake3(new byte[] {(byte) i});
      index.append(leaf);
      leaves.add(leaf.toJson());
    }
    for (long size : new long[] {1, 4, 7}) {
      for (long leaf = 0; leaf < size; leaf += 2) {
        proofs.add(Json.object(Map.of("kind", Json.string("inclusion"),
            "index", Json.integer(leaf), "tree_size", Json.integer(size),
            "path", hexList(index.inclusionPath(leaf, size)),
            "root", Json.string(HexFormat.of().formatHex(index.root(size))))));
      }
    }
    proofs.add(Json.object(Map.of("kind", Json.string("consistency"),
        "first", Json.integer(3), "second", Json.integer(7),
        "proof", hexList(index.consistencyProof(3, 7)),
        "first_root", Json.string(HexFormat.of().formatHex(index.root(3))),
        "second_root", Json.string(HexFormat.of().formatHex(index.root(7))))));
    JsonObject vectors = Json.object(Map.of(
        "format", Json.string("thymos-vectors/v1"),
        "produced_by", Json.string(KernelVersion.COMPILER_VERSION),
        "canonical_json", Json.array(canonical),
        "ids", Json.array(ids),
        "signatures", Json.array(signatures),
        "merkle", Json.object(Map.of("hash", Json.string(MerkleTree.BLAKE3.hash().name()),
            "leaves", Json.array(leaves), "proofs", Json.array(proofs)))));
    Files.write(dir.resolve("vectors-" + version + ".json"), vectors.canonicalBytes());
  }

  private static Json hexList(List<byte[]> hashes) {
    return Json.array(hashes.stream().map(h -> (Json) Json.string(
        HexFormat.of().formatHex(h))).toList());
  }

  private static List<byte[]> bytes(MemoryLedger ledger, Hash32 t) {
    try (Stream<byte[]> s = ledger.readBytes(t)) {
      return s.toList();
    }
  }

  private static Writ writ(Ed25519Signer anchor, Ed25519Signer agent, SeededEntropy nonces,
      long nowMs) {
    return Writ.sign(new WritBody("anchor", anchor.publicKey(), "agent", agent.publicKey(),
        Optional.empty(), "system", List.of("kv_*"), new Budget(1_000_000, 100, 86_400_000,
            1_000_000), Ceiling.ALL, nowMs, nowMs + 86_400_000, new DelegationLimits(0, false),
        Nonce.of(nonces.bytes(Nonce.LENGTH))), anchor);
  }

  private static Intent intent(Run run, String tool, String key, long value,
      SeededEntropy nonces) {
    return Intent.of(new IntentBody(run.trajectoryId(), IntentKind.ACT, tool,
        Json.object(Map.of("key", Json.string(key), "value", Json.integer(value))), "golden",
        Optional.empty(), Optional.empty(), Nonce.of(nonces.bytes(Nonce.LENGTH))));
  }

  private static void expect(Outcome o, String status) {
    if (!o.status().equals(status)) {
      throw new IllegalStateException("expected " + status + ", got " + o);
    }
  }
}
