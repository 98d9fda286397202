package thymos.tools.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.World;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;

/**
 * {@code http_fetch} over TLS (T5.1–T5.3) against a local HTTPS server whose certificate names
 * {@code secure.example.com}. The certificate is made by the JDK's {@code keytool} for this run
 * only; the test makes it the platform's default trust for its duration, as a deployment would
 * install a CA. The address stays pinned: the name resolves (test resolver) to 127.0.0.1, which
 * only this test's address policy admits (T5.4).
 */
class HttpsFetchTest {

  private static final String PASS = "changeit";

  @TempDir static Path dir;

  private static HttpsServer server;
  private static int port;
  private static SSLContext previous;

  @BeforeAll
  static void start() throws Exception {
    Path store = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
        "keytool").toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=secure.example.com", "-ext",
        "SAN=dns:secure.example.com", "-validity", "2", "-storetype", "PKCS12", "-keystore",
        store.toString(), "-storepass", PASS, "-keypass", PASS).redirectErrorStream(true)
        .start();
    byte[] log = keytool.getInputStream().readAllBytes();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
        () -> "keytool failed: " + new String(log, StandardCharsets.UTF_8));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(store.toFile())) {
      ks.load(in, PASS.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASS.toCharArray());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext serverSide = SSLContext.getInstance("TLS");
    serverSide.init(kmf.getKeyManagers(), null, null);
    SSLContext clientSide = SSLContext.getInstance("TLS");
    clientSide.init(null, tmf.getTrustManagers(), null);
    previous = SSLContext.getDefault();
    SSLContext.setDefault(clientSide);

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverSide));
    port = server.getAddress().getPort();
    server.createContext("/hello", x -> {
      byte[] b = "hello over tls".getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(200, b.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(b);
      }
    });
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
    if (previous != null) {
      SSLContext.setDefault(previous);
    }
  }

  private static ToolOutcome fetch(String host) {
    AddressPolicy thisServer = (a, p) -> (a.isLoopbackAddress() && p == port)
        || AddressPolicy.PUBLIC_ONLY.allows(a, p);
    HttpFetch tool = new HttpFetch(new HttpSettings(List.of("example.com"), 1 << 20, 5, 2_000,
        5_000), HttpGuardTest.table(Map.of(host, List.of("127.0.0.1"))), thisServer);
    String url = "https://" + host + ":" + port + "/hello";
    return tool.execute(new ToolContext((JsonObject) Json.parse("{\"url\":" + Json.string(url)
        + "}"), World.EMPTY, Hash32.of(new byte[Hash32.LENGTH]), Long.MAX_VALUE,
        ToolContext.Cancellation.NEVER, Optional.empty()));
  }

  @Test
  @DisplayName("T5.2 https to the pinned address with a certificate naming the URL's host works")
  void required_T5_2_httpsFetchVerifiesTheHostName() {
    ToolOutcome o = fetch("secure.example.com");
    JsonObject out = (JsonObject) assertInstanceOf(ToolResult.class, o, o::toString).output();
    assertEquals(Json.integer(200), out.get("status").orElseThrow());
    assertEquals(Json.string("hello over tls"), out.get("content").orElseThrow());
  }

  @Test
  @DisplayName("T5.2 a certificate that does not name the URL's host is a typed failure")
  void required_T5_2_certificateForAnotherHostIsRefused() {
    ToolOutcome o = fetch("other.example.com");
    ToolFailure f = assertInstanceOf(ToolFailure.class, o, o::toString);
    assertEquals(ToolFailure.Kind.TOOL_ERROR, f.kind(), f.message());
    assertTrue(f.message().contains("other.example.com"), f.message());
  }
}
