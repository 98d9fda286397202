package thymos.federation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** Reads a pinned X.509 certificate (a TSA's) from a PEM or DER file. */
final class Certificates {

  private Certificates() {}

  /**
   * The one certificate in {@code file}.
   *
   * @throws thymos.api.ConfigurationException ({@code THY-A502}) if it cannot be read
   */
  static X509Certificate read(String who, Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(bytes));
    } catch (IOException | CertificateException | ClassCastException e) {
      throw SinkConfig.invalid(who, "cannot read the certificate " + file + ": "
          + e.getMessage(), e);
    }
  }
}
