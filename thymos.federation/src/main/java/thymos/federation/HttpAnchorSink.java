package thymos.federation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519;
import thymos.api.crypto.PublicKey;
import thymos.api.crypto.Signature;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.json.StrictObject;
import thymos.api.model.AnchorReceipt;
import thymos.api.model.Checkpoint;
import thymos.api.proof.ProofVerification;
import thymos.api.spi.AnchorSink;
import thymos.api.spi.AnchorSinkFailure;

/** See {@link HttpAnchorSinkProvider}. */
final class HttpAnchorSink implements AnchorSink {

  /** Responses larger than this are refused: a receipt is recorded in the ledger (E1.6). */
  static final int MAX_BODY = 64 * 1024;

  private final URI url;
  private final Optional<PublicKey> witness;
  private final Duration timeout;
  private final HttpClient client;

  HttpAnchorSink(URI url, Optional<PublicKey> witness, Duration timeout) {
    this.url = url;
    this.witness = witness;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public String name() {
    return HttpAnchorSinkProvider.NAME;
  }

  @Override
  public AnchorReceipt publish(Checkpoint checkpoint) {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(checkpoint.toJson().canonicalBytes()))
        .build();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new AnchorSinkFailure(name(), "POST " + url + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AnchorSinkFailure(name(), "POST " + url + " was interrupted", e);
    }
    if (response.body().length > MAX_BODY) {
      throw new AnchorSinkFailure(name(), "POST " + url + " answered " + response.body().length
          + " bytes, more than " + MAX_BODY, null);
    }
    AnchorReceipt receipt = new AnchorReceipt(name(), checkpoint, JsonObject.builder()
        .put("url", Json.string(url.toString())).put("status", Json.integer(response.statusCode()))
        .put("body", Json.string(new String(response.body(), StandardCharsets.UTF_8))).build());
    if (verify(receipt) instanceof ProofVerification.Rejected r) {
      throw new AnchorSinkFailure(name(), "POST " + url + " was not acknowledged: " + r.check()
          + ": expected " + r.expected() + ", actual " + r.actual(), null);
    }
    return receipt;
  }

  @Override
  public ProofVerification verify(AnchorReceipt receipt) {
    if (!receipt.sink().equals(name())) {
      return rejected("sink", name(), receipt.sink());
    }
    String recordedUrl;
    long status;
    String body;
    try {
      StrictObject o = StrictObject.of(receipt.evidence(), "/evidence");
      recordedUrl = o.string("url");
      status = o.integer("status");
      body = o.string("body");
      o.end();
    } catch (RuntimeException e) {
      return rejected("evidence", "{url, status, body}", e.getMessage());
    }
    if (!recordedUrl.equals(url.toString())) {
      return rejected("url", url.toString(), recordedUrl);
    }
    if (status < 200 || status > 299) {
      return rejected("status", "2xx", Long.toString(status));
    }
    JsonObject ack;
    try {
      if (!(Json.parse(body) instanceof JsonObject o)) {
        return rejected("body", "a JSON object", "another JSON value");
      }
      ack = o;
    } catch (RuntimeException e) {
      return rejected("body", "a JSON object", e.getMessage());
    }
    Checkpoint c = receipt.checkpoint();
    String id = member(ack, "checkpoint_id");
    if (!c.id().hex().equals(id)) {
      return rejected("checkpoint_id", c.id().hex(), id);
    }
    if (witness.isPresent()) {
      String key = member(ack, "witness");
      if (!witness.get().hex().equals(key)) {
        return rejected("witness", witness.get().hex(), key);
      }
      String sig = member(ack, "signature");
      boolean ok;
      try {
        ok = Ed25519.verify(witness.get(), DocType.CHECKPOINT, c.unsignedJson(),
            Signature.parse(sig, "/signature"));
      } catch (RuntimeException e) {
        ok = false;
      }
      if (!ok) {
        return rejected("witness_signature", "an Ed25519 signature by " + witness.get().hex()
            + " over checkpoint:" + c.id().hex(), sig);
      }
    }
    return ProofVerification.Verified.INSTANCE;
  }

  private static String member(JsonObject o, String name) {
    return o.get(name).orElse(null) instanceof JsonString s ? s.value() : "(none)";
  }

  private static ProofVerification rejected(String check, String expected, String actual) {
    return new ProofVerification.Rejected("A5.2", check, expected, actual);
  }

  @Override
  public void close() {
    client.close();
  }
}
