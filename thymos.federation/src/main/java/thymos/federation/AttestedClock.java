package thymos.federation;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.proof.ProofVerification;
import thymos.api.spi.Clock;
import thymos.api.spi.ClockReading;
import thymos.api.spi.Entropy;
import thymos.api.spi.Signer;

/**
 * A {@link Clock} whose every reading carries its evidence (A6): either an RFC 3161 timestamp
 * token from a configured timestamp authority, whose generation time is the reading, or a
 * signature of a configured time-authority Ed25519 key over the reading. Check readings with
 * {@link ClockAttestations}. The kernel takes it like any clock (I6) and never depends on this
 * module.
 *
 * <p>Attestation forms (JSON, under {@link ClockReading#attestation()}):
 *
 * <ul>
 *   <li>{@code {"kind":"rfc3161", "nonce":<32 hex>, "token":<base64 DER>}}: the token's message
 *       imprint is {@code SHA-256(tagged("clock", {"nonce": nonce}))} and its {@code genTime} is
 *       {@code time_ms};
 *   <li>{@code {"kind":"ed25519", "nonce":<32 hex>, "authority":<key hex>, "signature":<hex>}}:
 *       the signature is {@code sign("clock", {"time_ms", "nonce", "authority"})} (E3.2).
 * </ul>
 *
 * <p>Every reading of a timestamped clock is a round trip to the TSA; a failure is a {@link
 * thymos.api.spi.AnchorSinkFailure} ({@code THY-A502}) naming {@code clock}. Thread-safe.
 */
public final class AttestedClock implements Clock {

  private final Source source;

  private sealed interface Source {
    ClockReading read();
  }

  private AttestedClock(Source source) {
    this.source = source;
  }

  /**
   * A clock whose readings are RFC 3161 tokens from the TSA at {@code url}, checked against the
   * pinned {@code tsa} certificate as they arrive.
   *
   * @param entropy the source of the per-reading nonces (E4.4)
   */
  public static AttestedClock timestamped(URI url, X509Certificate tsa, Duration timeout,
      Entropy entropy) {
    return new AttestedClock(new Tsa(Objects.requireNonNull(url, "url"),
        Objects.requireNonNull(tsa, "tsa"), Objects.requireNonNull(timeout, "timeout"),
        Objects.requireNonNull(entropy, "entropy"),
        HttpClient.newBuilder().connectTimeout(timeout).build()));
  }

  /**
   * A clock that reads {@code time} and has {@code authority} sign each reading; the authority
   * key may live anywhere the signer SPI reaches (a file, an HSM, a KMS, E3.4).
   */
  public static AttestedClock signed(Clock time, Signer authority, Entropy entropy) {
    return new AttestedClock(new Authority(Objects.requireNonNull(time, "time"),
        Objects.requireNonNull(authority, "authority"),
        Objects.requireNonNull(entropy, "entropy")));
  }

  /** The attested time; equal to {@code read().timeMs()}, evidence dropped. */
  @Override
  public long nowMs() {
    return read().timeMs();
  }

  /** A fresh reading with its attestation (A6). */
  @Override
  public ClockReading read() {
    return source.read();
  }

  /** The document a time authority signs, and an RFC 3161 token's imprint hashes. */
  static JsonObject signed(long timeMs, String nonce, String authority) {
    return JsonObject.builder().put("time_ms", Json.integer(timeMs))
        .put("nonce", Json.string(nonce)).put("authority", Json.string(authority)).build();
  }

  static byte[] imprint(String nonce) {
    return Rfc3161.sha256(Ids.tagged(DocType.CLOCK,
        JsonObject.builder().put("nonce", Json.string(nonce)).build()));
  }

  private record Tsa(URI url, X509Certificate tsa, Duration timeout, Entropy entropy,
      HttpClient client) implements Source {
    @Override
    public ClockReading read() {
      String nonce = HexFormat.of().formatHex(entropy.bytes(16));
      byte[] token = Rfc3161.request(client, url, timeout, imprint(nonce),
          new BigInteger(1, entropy.bytes(16)), "clock");
      Rfc3161.Checked checked = Rfc3161.verify(token, imprint(nonce), tsa, "A6");
      if (checked.verification() instanceof ProofVerification.Rejected r) {
        throw new thymos.api.spi.AnchorSinkFailure("clock", "timestamp authority " + url
            + " answered a token that does not verify: " + r.check() + ": expected "
            + r.expected() + ", actual " + r.actual(), null);
      }
      return new ClockReading(checked.genTimeMs(), Optional.of(JsonObject.builder()
          .put("kind", Json.string("rfc3161")).put("nonce", Json.string(nonce))
          .put("token", Json.string(Base64.getEncoder().encodeToString(token))).build()));
    }
  }

  private record Authority(Clock time, Signer authority, Entropy entropy) implements Source {
    @Override
    public ClockReading read() {
      long ms = time.nowMs();
      String nonce = HexFormat.of().formatHex(entropy.bytes(16));
      String key = authority.publicKey().hex();
      return new ClockReading(ms, Optional.of(JsonObject.builder()
          .put("kind", Json.string("ed25519")).put("nonce", Json.string(nonce))
          .put("authority", Json.string(key))
          .put("signature", Ed25519.sign(authority, DocType.CLOCK, signed(ms, nonce, key))
              .toJson()).build()));
    }
  }

  @Override
  public String toString() {
    return switch (source) {
      case Tsa t -> "AttestedClock[rfc3161 " + t.url() + "]";
      case Authority a -> "AttestedClock[ed25519 " + a.authority().publicKey().hex() + "]";
    };
  }
}
