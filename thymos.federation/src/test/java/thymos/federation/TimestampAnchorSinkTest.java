package thymos.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.ConfigurationException;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.AnchorReceipt;
import thymos.api.model.Checkpoint;
import thymos.api.spi.AnchorSink;
import thymos.api.spi.AnchorSinkFailure;

/** The RFC 3161 anchor sink (A5.2) against a timestamp authority on localhost. */
class TimestampAnchorSinkTest {

  @TempDir
  Path dir;
  private LocalTsa tsa;
  private LocalTsa rogue;

  @BeforeEach
  void start() throws Exception {
    tsa = new LocalTsa("Thymos Test TSA");
    rogue = new LocalTsa("Rogue TSA");
  }

  @AfterEach
  void stop() {
    tsa.close();
    rogue.close();
  }

  private AnchorSink open(LocalTsa at, LocalTsa pinned) throws Exception {
    Path pem = Files.createTempFile(dir, "tsa", ".pem");
    LocalTsa.writePem(pinned.certificate, pem);
    return new TimestampAnchorSinkProvider().open(JsonObject.builder()
        .put("url", Json.string(at.url().toString()))
        .put("certificate", Json.string(pem.toString())).build());
  }

  @Test
  void required_A5_2_theReceiptIsATimestampTokenOverTheCheckpointId() throws Exception {
    try (AnchorSink sink = open(tsa, tsa)) {
      tsa.timeMs.set(1_790_000_123_000L);
      Checkpoint c = Fixtures.checkpoint(6, "a");
      AnchorReceipt r = sink.publish(c);
      assertEquals("rfc3161", r.sink());
      assertEquals(Json.integer(1_790_000_123_000L), r.evidence().get("gen_time_ms")
          .orElseThrow());
      assertTrue(sink.verify(r).verified());
      // the receipt survives the ledger: read back from its JSON form
      AnchorReceipt read = AnchorReceipt.fromJson(Json.parse(r.toJson().canonicalBytes()), "");
      assertTrue(sink.verify(read).verified());
    }
  }

  @Test
  void required_A5_2_forgedOrForeignTokensAreRejected() throws Exception {
    try (AnchorSink sink = open(tsa, tsa)) {
      AnchorReceipt r = sink.publish(Fixtures.checkpoint(6, "a"));
      // the token moved onto another checkpoint: its imprint is another id's
      FileAnchorSinkTest.rejected("message_imprint", sink.verify(new AnchorReceipt("rfc3161",
          Fixtures.checkpoint(6, "b"), r.evidence())));
      // a token by another TSA over the right imprint
      byte[] foreign = rogue.token(TimestampAnchorSink.imprint(r.checkpoint()));
      FileAnchorSinkTest.rejected("tsa_certificate", sink.verify(new AnchorReceipt("rfc3161",
          r.checkpoint(), FileAnchorSinkTest.with(r.evidence(), "token",
              Json.string(Base64.getEncoder().encodeToString(foreign))))));
      // a token whose bytes were altered
      byte[] token = Base64.getDecoder().decode(((thymos.api.json.JsonString) r.evidence()
          .get("token").orElseThrow()).value());
      token[token.length - 5] ^= 1;
      assertTrue(!sink.verify(new AnchorReceipt("rfc3161", r.checkpoint(),
          FileAnchorSinkTest.with(r.evidence(), "token",
              Json.string(Base64.getEncoder().encodeToString(token))))).verified());
      FileAnchorSinkTest.rejected("gen_time_ms", sink.verify(new AnchorReceipt("rfc3161",
          r.checkpoint(), FileAnchorSinkTest.with(r.evidence(), "gen_time_ms",
              Json.integer(5)))));
      FileAnchorSinkTest.rejected("evidence", sink.verify(new AnchorReceipt("rfc3161",
          r.checkpoint(), FileAnchorSinkTest.with(r.evidence(), "token", Json.string("%%")))));
    }
    // a sink pinning the rogue refuses the real TSA's receipts and tokens
    try (AnchorSink pinnedRogue = open(tsa, rogue)) {
      AnchorSinkFailure f = assertThrows(AnchorSinkFailure.class,
          () -> pinnedRogue.publish(Fixtures.checkpoint(6, "a")));
      assertTrue(f.getMessage().contains("tsa_certificate"), f.getMessage());
    }
  }

  @Test
  void badConfigurationIsATypedError() throws Exception {
    Path notACert = Files.writeString(dir.resolve("x.pem"), "hello");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new TimestampAnchorSinkProvider().open(JsonObject.builder()
            .put("url", Json.string(tsa.url().toString()))
            .put("certificate", Json.string(notACert.toString())).build()));
    assertEquals("THY-A502", e.code());
    assertTrue(e.getMessage().contains("x.pem"), e.getMessage());
  }
}
