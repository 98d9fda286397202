package thymos.federation;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;
import thymos.api.model.AnchorReceipt;
import thymos.api.model.Checkpoint;
import thymos.api.proof.ProofVerification;
import thymos.api.spi.AnchorSink;
import thymos.api.spi.AnchorSinkFailure;
import thymos.api.spi.Entropy;

/** See {@link TimestampAnchorSinkProvider}. */
final class TimestampAnchorSink implements AnchorSink {

  private final URI url;
  private final X509Certificate tsa;
  private final Duration timeout;
  private final Entropy entropy;
  private final HttpClient client;

  TimestampAnchorSink(URI url, X509Certificate tsa, Duration timeout, Entropy entropy) {
    this.url = url;
    this.tsa = tsa;
    this.timeout = timeout;
    this.entropy = entropy;
    this.client = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public String name() {
    return TimestampAnchorSinkProvider.NAME;
  }

  /** The message imprint of a checkpoint: SHA-256 of its id's bytes. */
  static byte[] imprint(Checkpoint c) {
    return Rfc3161.sha256(c.id().bytes());
  }

  @Override
  public AnchorReceipt publish(Checkpoint checkpoint) {
    byte[] token = Rfc3161.request(client, url, timeout, imprint(checkpoint),
        new BigInteger(1, entropy.bytes(16)), name());
    Rfc3161.Checked checked = Rfc3161.verify(token, imprint(checkpoint), tsa, "A5.2");
    if (checked.verification() instanceof ProofVerification.Rejected r) {
      throw new AnchorSinkFailure(name(), "timestamp authority " + url + " answered a token "
          + "that does not verify: " + r.check() + ": expected " + r.expected() + ", actual "
          + r.actual(), null);
    }
    return new AnchorReceipt(name(), checkpoint, JsonObject.builder()
        .put("url", Json.string(url.toString()))
        .put("token", Json.string(Base64.getEncoder().encodeToString(token)))
        .put("gen_time_ms", Json.integer(checked.genTimeMs())).build());
  }

  @Override
  public ProofVerification verify(AnchorReceipt receipt) {
    if (!receipt.sink().equals(name())) {
      return rejected("sink", name(), receipt.sink());
    }
    byte[] token;
    long genTime;
    try {
      StrictObject o = StrictObject.of(receipt.evidence(), "/evidence");
      o.string("url"); // where it came from; the pinned certificate decides trust
      token = Base64.getDecoder().decode(o.string("token"));
      genTime = o.nonNegative("gen_time_ms");
      o.end();
    } catch (RuntimeException e) {
      return rejected("evidence", "{url, token (base64), gen_time_ms}", e.getMessage());
    }
    Rfc3161.Checked checked = Rfc3161.verify(token, imprint(receipt.checkpoint()), tsa, "A5.2");
    if (!checked.verification().verified()) {
      return checked.verification();
    }
    long actual = checked.genTimeMs();
    return actual == genTime ? ProofVerification.Verified.INSTANCE
        : rejected("gen_time_ms", Long.toString(actual), Long.toString(genTime));
  }

  private static ProofVerification rejected(String check, String expected, String actual) {
    return new ProofVerification.Rejected("A5.2", check, expected, actual);
  }

  @Override
  public void close() {
    client.close();
  }
}
