package thymos.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import thymos.api.ConfigurationException;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.AnchorReceipt;
import thymos.api.model.Checkpoint;
import thymos.api.spi.AnchorSink;
import thymos.api.spi.AnchorSinkFailure;

/** The HTTP anchor sink (A5.2) against a witness endpoint on localhost. */
class HttpAnchorSinkTest {

  private HttpServer server;
  private final List<Checkpoint> received = new ArrayList<>();
  /** 0: co-sign; 1: acknowledge another checkpoint; 2: answer 500. */
  private final AtomicInteger mode = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/checkpoints", ex -> {
      try (InputStream in = ex.getRequestBody()) {
        Checkpoint c = Checkpoint.fromJson(Json.parse(in.readAllBytes()), "");
        synchronized (received) {
          received.add(c);
        }
        if (mode.get() == 2) {
          ex.sendResponseHeaders(500, -1);
          return;
        }
        Checkpoint acked = mode.get() == 1 ? Fixtures.checkpoint(99, "other") : c;
        byte[] body = JsonObject.builder().put("checkpoint_id", acked.id().toJson())
            .put("witness", Fixtures.WITNESS.publicKey().toJson())
            .put("signature", Ed25519.sign(Fixtures.WITNESS, DocType.CHECKPOINT,
                acked.unsignedJson()).toJson())
            .put("received_ms", Json.integer(123)).build().canonicalBytes();
        ex.sendResponseHeaders(201, body.length);
        ex.getResponseBody().write(body);
      } finally {
        ex.close();
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/checkpoints";
  }

  private AnchorSink open(String witness) {
    JsonObject.Builder b = JsonObject.builder().put("url", Json.string(url()));
    if (witness != null) {
      b.put("witness_key", Json.string(witness));
    }
    return new HttpAnchorSinkProvider().open(b.build());
  }

  @Test
  void required_A5_2_postsTheCheckpointAndTheResponseIsTheReceipt() {
    try (AnchorSink sink = open(Fixtures.WITNESS.publicKey().hex())) {
      Checkpoint c = Fixtures.checkpoint(4, "a");
      AnchorReceipt r = sink.publish(c);
      assertEquals(List.of(c), received);
      assertEquals("http", r.sink());
      assertEquals(Json.integer(201), r.evidence().get("status").orElseThrow());
      assertTrue(sink.verify(r).verified());
      // without a pinned witness the acknowledgement alone is checked
      try (AnchorSink plain = open(null)) {
        assertTrue(plain.verify(r).verified());
      }
    }
  }

  @Test
  void required_A5_2_forgedOrTamperedReceiptsAreRejected() {
    try (AnchorSink sink = open(Fixtures.WITNESS.publicKey().hex())) {
      AnchorReceipt r = sink.publish(Fixtures.checkpoint(4, "a"));
      String body = ((thymos.api.json.JsonString) r.evidence().get("body").orElseThrow()).value();
      // the receipt moved onto another checkpoint
      FileAnchorSinkTest.rejected("checkpoint_id", sink.verify(new AnchorReceipt("http",
          Fixtures.checkpoint(4, "b"), r.evidence())));
      // a body whose signature was altered
      String sig = ((thymos.api.json.JsonString) ((JsonObject) Json.parse(body)).get("signature")
          .orElseThrow()).value();
      String flipped = (sig.charAt(0) == '0' ? "1" : "0") + sig.substring(1);
      FileAnchorSinkTest.rejected("witness_signature", sink.verify(new AnchorReceipt("http",
          r.checkpoint(), FileAnchorSinkTest.with(r.evidence(), "body",
              Json.string(body.replace(sig, flipped))))));
      FileAnchorSinkTest.rejected("status", sink.verify(new AnchorReceipt("http",
          r.checkpoint(), FileAnchorSinkTest.with(r.evidence(), "status", Json.integer(404)))));
      FileAnchorSinkTest.rejected("body", sink.verify(new AnchorReceipt("http",
          r.checkpoint(), FileAnchorSinkTest.with(r.evidence(), "body", Json.string("ok")))));
      // a sink pinning another witness refuses it
      try (AnchorSink other = open(Fixtures.OTHER.publicKey().hex())) {
        FileAnchorSinkTest.rejected("witness", other.verify(r));
      }
    }
  }

  @Test
  void required_A5_2_anEndpointThatDoesNotAcknowledgeIsAFailure() {
    try (AnchorSink sink = open(Fixtures.WITNESS.publicKey().hex())) {
      mode.set(1);
      AnchorSinkFailure wrong = assertThrows(AnchorSinkFailure.class,
          () -> sink.publish(Fixtures.checkpoint(4, "a")));
      assertEquals("THY-A502", wrong.code());
      assertTrue(wrong.getMessage().contains("checkpoint_id"), wrong.getMessage());
      mode.set(2);
      AnchorSinkFailure refused = assertThrows(AnchorSinkFailure.class,
          () -> sink.publish(Fixtures.checkpoint(4, "a")));
      assertTrue(refused.getMessage().contains("status"), refused.getMessage());
    }
    server.stop(0);
    try (AnchorSink gone = open(null)) {
      assertThrows(AnchorSinkFailure.class, () -> gone.publish(Fixtures.checkpoint(4, "a")));
    }
  }

  @Test
  void badConfigurationIsATypedError() {
    for (String bad : List.of("{\"url\":\"ftp://x/\"}", "{\"url\":\"not a url\"}",
        "{\"url\":\"http://h/\",\"witness_key\":\"zz\"}", "{\"url\":\"http://h/\",\"x\":1}",
        "{\"url\":\"http://h/\",\"timeout_ms\":0}")) {
      ConfigurationException e = assertThrows(ConfigurationException.class,
          () -> new HttpAnchorSinkProvider().open((JsonObject) Json.parse(bad)), bad);
      assertEquals("THY-A502", e.code());
    }
  }
}
