package thymos.federation;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A timestamp authority on localhost for tests (RFC 3161 over HTTP): a self-signed EC P-256
 * certificate made here with the timestamping extended key usage, tokens from Bouncy Castle's
 * {@link TimeStampResponseGenerator} at a time the test sets.
 */
final class LocalTsa implements AutoCloseable {

  final X509Certificate certificate;
  final AtomicLong timeMs = new AtomicLong(1_790_000_000_000L);
  private final TimeStampTokenGenerator tokens;
  private final HttpServer server;
  private final AtomicLong serial = new AtomicLong(1);

  LocalTsa(String name) throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
    kpg.initialize(256);
    KeyPair kp = kpg.generateKeyPair();
    X500Name subject = new X500Name("CN=" + name);
    long now = System.currentTimeMillis();
    X509CertificateHolder holder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
        new Date(now - 86_400_000L * 365 * 10), new Date(now + 86_400_000L * 365 * 10), subject,
        kp.getPublic())
        .addExtension(Extension.extendedKeyUsage, true,
            new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
    certificate = new JcaX509CertificateConverter().getCertificate(holder);
    tokens = new TimeStampTokenGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
        .build("SHA256withECDSA", kp.getPrivate(), certificate),
        new JcaDigestCalculatorProviderBuilder().build()
            .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
        new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
    tokens.addCertificates(new JcaCertStore(List.of(certificate)));
    tokens.setResolution(TimeStampTokenGenerator.R_MILLISECONDS);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/tsa", ex -> {
      try (InputStream in = ex.getRequestBody()) {
        byte[] answer = respond(in.readAllBytes());
        ex.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
        ex.sendResponseHeaders(200, answer.length);
        ex.getResponseBody().write(answer);
      } catch (Exception e) {
        ex.sendResponseHeaders(500, -1);
      } finally {
        ex.close();
      }
    });
    server.start();
  }

  private synchronized byte[] respond(byte[] request) throws Exception {
    TimeStampRequest req = new TimeStampRequest(request);
    TimeStampResponse resp = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
        .generate(req, BigInteger.valueOf(serial.getAndIncrement()), new Date(timeMs.get()));
    return resp.getEncoded();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
  }

  /** A token over {@code imprint} (SHA-256) straight from the generator, for forging tests. */
  synchronized byte[] token(byte[] imprint) throws Exception {
    return tokens.generate(new org.bouncycastle.tsp.TimeStampRequestGenerator()
        .generate(TSPAlgorithms.SHA256, imprint), BigInteger.TEN, new Date(timeMs.get()))
        .getEncoded();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  static void writePem(X509Certificate c, java.nio.file.Path file) throws IOException {
    try {
      String b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes())
          .encodeToString(c.getEncoded());
      java.nio.file.Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + b64
          + "\n-----END CERTIFICATE-----\n");
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IOException(e);
    }
  }
}
