package thymos.tools.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.crypto.Hash32;
import thymos.api.model.World;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;

/**
 * {@code http_fetch} against a local server on 127.0.0.1 (T5.3, T5.4). The server is reachable
 * only through a test address policy that admits that one loopback port; the configuration has
 * no way to do the same.
 */
class HttpFetchTest {

  private HttpServer server;
  private ExecutorService executor;
  private int port;
  private final List<String> seenMethods = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    port = server.getAddress().getPort();
    server.createContext("/hello", x -> {
      seenMethods.add(x.getRequestMethod());
      send(x, 200, "hello, world");
    });
    server.createContext("/to-hello", x -> redirect(x, "/hello"));
    server.createContext("/to-loopback", x -> redirect(x, "http://127.0.0.1:" + (port == 1 ? 2
        : 1) + "/"));
    server.createContext("/to-private", x -> redirect(x, "http://10.0.0.1/"));
    server.createContext("/to-metadata", x -> redirect(x, "http://169.254.169.254/latest/"));
    server.createContext("/to-name-private", x -> redirect(x,
        "http://internal.example.com:" + port + "/hello"));
    server.createContext("/slow", x -> {
      try {
        Thread.sleep(5_000);
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
      send(x, 200, "late");
    });
    server.createContext("/loop", x -> redirect(x, "/loop"));
    server.createContext("/big", x -> { // an endless chunked body: reading it all never ends
      x.sendResponseHeaders(200, 0);
      byte[] chunk = new byte[8192];
      java.util.Arrays.fill(chunk, (byte) 'a');
      try (OutputStream out = x.getResponseBody()) {
        while (true) {
          out.write(chunk);
        }
      } catch (IOException closedByClient) {
        // expected: the client stops at the cap
      }
    });
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.stop(0);
    executor.shutdownNow();
    assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
  }

  private static void send(HttpExchange x, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
    x.sendResponseHeaders(status, b.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(b);
    }
  }

  private static void redirect(HttpExchange x, String location) throws IOException {
    x.getResponseHeaders().add("Location", location);
    x.sendResponseHeaders(302, -1);
    x.close();
  }

  /** Test-only (T5.4): public addresses, plus this test's own loopback port. */
  private AddressPolicy thisServer() {
    return (a, p) -> (a.isLoopbackAddress() && p == port) || AddressPolicy.PUBLIC_ONLY.allows(a, p);
  }

  private HttpFetch tool(long maxBytes) {
    Resolver dns = HttpGuardTest.table(Map.of("local.example.com", List.of("127.0.0.1"),
        "internal.example.com", List.of("10.9.8.7")));
    return new HttpFetch(new HttpSettings(List.of("example.com"), maxBytes, 5, 2_000, 5_000), dns,
        thisServer());
  }

  private ToolOutcome fetch(HttpFetch tool, String path) {
    String url = "http://local.example.com:" + port + path;
    return tool.execute(new ToolContext((JsonObject) Json.parse("{\"url\":" + Json.string(url)
        + "}"), World.EMPTY, Hash32.of(new byte[Hash32.LENGTH]), Long.MAX_VALUE,
        ToolContext.Cancellation.NEVER, Optional.empty()));
  }

  private static JsonObject out(ToolOutcome o) {
    return (JsonObject) assertInstanceOf(ToolResult.class, o, o::toString).output();
  }

  private static ToolFailure failure(ToolOutcome o, ToolFailure.Kind kind) {
    ToolFailure f = assertInstanceOf(ToolFailure.class, o, o::toString);
    assertEquals(kind, f.kind(), f.message());
    return f;
  }

  @Test
  @DisplayName("T5 a normal fetch returns status, type and body, pinned to the checked address")
  void required_T5_normalFetchWorks() {
    JsonObject o = out(fetch(tool(1 << 20), "/hello"));
    assertEquals(Json.integer(200), o.get("status").orElseThrow());
    assertEquals(Json.string("hello, world"), o.get("content").orElseThrow());
    assertEquals(Json.bool(false), o.get("truncated").orElseThrow());
    assertEquals(Json.string("text/plain; charset=utf-8"), o.get("content_type").orElseThrow());
  }

  @Test
  @DisplayName("T2 HEAD returns status and type without a body, through the same guard")
  void required_T2_headReturnsNoBody() {
    String url = "http://local.example.com:" + port + "/hello";
    ToolOutcome o = tool(1 << 20).execute(new ToolContext((JsonObject) Json.parse("{\"url\":"
        + Json.string(url) + ",\"method\":\"HEAD\"}"), World.EMPTY,
        Hash32.of(new byte[Hash32.LENGTH]), Long.MAX_VALUE, ToolContext.Cancellation.NEVER,
        Optional.empty()));
    JsonObject out = out(o);
    assertEquals(Json.integer(200), out.get("status").orElseThrow());
    assertEquals(Json.integer(0), out.get("size").orElseThrow());
    assertEquals(Json.string("text/plain; charset=utf-8"), out.get("content_type").orElseThrow());
    assertEquals(List.of("HEAD"), seenMethods);
  }

  @Test
  @DisplayName("T5.3 an allowed redirect is followed and re-checked")
  void required_T5_3_followsAllowedRedirect() {
    JsonObject o = out(fetch(tool(1 << 20), "/to-hello"));
    assertEquals(Json.string("hello, world"), o.get("content").orElseThrow());
    assertTrue(o.get("url").orElseThrow().toString().endsWith("/hello\""), o.toString());
  }

  @Test
  @DisplayName("T5.3 a redirect to another loopback port is refused at the redirect")
  void required_T5_3_redirectToLoopbackIsRefused() {
    String m = failure(fetch(tool(1 << 20), "/to-loopback"), ToolFailure.Kind.FORBIDDEN_ADDRESS)
        .message();
    assertTrue(m.contains("redirect 1") && m.contains("127.0.0.1"), m);
  }

  @Test
  @DisplayName("T5.3 a redirect to a private address is refused at the redirect")
  void required_T5_3_redirectToPrivateIsRefused() {
    String m = failure(fetch(tool(1 << 20), "/to-private"), ToolFailure.Kind.FORBIDDEN_ADDRESS)
        .message();
    assertTrue(m.contains("redirect 1") && m.contains("10.0.0.1"), m);
    m = failure(fetch(tool(1 << 20), "/to-metadata"), ToolFailure.Kind.FORBIDDEN_ADDRESS)
        .message();
    assertTrue(m.contains("169.254.169.254"), m);
  }

  @Test
  @DisplayName("T5.3 a redirect to a name resolving to a private address is refused")
  void required_T5_3_redirectToNameWithPrivateAddressIsRefused() {
    String m = failure(fetch(tool(1 << 20), "/to-name-private"),
        ToolFailure.Kind.FORBIDDEN_ADDRESS).message();
    assertTrue(m.contains("10.9.8.7"), m);
  }

  @Test
  @DisplayName("T5.3 more than 5 redirects is refused")
  void required_T5_3_atMostFiveRedirects() {
    String m = failure(fetch(tool(1 << 20), "/loop"), ToolFailure.Kind.BAD_RESPONSE).message();
    assertTrue(m.contains("more than 5 redirects"), m);
  }

  @Test
  @DisplayName("T5.3 a body above the cap is cut and reported, without reading it all")
  void required_T5_3_bodyIsCappedWithoutReadingItAll() {
    JsonObject o = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> out(fetch(tool(1024), "/big")));
    assertEquals(Json.bool(true), o.get("truncated").orElseThrow());
    assertEquals(Json.integer(1024), o.get("size").orElseThrow());
    assertEquals(Json.string("a".repeat(1024)), o.get("content").orElseThrow());
  }

  @Test
  @DisplayName("T5.3 a server slower than the read timeout is a timeout failure")
  void required_T5_3_readTimeout() {
    HttpFetch quick = new HttpFetch(new HttpSettings(List.of(), 1024, 5, 2_000, 300),
        HttpGuardTest.table(Map.of("local.example.com", List.of("127.0.0.1"))), thisServer());
    String m = assertTimeoutPreemptively(Duration.ofSeconds(4),
        () -> failure(fetch(quick, "/slow"), ToolFailure.Kind.TIMEOUT)).message();
    assertTrue(m.contains("timed out"), m);
  }

  @Test
  @DisplayName("T5.4 without the test policy the local server is refused (loopback)")
  void required_T5_4_loopbackRefusedByDefault() {
    HttpFetch real = new HttpFetch(new HttpSettings(List.of(), 1024, 5, 2_000, 5_000),
        HttpGuardTest.table(Map.of("local.example.com", List.of("127.0.0.1"))),
        AddressPolicy.PUBLIC_ONLY);
    String m = failure(fetch(real, "/hello"), ToolFailure.Kind.FORBIDDEN_ADDRESS).message();
    assertTrue(m.contains("127.0.0.1"), m);
  }

  @Test
  @DisplayName("T5 the descriptor says external, medium risk, not compensable")
  void descriptor() {
    var d = tool(1).descriptor();
    assertEquals("http_fetch", d.name());
    assertEquals(thymos.api.model.EffectClass.EXTERNAL, d.effect());
    assertEquals(thymos.api.model.RiskClass.MEDIUM, d.risk());
    assertFalse(d.compensable());
  }
}
