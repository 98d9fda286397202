package thymos.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.CommitPayload;
import thymos.api.model.DelegationLimits;
import thymos.api.model.Delta;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.World;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;
import thymos.api.spi.ManualClock;
import thymos.api.spi.SeededEntropy;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolProvider;
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
import thymos.tools.exec.BrokenWorkers;
import thymos.tools.exec.ExecSettings;
import thymos.tools.exec.ExecTool;
import thymos.tools.sandbox.Sandbox;

/**
 * {@code exec} (T4) through a real kernel run on the memory ledger: a successful program is a
 * commit with its output, and each hostile input of the issue becomes a {@code failure} entry of
 * the right kind (T1.4) with no effect on the world or the sandbox.
 */
class ExecKernelRunTest {

  @TempDir Path tmp;
  Path root;
  final SeededEntropy entropy = new SeededEntropy(11);
  final ManualClock clock = ManualClock.at(2_000);
  MemoryLedger ledger = new MemoryLedger();
  ToolRegistry registry;
  Run run;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("work"));
    Files.createDirectories(root.resolve("src"));
    JsonObject config = (JsonObject) Json.parse("{\"sandbox\":{\"roots\":["
        + Json.string(root.toString()) + "]},\"exec\":{\"profile\":\"test\",\"profiles\":"
        + "{\"test\":[\"echo\",\"printf\",\"env\",\"sh\",\"sleep\",\"pwd\",\"false\"]},"
        + "\"timeout_ms\":1500,\"max_output_bytes\":4096}}");
    registry = ToolRegistry.builder().provider(new BuiltinToolProvider(), config).build();
    setUpRun();
  }

  private void setUpRun() {
    Ed25519Signer anchor = Ed25519Signer.generate(entropy);
    Ed25519Signer alice = Ed25519Signer.generate(entropy);
    AuthorityLedger authority = AuthorityLedger.open(ledger,
        TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey())), clock);
    Writ writ = Writ.sign(new WritBody("anchor", anchor.publicKey(), "alice", alice.publicKey(),
        Optional.empty(), "system", List.of("exec"),
        new Budget(10_000, 100, 600_000, 1_000_000), Ceiling.ALL, 1_000, 100_000,
        new DelegationLimits(3, true), Nonce.of(entropy.bytes(Nonce.LENGTH))), anchor);
    authority.register(writ).entryOrThrow();
    Kernel kernel = Kernel.builder(ledger, authority, clock, entropy).tools(registry).build();
    run = kernel.open(writ.id(), "exec");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (registry.find("exec").orElseThrow() instanceof AutoCloseable exec) {
      exec.close();
    }
  }

  private Outcome submit(String args) {
    return run.submit(Intent.of(new IntentBody(run.trajectoryId(), IntentKind.ACT, "exec",
        (JsonObject) Json.parse(args), "scripted", Optional.empty(), Optional.empty(),
        Nonce.of(entropy.bytes(Nonce.LENGTH)))));
  }

  private String failed(String args) {
    Outcome o = submit(args);
    return assertInstanceOf(Outcome.Failed.class, o, o::toString).payload().error().kind();
  }

  private ReplayReport replay() {
    List<byte[]> bytes;
    try (var s = ledger.read(run.trajectoryId())) {
      bytes = s.map(StoredEntry::canonicalBytes).toList();
    }
    return Replayer.replay(run.trajectoryId(), bytes.iterator(),
        ReplayOptions.defaults().collectAll());
  }

  @Test
  void required_T4_1_execCommitsItsOutput() throws Exception {
    Outcome o = submit("{\"argv\":[\"pwd\"],\"cwd\":\"src\"}");
    CommitPayload c = assertInstanceOf(Outcome.Committed.class, o, o::toString).payload();
    assertEquals(Delta.EMPTY, c.delta());
    JsonObject out = (JsonObject) c.observations().get(0).output();
    assertEquals(Json.string(root.toRealPath().resolve("src") + "\n"),
        out.get("stdout").orElseThrow());
    assertEquals(Json.integer(0), out.get("exit_code").orElseThrow());
    assertEquals(Json.bool(false), out.get("stdout_truncated").orElseThrow());
    assertEquals("external", registry.find("exec").orElseThrow().descriptor().effect().wire());
    assertTrue(replay().verified());
  }

  @Test
  void required_T4_2_hostileCallsAreFailureEntries() throws Exception {
    assertEquals("path_denied", failed("{\"argv\":[\"rm\",\"-rf\",\".\"]}"));
    assertEquals("path_denied", failed("{\"argv\":[\"/bin/rm\",\"-rf\",\".\"]}"));
    assertEquals("path_denied", failed("{\"argv\":[\"bash\",\"-c\",\"touch pwned\"]}"));
    assertEquals("path_escape", failed("{\"argv\":[\"pwd\"],\"cwd\":\"../..\"}"));
    assertEquals("path_escape", failed("{\"argv\":[\"pwd\"],\"cwd\":\"/\"}"));
    assertEquals("not_found", failed("{\"argv\":[\"pwd\"],\"cwd\":\"nope\"}"));
    assertEquals("exit_nonzero", failed("{\"argv\":[\"false\"]}"));
    assertEquals("timeout", failed("{\"argv\":[\"sleep\",\"30\"],\"timeout_ms\":300}"));
    assertFalse(Files.exists(root.resolve("pwned")));
    assertEquals(World.EMPTY, run.world());
    assertTrue(replay().verified());
  }

  @Test
  void required_T4_4_crashedWorkerIsAFailureEntry() throws Exception {
    ExecSettings settings = ExecSettings.fromJson((JsonObject) Json.parse(
        "{\"profile\":\"t\",\"profiles\":{\"t\":[\"echo\"]}}"), "/exec");
    Sandbox sandbox = Sandbox.builder().root(root).build();
    try (ExecTool broken = new ExecTool(Optional.of(sandbox), settings,
        BrokenWorkers.pool(settings))) {
      ToolProvider provider = new ToolProvider() {
        @Override
        public String name() {
          return "broken";
        }

        @Override
        public String specVersion() {
          return "1";
        }

        @Override
        public List<Tool> tools(JsonObject config) {
          return List.of(broken);
        }
      };
      registry = ToolRegistry.builder().provider(provider, JsonObject.EMPTY).build();
      ledger = new MemoryLedger(); // a fresh run on a fresh ledger, with the broken worker
      setUpRun();
      assertEquals("worker_crashed", failed("{\"argv\":[\"echo\",\"hi\"]}"));
      assertEquals(World.EMPTY, run.world());
      assertTrue(replay().verified());
    }
  }

  @Test
  void required_T4_3_noSecretReachesTheLedger() {
    String secret = System.getenv("THYMOS_TEST_SECRET");
    assertTrue(secret != null && !secret.isEmpty(), "THYMOS_TEST_SECRET is set by the pom");
    Outcome o = submit("{\"argv\":[\"env\"]}");
    CommitPayload c = assertInstanceOf(Outcome.Committed.class, o, o::toString).payload();
    String out = c.observations().get(0).output().canonicalString();
    assertFalse(out.contains(secret), out);
    assertTrue(out.contains("HOME="), out);
  }

  @Test
  void required_T4_2_metacharactersStayLiteralThroughTheKernel() throws Exception {
    Outcome o = submit("{\"argv\":[\"echo\",\"a; touch pwned\",\"$(touch pwned)\","
        + "\"`touch pwned`\",\"&& touch pwned\",\"x\\ny\"]}");
    CommitPayload c = assertInstanceOf(Outcome.Committed.class, o, o::toString).payload();
    JsonObject out = (JsonObject) c.observations().get(0).output();
    assertEquals(Json.string("a; touch pwned $(touch pwned) `touch pwned` && touch pwned x\ny\n"),
        out.get("stdout").orElseThrow());
    assertFalse(Files.exists(root.resolve("pwned")));
  }
}
