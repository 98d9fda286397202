package thymos.federation;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import thymos.api.proof.ProofVerification;
import thymos.api.spi.AnchorSinkFailure;

/**
 * The RFC 3161 client both the {@code rfc3161} sink and the timestamped clock use: asks a
 * timestamp authority for a token over a SHA-256 imprint (HTTP, {@code
 * application/timestamp-query}), and verifies a token against the imprint and a pinned TSA
 * certificate.
 */
final class Rfc3161 {

  /** Tokens larger than this are refused (they are recorded in the ledger). */
  static final int MAX_TOKEN = 64 * 1024;

  private Rfc3161() {}

  /** SHA-256 of {@code data}. */
  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Asks the TSA at {@code url} for a token over {@code imprint} (SHA-256) with {@code nonce};
   * the response must be granted and match the request (imprint, nonce, RFC 3161 §2.4.2).
   *
   * @return the token's DER encoding
   * @throws AnchorSinkFailure ({@code THY-A502}) for an unreachable or refusing TSA, naming
   *     {@code who}
   */
  static byte[] request(HttpClient client, URI url, Duration timeout, byte[] imprint,
      BigInteger nonce, String who) {
    TimeStampRequestGenerator g = new TimeStampRequestGenerator();
    g.setCertReq(true);
    TimeStampRequest req = g.generate(TSPAlgorithms.SHA256, imprint, nonce);
    HttpResponse<byte[]> response;
    try {
      response = client.send(HttpRequest.newBuilder(url).timeout(timeout)
          .header("Content-Type", "application/timestamp-query")
          .POST(HttpRequest.BodyPublishers.ofByteArray(req.getEncoded())).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new AnchorSinkFailure(who, "timestamp request to " + url + " failed: "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AnchorSinkFailure(who, "timestamp request to " + url + " was interrupted", e);
    }
    if (response.statusCode() != 200 || response.body().length > MAX_TOKEN) {
      throw new AnchorSinkFailure(who, "timestamp authority " + url + " answered HTTP "
          + response.statusCode() + " with " + response.body().length + " bytes", null);
    }
    try {
      TimeStampResponse resp = new TimeStampResponse(response.body());
      resp.validate(req);
      TimeStampToken token = resp.getTimeStampToken();
      if (token == null) {
        throw new AnchorSinkFailure(who, "timestamp authority " + url + " refused: status "
            + resp.getStatus() + " " + resp.getStatusString(), null);
      }
      return token.getEncoded();
    } catch (TSPException | IOException e) {
      throw new AnchorSinkFailure(who, "timestamp authority " + url + " answered a response "
          + "that does not match the request: " + e.getMessage(), e);
    }
  }

  /**
   * The outcome of checking a token.
   *
   * @param verification verified, or the rejection naming the check
   * @param genTimeMs the token's generation time when verified, else -1
   */
  record Checked(ProofVerification verification, long genTimeMs) {
    static Checked rejected(String rule, String check, String expected, String actual) {
      return new Checked(new ProofVerification.Rejected(rule, check, expected, actual), -1);
    }
  }

  /**
   * Verifies {@code token}: a SHA-256 message imprint equal to {@code imprint}, signed by the
   * pinned TSA certificate (signer id and signature, and the certificate's timestamping use, RFC
   * 3161 §2.3).
   *
   * @param rule the rule to name in a rejection, {@code A5.2} or {@code A6}
   * @return the checked token, or a rejection naming the check
   */
  static Checked verify(byte[] token, byte[] imprint, X509Certificate pinned, String rule) {
    TimeStampToken t;
    try {
      t = new TimeStampToken(new CMSSignedData(token));
    } catch (CMSException | TSPException | IOException | RuntimeException e) {
      return Checked.rejected(rule, "token", "an RFC 3161 timestamp token",
          String.valueOf(e.getMessage()));
    }
    var info = t.getTimeStampInfo();
    if (!NISTObjectIdentifiers.id_sha256.equals(info.getMessageImprintAlgOID())) {
      return Checked.rejected(rule, "imprint_algorithm",
          NISTObjectIdentifiers.id_sha256.getId(), info.getMessageImprintAlgOID().getId());
    }
    if (!Arrays.equals(info.getMessageImprintDigest(), imprint)) {
      return Checked.rejected(rule, "message_imprint",
          HexFormat.of().formatHex(imprint),
          HexFormat.of().formatHex(info.getMessageImprintDigest()));
    }
    try {
      X509CertificateHolder holder = new X509CertificateHolder(pinned.getEncoded());
      if (!t.getSID().match(holder)) {
        return Checked.rejected(rule, "tsa_certificate",
            "a token signed by the pinned TSA " + holder.getSubject(),
            "a token signed by " + t.getSID().getIssuer() + " serial "
                + t.getSID().getSerialNumber());
      }
      t.validate(new JcaSimpleSignerInfoVerifierBuilder().build(holder));
    } catch (TSPException | OperatorCreationException | java.security.cert.CertificateException
        | IOException e) {
      return Checked.rejected(rule, "tsa_signature",
          "a valid signature by the pinned TSA", String.valueOf(e.getMessage()));
    }
    return new Checked(ProofVerification.Verified.INSTANCE, info.getGenTime().getTime());
  }
}
