package thymos.tools.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static thymos.tools.manifest.ManifestFixtures.config;
import static thymos.tools.manifest.ManifestFixtures.context;
import static thymos.tools.manifest.ManifestFixtures.http;
import static thymos.tools.manifest.ManifestFixtures.write;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolOutcome;
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.authority.TrustAnchor;
import thymos.kernel.authority.TrustAnchors;
import thymos.kernel.registry.ToolRegistry;
import thymos.kernel.run.Kernel;
import thymos.kernel.run.Outcome;
import thymos.kernel.run.Run;
import thymos.ledger.spi.memory.MemoryLedger;
import thymos.tools.http.LoopbackHttp;

/**
 * Http manifests through the guard (T6.4, T5) and a real kernel run on the memory ledger (X2): a
 * call commits with the server seeing the encoded path, a hostile target becomes a {@code
 * failure} entry with {@code forbidden_address}. The local server on 127.0.0.1 is admitted only
 * by the test address policy (T5.4).
 */
class ManifestKernelRunTest {

  @TempDir Path dir;
  HttpServer server;
  int port;
  final List<String> seen = new CopyOnWriteArrayList<>();
  final List<String> bodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    port = server.getAddress().getPort();
    server.createContext("/", x -> {
      seen.add(x.getRequestMethod() + " " + x.getRequestURI().getRawPath() + "?"
          + x.getRequestURI().getRawQuery() + " " + x.getRequestHeaders().getFirst("X-Tag"));
      bodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      if (x.getRequestURI().getRawPath().equals("/items/redir")) { // to a host not allowed
        x.getResponseHeaders().add("Location", "http://other.example.net:" + port + "/items/1");
        x.sendResponseHeaders(302, -1);
        x.close();
        return;
      }
      byte[] b = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().add("Content-Type", "application/json");
      x.sendResponseHeaders(200, b.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(b);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static final String SCHEMA = "{\"type\":\"object\",\"additionalProperties\":false,"
      + "\"required\":[\"id\",\"q\"],\"properties\":{\"id\":{\"type\":\"string\"},"
      + "\"q\":{\"type\":\"string\"},\"n\":{\"type\":\"integer\"}}}";

  private List<Tool> tools() {
    write(dir, "get.json", http("get_item", SCHEMA, "\"method\":\"GET\",\"url\":"
        + "\"http://local.example.com:" + port + "/items/{id}?q={q}&v=1\",\"headers\":"
        + "{\"X-Tag\":\"t-{q}\"},\"allowed_hosts\":[\"example.com\"]"));
    write(dir, "post.json", http("post_item", SCHEMA, "\"method\":\"POST\",\"url\":"
        + "\"http://local.example.com:" + port + "/items/{id}\",\"body\":{\"query\":\"{q}\","
        + "\"note\":\"q={q}\"},\"allowed_hosts\":[\"local.example.com\"]"));
    write(dir, "meta.json", http("probe_meta", SCHEMA, "\"method\":\"GET\",\"url\":"
        + "\"http://metadata.example.com/latest/{id}?q={q}\","
        + "\"allowed_hosts\":[\"example.com\"]"));
    write(dir, "loop.json", http("probe_loop", SCHEMA, "\"method\":\"GET\",\"url\":"
        + "\"http://loop.example.com/{id}?q={q}\",\"allowed_hosts\":[\"example.com\"]"));
    // loop.example.com: one loopback address among public ones refuses the host (T5.2)
    Map<String, List<String>> dns = Map.of("local.example.com", List.of("127.0.0.1"),
        "metadata.example.com", List.of("169.254.169.254"),
        "loop.example.com", List.of("8.8.8.8", "127.0.0.1"),
        "other.example.net", List.of("127.0.0.1"));
    return Manifests.tools(config(dir, ""), c -> {
      throw new AssertionError("no exec manifest here");
    }, s -> LoopbackHttp.admitting(s, port, dns));
  }

  private static Tool named(List<Tool> tools, String name) {
    return tools.stream().filter(t -> t.descriptor().name().equals(name)).findFirst()
        .orElseThrow();
  }

  @Test
  void required_T6_4_httpManifestGoesThroughTheGuardWithEncodedPlaceholders() {
    List<Tool> tools = tools();
    ToolOutcome o = named(tools, "get_item").execute(context(
        "{\"id\":\"../admin?x=1#f\",\"q\":\"a&b=c d\"}"));
    JsonObject out = (JsonObject) assertInstanceOf(thymos.api.spi.ToolResult.class, o,
        o::toString).output();
    assertEquals(Json.integer(200), out.get("status").orElseThrow());
    assertEquals(List.of("GET /items/%2E%2E%2Fadmin%3Fx%3D1%23f?q=a%26b%3Dc%20d&v=1 t-a&b=c d"),
        seen);

    ToolOutcome post = named(tools, "post_item").execute(context(
        "{\"id\":\"7\",\"q\":\"\\\"}\"}"));
    assertInstanceOf(thymos.api.spi.ToolResult.class, post, post::toString);
    assertEquals("{\"note\":\"q=\\\"}\",\"query\":\"\\\"}\"}", bodies.get(1));

    ToolFailure missing = assertInstanceOf(ToolFailure.class, named(tools, "get_item")
        .execute(context("{\"id\":\"\",\"q\":\"x\"}")));
    assertEquals(ToolFailure.Kind.TOOL_ERROR, missing.kind(), missing.message());
    ToolFailure header = assertInstanceOf(ToolFailure.class, named(tools, "get_item")
        .execute(context("{\"id\":\"1\",\"q\":\"x\\r\\nEvil: 1\"}")));
    assertEquals(ToolFailure.Kind.TOOL_ERROR, header.kind(), header.message());
    assertEquals(2, seen.size()); // neither refused call reached the server
  }

  @Test
  void required_T5_2_httpManifestToLoopbackOrMetadataIsForbiddenAddress() {
    List<Tool> tools = tools();
    for (String name : List.of("probe_meta", "probe_loop")) {
      ToolFailure f = assertInstanceOf(ToolFailure.class, named(tools, name)
          .execute(context("{\"id\":\"x\",\"q\":\"y\"}")));
      assertEquals(ToolFailure.Kind.FORBIDDEN_ADDRESS, f.kind(), f.message());
    }
    assertTrue(seen.isEmpty());
    // a redirect to a host outside the manifest's allowed_hosts is re-checked and refused (T5.3)
    ToolFailure hop = assertInstanceOf(ToolFailure.class, named(tools, "get_item")
        .execute(context("{\"id\":\"redir\",\"q\":\"y\"}")));
    assertEquals(ToolFailure.Kind.FORBIDDEN_ADDRESS, hop.kind(), hop.message());
    assertTrue(hop.message().contains("other.example.net"), hop.message());
    assertEquals(1, seen.size()); // only the first hop reached the server
  }

  @Test
  void required_T6_4_manifestToolsThroughAKernelRun() {
    SeededEntropy entropy = new SeededEntropy(11);
    ManualClock clock = ManualClock.at(2_000);
    MemoryLedger ledger = new MemoryLedger();
    ToolRegistry.Builder b = ToolRegistry.builder();
    tools().forEach(b::tool);
    ToolRegistry registry = b.build();
    Ed25519Signer anchor = Ed25519Signer.generate(entropy);
    Ed25519Signer alice = Ed25519Signer.generate(entropy);
    AuthorityLedger authority = AuthorityLedger.open(ledger,
        TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey())), clock);
    Writ writ = Writ.sign(new WritBody("anchor", anchor.publicKey(), "alice", alice.publicKey(),
        Optional.empty(), "system", List.of("get_item", "probe_*"),
        new Budget(10_000, 100, 600_000, 1_000_000), Ceiling.ALL, 1_000, 100_000,
        new DelegationLimits(3, true), Nonce.of(entropy.bytes(Nonce.LENGTH))), anchor);
    authority.register(writ).entryOrThrow();
    Kernel kernel = Kernel.builder(ledger, authority, clock, entropy).tools(registry).build();
    Run run = kernel.open(writ.id(), "manifest tools");

    Outcome ok = submit(run, entropy, "get_item", "{\"id\":\"a/b\",\"q\":\"{id}\"}");
    CommitPayload c = assertInstanceOf(Outcome.Committed.class, ok, ok::toString).payload();
    assertEquals(Delta.EMPTY, c.delta());
    JsonObject out = (JsonObject) c.observations().get(0).output();
    assertEquals(Json.string("{\"ok\":true}"), out.get("content").orElseThrow());
    assertEquals(List.of("GET /items/a%2Fb?q=%7Bid%7D&v=1 t-{id}"), seen);

    Outcome.Failed f = assertInstanceOf(Outcome.Failed.class,
        submit(run, entropy, "probe_meta", "{\"id\":\"iam\",\"q\":\"x\"}"));
    assertEquals("forbidden_address", f.payload().error().kind());
    // arguments the schema refuses never reach the tool: a rejection
    assertInstanceOf(Outcome.Rejected.class, submit(run, entropy, "get_item",
        "{\"id\":\"1\",\"q\":\"x\",\"extra\":1}"));
    assertEquals(1, seen.size());
    assertEquals(World.EMPTY, run.world());
  }

  private static Outcome submit(Run run, SeededEntropy entropy, String tool, String args) {
    return run.submit(Intent.of(new IntentBody(run.trajectoryId(), IntentKind.ACT, tool,
        (JsonObject) Json.parse(args), "scripted", Optional.empty(), Optional.empty(),
        Nonce.of(entropy.bytes(Nonce.LENGTH)))));
  }

  @Test
  void required_T5_2_productionPolicyRefusesLoopback() {
    write(dir, "get.json", http("get_item", SCHEMA, "\"method\":\"GET\",\"url\":"
        + "\"http://local.example.com:" + port + "/items/{id}?q={q}\","
        + "\"allowed_hosts\":[\"example.com\"]"));
    Tool t = Manifests.tools(config(dir, ""), c -> null, s -> LoopbackHttp.publicOnly(s,
        Map.of("local.example.com", List.of("127.0.0.1")))).get(0);
    ToolFailure f = assertInstanceOf(ToolFailure.class, t.execute(context(
        "{\"id\":\"1\",\"q\":\"x\"}")));
    assertEquals(ToolFailure.Kind.FORBIDDEN_ADDRESS, f.kind(), f.message());
    assertTrue(seen.isEmpty());
  }
}
