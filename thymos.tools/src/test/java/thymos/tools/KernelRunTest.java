package thymos.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.CommitPayload;
import thymos.api.model.DelegationLimits;
import thymos.api.model.Delta;
import thymos.api.model.DeltaOp;
import thymos.api.model.DeltaResult;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.ResourceKey;
import thymos.api.model.World;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;
import thymos.api.spi.ManualClock;
import thymos.api.spi.SeededEntropy;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.authority.TrustAnchor;
import thymos.kernel.authority.TrustAnchors;
import thymos.kernel.registry.ToolRegistry;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.ReplayReport;
import thymos.kernel.replay.Replayer;
import thymos.kernel.run.Kernel;
import thymos.kernel.run.Outcome;
import thymos.kernel.run.Run;
import thymos.ledger.spi.StoredEntry;
import thymos.ledger.spi.memory.MemoryLedger;

/**
 * The built-ins through a real kernel run on the memory ledger (X2): commits carry the deltas of
 * T2, sandbox refusals become failure entries (T1.4), replay verifies, and compensation (X6.1)
 * produces deltas that apply to the run's world.
 */
class KernelRunTest {

  @TempDir Path tmp;
  Path root;
  final SeededEntropy entropy = new SeededEntropy(7);
  final ManualClock clock = ManualClock.at(2_000);
  final MemoryLedger ledger = new MemoryLedger();
  ToolRegistry registry;
  Run run;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("work"));
    Ed25519Signer anchor = Ed25519Signer.generate(entropy);
    Ed25519Signer alice = Ed25519Signer.generate(entropy);
    JsonObject config = (JsonObject) Json.parse("{\"sandbox\":{\"roots\":["
        + Json.string(root.toString()) + "]}}");
    registry = ToolRegistry.builder().provider(new BuiltinToolProvider(), config).build();
    AuthorityLedger authority = AuthorityLedger.open(ledger,
        TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey())), clock);
    Writ writ = Writ.sign(new WritBody("anchor", anchor.publicKey(), "alice", alice.publicKey(),
        Optional.empty(), "system", List.of("fs_*", "kv_*"),
        new Budget(10_000, 100, 600_000, 1_000_000), Ceiling.ALL, 1_000, 100_000,
        new DelegationLimits(3, true), Nonce.of(entropy.bytes(Nonce.LENGTH))), anchor);
    authority.register(writ).entryOrThrow();
    Kernel kernel = Kernel.builder(ledger, authority, clock, entropy).tools(registry).build();
    run = kernel.open(writ.id(), "built-in tools");
  }

  private Outcome submit(String tool, String args) {
    return run.submit(Intent.of(new IntentBody(run.trajectoryId(), IntentKind.ACT, tool,
        (JsonObject) Json.parse(args), "scripted", Optional.empty(), Optional.empty(),
        Nonce.of(entropy.bytes(Nonce.LENGTH)))));
  }

  private CommitPayload committed(Outcome o) {
    return assertInstanceOf(Outcome.Committed.class, o, o::toString).payload();
  }

  private ReplayReport replay() {
    List<byte[]> bytes;
    try (var s = ledger.read(run.trajectoryId())) {
      bytes = s.map(StoredEntry::canonicalBytes).toList();
    }
    return Replayer.replay(run.trajectoryId(), bytes.iterator(),
        ReplayOptions.defaults().collectAll());
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  private static World applied(World w, Delta d) {
    return assertInstanceOf(DeltaResult.Applied.class, w.apply(d, Hash32.of(new byte[32])))
        .world();
  }

  @Test
  void required_T2_fsWriteThenFsReadThroughAKernelRun() throws Exception {
    CommitPayload write = committed(submit("fs_write",
        "{\"path\":\"docs/readme.md\",\"content\":\"# Thymos\\n\"}"));
    ResourceKey key = new ResourceKey("file", "docs/readme.md");
    Json value = Json.parse("{\"size\":9,\"sha256\":\"" + sha256("# Thymos\n") + "\"}");
    assertEquals(Delta.of(new DeltaOp.Create(key, value)), write.delta());
    assertEquals("# Thymos\n", Files.readString(root.resolve("docs/readme.md")));
    assertEquals(1, run.world().get(key).orElseThrow().version());
    assertEquals(1, write.cost().toolCalls());

    World before = run.world();
    CommitPayload read = committed(submit("fs_read", "{\"path\":\"docs/readme.md\"}"));
    assertEquals(Delta.EMPTY, read.delta());
    JsonObject out = (JsonObject) read.observations().get(0).output();
    assertEquals(Json.string("# Thymos\n"), out.get("content").orElseThrow());
    assertEquals(before, run.world());

    CommitPayload again = committed(submit("fs_write",
        "{\"path\":\"docs/readme.md\",\"content\":\"v2\"}"));
    assertEquals(1, assertInstanceOf(DeltaOp.Replace.class, again.delta().ops().get(0))
        .expectedVersion());
    assertEquals(2, run.world().get(key).orElseThrow().version());

    ReplayReport report = replay();
    assertTrue(report.verified(), () -> report.toJson().toString());
    assertEquals(3, report.commits());
  }

  @Test
  void required_T1_4_sandboxRefusalsAreFailureEntries() throws Exception {
    Files.writeString(tmp.resolve("outside.txt"), "secret");
    Outcome.Failed escape = assertInstanceOf(Outcome.Failed.class,
        submit("fs_read", "{\"path\":\"../outside.txt\"}"));
    assertEquals("path_escape", escape.payload().error().kind());
    Outcome.Failed denied = assertInstanceOf(Outcome.Failed.class,
        submit("fs_write", "{\"path\":\".git/config\",\"content\":\"x\"}"));
    assertEquals("path_denied", denied.payload().error().kind());
    Outcome.Failed missing = assertInstanceOf(Outcome.Failed.class,
        submit("fs_read", "{\"path\":\"nope.txt\"}"));
    assertEquals("not_found", missing.payload().error().kind());
    assertEquals(World.EMPTY, run.world());
    assertTrue(replay().verified());
  }

  @Test
  void required_X6_1_fsWriteCompensationRestoresThenDeletes() throws Exception {
    Tool fsWrite = registry.find("fs_write").orElseThrow();
    CommitPayload first = committed(submit("fs_write",
        "{\"path\":\"a/b.txt\",\"content\":\"v1\"}"));
    CommitPayload second = committed(submit("fs_write",
        "{\"path\":\"a/b.txt\",\"content\":\"v2\"}"));
    ToolResult undo2 = assertInstanceOf(ToolResult.class,
        fsWrite.compensate(second, run.world()));
    World w = applied(run.world(), undo2.delta());
    assertEquals("v1", Files.readString(root.resolve("a/b.txt")));
    // compensating the older commit first is refused: the newer one changed the file since
    assertNotCompensable(fsWrite.compensate(first, run.world()));
    ToolResult undo1 = assertInstanceOf(ToolResult.class, fsWrite.compensate(first, w));
    w = applied(w, undo1.delta());
    assertTrue(Files.notExists(root.resolve("a/b.txt")));
    assertTrue(w.get(new ResourceKey("file", "a/b.txt")).isEmpty());
  }

  @Test
  void required_X6_1_fsWriteRefusesWhenDiskChangedOrOutputRedacted() throws Exception {
    Tool fsWrite = registry.find("fs_write").orElseThrow();
    CommitPayload c = committed(submit("fs_write", "{\"path\":\"f.txt\",\"content\":\"v1\"}"));
    Files.writeString(root.resolve("f.txt"), "edited by hand");
    assertNotCompensable(fsWrite.compensate(c, run.world()));

    // previous content holding a secret shape is redacted in the ledger: never restored
    Files.writeString(root.resolve("creds.txt"), "aws = AKIAIOSFODNN7EXAMPLE\n");
    CommitPayload over = committed(submit("fs_write",
        "{\"path\":\"creds.txt\",\"content\":\"clean\"}"));
    assertTrue(over.observations().get(0).redactions().orElse(0L) > 0);
    assertNotCompensable(fsWrite.compensate(over, run.world()));
    assertEquals("clean", Files.readString(root.resolve("creds.txt")));
  }

  @Test
  void required_X6_1_kvPutCompensation() {
    Tool kvPut = registry.find("kv_put").orElseThrow();
    CommitPayload created = committed(submit("kv_put", "{\"key\":\"k\",\"value\":1}"));
    CommitPayload replaced = committed(submit("kv_put", "{\"key\":\"k\",\"value\":2}"));
    ToolResult undo = assertInstanceOf(ToolResult.class, kvPut.compensate(replaced, run.world()));
    World w = applied(run.world(), undo.delta());
    assertEquals(Json.integer(1), w.get(new ResourceKey("kv", "k")).orElseThrow().value());
    ToolResult undoCreate = assertInstanceOf(ToolResult.class, kvPut.compensate(created, w));
    assertInstanceOf(DeltaOp.Retract.class, undoCreate.delta().ops().get(0));
    assertTrue(applied(w, undoCreate.delta()).get(new ResourceKey("kv", "k")).isEmpty());
    CommitPayload got = committed(submit("kv_get", "{\"key\":\"k\"}"));
    assertEquals(Json.integer(2), ((JsonObject) got.observations().get(0).output())
        .get("value").orElseThrow());
    assertTrue(replay().verified());
  }

  private static void assertNotCompensable(ToolOutcome o) {
    ToolFailure f = assertInstanceOf(ToolFailure.class, o);
    assertEquals(ToolFailure.Kind.NOT_COMPENSABLE, f.kind(), f.message());
  }
}
