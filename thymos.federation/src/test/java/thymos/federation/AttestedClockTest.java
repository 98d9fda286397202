package thymos.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import thymos.api.json.JsonObject;
import thymos.api.proof.ProofVerification;
import thymos.api.spi.AnchorSinkFailure;
import thymos.api.spi.ClockReading;
import thymos.api.spi.ManualClock;
import thymos.api.spi.SeededEntropy;

/** Attested clocks (A6): readings carry evidence that verifies against a pinned authority. */
class AttestedClockTest {

  static ProofVerification.Rejected rejected(String check, ProofVerification v) {
    ProofVerification.Rejected r = assertInstanceOf(ProofVerification.Rejected.class, v);
    assertEquals("A6", r.rule(), r.toString());
    assertEquals(check, r.check(), r.toString());
    return r;
  }

  @Test
  void required_A6_signedReadingsVerifyAgainstTheTimeAuthorityKey() {
    ManualClock time = ManualClock.at(1_790_000_000_000L);
    AttestedClock clock = AttestedClock.signed(time, Fixtures.WITNESS, new SeededEntropy(1));
    ClockReading r = clock.read();
    assertEquals(1_790_000_000_000L, r.timeMs());
    assertTrue(ClockAttestations.verify(r, Fixtures.WITNESS.publicKey()).verified());
    time.advance(5);
    assertEquals(1_790_000_000_005L, clock.nowMs());
    // another authority, a moved time, no attestation
    rejected("authority", ClockAttestations.verify(r, Fixtures.OTHER.publicKey()));
    rejected("signature", ClockAttestations.verify(new ClockReading(r.timeMs() + 1,
        r.attestation()), Fixtures.WITNESS.publicKey()));
    rejected("attestation", ClockAttestations.verify(ClockReading.of(5),
        Fixtures.WITNESS.publicKey()));
    // a forged authority field naming the pinned key over another key's signature
    ClockReading byOther = AttestedClock.signed(time, Fixtures.OTHER, new SeededEntropy(1))
        .read();
    JsonObject forged = FileAnchorSinkTest.with((JsonObject) byOther.attestation().get(),
        "authority", Fixtures.WITNESS.publicKey().toJson());
    rejected("signature", ClockAttestations.verify(new ClockReading(byOther.timeMs(),
        Optional.of(forged)), Fixtures.WITNESS.publicKey()));
  }

  @Test
  void required_A6_timestampedReadingsVerifyAgainstThePinnedTsa() throws Exception {
    try (LocalTsa tsa = new LocalTsa("Clock TSA"); LocalTsa rogue = new LocalTsa("Rogue")) {
      tsa.timeMs.set(1_790_000_000_777L);
      AttestedClock clock = AttestedClock.timestamped(tsa.url(), tsa.certificate,
          Duration.ofSeconds(5), new SeededEntropy(2));
      ClockReading r = clock.read();
      assertEquals(1_790_000_000_777L, r.timeMs());
      assertTrue(ClockAttestations.verify(r, tsa.certificate).verified());
      rejected("tsa_certificate", ClockAttestations.verify(r, rogue.certificate));
      rejected("time_ms", ClockAttestations.verify(new ClockReading(r.timeMs() + 1,
          r.attestation()), tsa.certificate));
      rejected("kind", ClockAttestations.verify(r, Fixtures.WITNESS.publicKey()));
      // a reading whose nonce was swapped no longer matches the token's imprint
      JsonObject swapped = FileAnchorSinkTest.with((JsonObject) r.attestation().get(), "nonce",
          thymos.api.json.Json.string("00".repeat(16)));
      rejected("message_imprint", ClockAttestations.verify(new ClockReading(r.timeMs(),
          Optional.of(swapped)), tsa.certificate));
      // a clock pinning the rogue refuses the real TSA's tokens as they arrive
      AttestedClock wrong = AttestedClock.timestamped(tsa.url(), rogue.certificate,
          Duration.ofSeconds(5), new SeededEntropy(3));
      AnchorSinkFailure f = assertThrows(AnchorSinkFailure.class, wrong::read);
      assertTrue(f.getMessage().contains("tsa_certificate"), f.getMessage());
    }
  }
}
