package thymos.federation;

import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519;
import thymos.api.crypto.PublicKey;
import thymos.api.crypto.Signature;
import thymos.api.json.Json;
import thymos.api.json.StrictObject;
import thymos.api.proof.ProofVerification;
import thymos.api.spi.ClockReading;

/**
 * Checks the attestation of a clock reading (A6) against a pinned time authority: an Ed25519 key
 * or a TSA certificate. A reading without attestation, of the other kind, by another authority,
 * with a bad signature or token, or whose attested time is not the reading's is a {@link
 * ProofVerification.Rejected} with rule {@code A6} naming the check; never an exception.
 */
public final class ClockAttestations {

  private ClockAttestations() {}

  /** Whether {@code reading} is signed by the time authority {@code authority}. */
  public static ProofVerification verify(ClockReading reading, PublicKey authority) {
    Objects.requireNonNull(authority, "authority");
    if (reading.attestation().isEmpty()) {
      return rejected("attestation", "an ed25519 attestation", "none");
    }
    Json a = reading.attestation().get();
    String nonce;
    String key;
    Signature sig;
    try {
      StrictObject o = StrictObject.of(a, "/attestation");
      String kind = o.string("kind");
      if (!kind.equals("ed25519")) {
        return rejected("kind", "ed25519", kind);
      }
      nonce = o.string("nonce");
      key = o.string("authority");
      sig = o.read("signature", Signature::fromJson);
      o.end();
    } catch (RuntimeException e) {
      return rejected("attestation", "{kind, nonce, authority, signature}", e.getMessage());
    }
    if (!key.equals(authority.hex())) {
      return rejected("authority", authority.hex(), key);
    }
    return Ed25519.verify(authority, DocType.CLOCK,
        AttestedClock.signed(reading.timeMs(), nonce, key), sig)
        ? ProofVerification.Verified.INSTANCE
        : rejected("signature", "an Ed25519 signature by " + key + " over time_ms "
            + reading.timeMs(), sig.hex());
  }

  /** Whether {@code reading} is backed by a token of the pinned TSA {@code tsa} for its time. */
  public static ProofVerification verify(ClockReading reading, X509Certificate tsa) {
    Objects.requireNonNull(tsa, "tsa");
    if (reading.attestation().isEmpty()) {
      return rejected("attestation", "an rfc3161 attestation", "none");
    }
    String nonce;
    byte[] token;
    try {
      StrictObject o = StrictObject.of(reading.attestation().get(), "/attestation");
      String kind = o.string("kind");
      if (!kind.equals("rfc3161")) {
        return rejected("kind", "rfc3161", kind);
      }
      nonce = o.string("nonce");
      token = Base64.getDecoder().decode(o.string("token"));
      o.end();
    } catch (RuntimeException e) {
      return rejected("attestation", "{kind, nonce, token (base64)}", e.getMessage());
    }
    Rfc3161.Checked checked = Rfc3161.verify(token, AttestedClock.imprint(nonce), tsa, "A6");
    if (!checked.verification().verified()) {
      return checked.verification();
    }
    return checked.genTimeMs() == reading.timeMs() ? ProofVerification.Verified.INSTANCE
        : rejected("time_ms", Long.toString(checked.genTimeMs()),
            Long.toString(reading.timeMs()));
  }

  private static ProofVerification rejected(String check, String expected, String actual) {
    return new ProofVerification.Rejected("A6", check, expected, actual);
  }
}
