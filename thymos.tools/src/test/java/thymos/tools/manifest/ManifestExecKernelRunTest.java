package thymos.tools.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static thymos.tools.manifest.ManifestFixtures.exec;
import static thymos.tools.manifest.ManifestFixtures.write;

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
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.authority.TrustAnchor;
import thymos.kernel.authority.TrustAnchors;
import thymos.kernel.registry.ToolRegistry;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.Replayer;
import thymos.kernel.run.Kernel;
import thymos.kernel.run.Outcome;
import thymos.kernel.run.Run;
import thymos.ledger.spi.StoredEntry;
import thymos.ledger.spi.memory.MemoryLedger;
import thymos.tools.ManifestToolProvider;

/**
 * Exec manifests through the {@code manifests} provider, the worker of T4 and a real kernel run
 * (T6.4, X2): placeholders fill single argv elements once (T6.2), the profile and sandbox of the
 * built-in {@code exec} apply, hostile calls are {@code failure} entries with no effect.
 */
class ManifestExecKernelRunTest {

  @TempDir Path tmp;
  Path root;
  final SeededEntropy entropy = new SeededEntropy(5);
  final ManualClock clock = ManualClock.at(2_000);
  final MemoryLedger ledger = new MemoryLedger();
  ToolRegistry registry;
  Run run;

  private static final String CWD_SCHEMA = "{\"type\":\"object\",\"required\":[\"msg\"],"
      + "\"properties\":{\"msg\":{\"type\":\"string\"}}}";

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("work"));
    Path folder = Files.createDirectories(tmp.resolve("manifests"));
    write(folder, "echo.json", exec("echo_msg", "external", "[\"echo\",\"{msg}\"]"));
    write(folder, "json.json", exec("json_msg", "external", "[\"printf\",\"%s\",\"{msg}\"]")
        .replace("\"output\":\"text\"", "\"output\":\"json\""));
    write(folder, "rm.json", exec("rm_msg", "external", "[\"rm\",\"-rf\",\"{msg}\"]"));
    write(folder, "pwd.json", exec("pwd_in", "external", "[\"pwd\"]")
        .replace("\"timeout_ms\"", "\"cwd\":\"{msg}\",\"timeout_ms\"")
        .replace(ManifestFixtures.ECHO_SCHEMA, CWD_SCHEMA));
    JsonObject config = (JsonObject) Json.parse("{\"folders\":[" + Json.string(folder.toString())
        + "],\"sandbox\":{\"roots\":[" + Json.string(root.toString()) + "]},\"exec\":"
        + "{\"profile\":\"test\",\"profiles\":{\"test\":[\"echo\",\"printf\",\"pwd\"]},"
        + "\"timeout_ms\":5000,\"max_output_bytes\":4096}}");
    registry = ToolRegistry.builder().provider(new ManifestToolProvider(), config).build();
    Ed25519Signer anchor = Ed25519Signer.generate(entropy);
    Ed25519Signer alice = Ed25519Signer.generate(entropy);
    AuthorityLedger authority = AuthorityLedger.open(ledger,
        TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey())), clock);
    Writ writ = Writ.sign(new WritBody("anchor", anchor.publicKey(), "alice", alice.publicKey(),
        Optional.empty(), "system", List.of("echo_msg", "json_msg", "rm_msg", "pwd_in"),
        new Budget(10_000, 100, 600_000, 1_000_000), Ceiling.ALL, 1_000, 100_000,
        new DelegationLimits(3, true), Nonce.of(entropy.bytes(Nonce.LENGTH))), anchor);
    authority.register(writ).entryOrThrow();
    Kernel kernel = Kernel.builder(ledger, authority, clock, entropy).tools(registry).build();
    run = kernel.open(writ.id(), "exec manifests");
  }

  @AfterEach
  void tearDown() throws Exception {
    ((AutoCloseable) registry.find("echo_msg").orElseThrow()).close();
  }

  private Outcome submit(String tool, String msg) {
    return run.submit(Intent.of(new IntentBody(run.trajectoryId(), IntentKind.ACT, tool,
        (JsonObject) Json.parse("{\"msg\":" + Json.string(msg) + "}"), "scripted",
        Optional.empty(), Optional.empty(), Nonce.of(entropy.bytes(Nonce.LENGTH)))));
  }

  private static JsonObject output(Outcome o) {
    CommitPayload c = assertInstanceOf(Outcome.Committed.class, o, o::toString).payload();
    assertEquals(Delta.EMPTY, c.delta());
    return (JsonObject) c.observations().get(0).output();
  }

  @Test
  void required_T6_2_echoManifestCommitsWithOneArgvElementFilledOnce() throws Exception {
    Files.createDirectories(root.resolve("sub dir"));
    String msg = "hello \"big\" 'world' {msg} $(touch pwned); `id` | x";
    JsonObject out = output(submit("echo_msg", msg));
    assertEquals(Json.string(msg + "\n"), out.get("stdout").orElseThrow());
    assertEquals(Json.integer(0), out.get("exit_code").orElseThrow());
    assertFalse(Files.exists(root.resolve("pwned")));

    JsonObject pwd = output(submit("pwd_in", "sub dir"));
    assertEquals(Json.string(root.toRealPath().resolve("sub dir") + "\n"),
        pwd.get("stdout").orElseThrow()); // a cwd placeholder with a space: one folder

    JsonObject parsed = output(submit("json_msg", "{\"a\":[1,2],\"b\":\"{msg}\"}"));
    assertEquals(Json.parse("{\"a\":[1,2],\"b\":\"{msg}\"}"), parsed);
    assertTrue(Replayer.replay(run.trajectoryId(), entries().iterator(),
        ReplayOptions.defaults().collectAll()).verified());
  }

  @Test
  void required_T6_4_hostileExecManifestCallsAreFailureEntries() throws Exception {
    Files.writeString(root.resolve("keep.txt"), "x");
    Outcome.Failed rm = assertInstanceOf(Outcome.Failed.class, submit("rm_msg", "."));
    assertEquals("path_denied", rm.payload().error().kind()); // rm is not in the profile (T4.2)
    Outcome.Failed escape = assertInstanceOf(Outcome.Failed.class, submit("pwd_in", "../.."));
    assertEquals("path_escape", escape.payload().error().kind());
    Outcome.Failed notJson = assertInstanceOf(Outcome.Failed.class, submit("json_msg", "{x"));
    assertEquals("bad_response", notJson.payload().error().kind());
    assertTrue(Files.exists(root.resolve("keep.txt")));
    assertEquals(World.EMPTY, run.world());
  }

  private List<byte[]> entries() {
    try (var s = ledger.read(run.trajectoryId())) {
      return s.map(StoredEntry::canonicalBytes).toList();
    }
  }
}
