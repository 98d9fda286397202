package thymos.api.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;

/**
 * The strict verification rules of E3.3 one by one, each with a signature for which the
 * cofactorless equation does hold, so only the rule under test can refuse it.
 */
class Ed25519Test {

  static final BigInteger L = BigInteger.ONE.shiftLeft(252)
      .add(new BigInteger("27742317777372353535851937790883648493"));
  /** RFC 8032 §7.1 TEST 1. */
  static final String TEST1_SEED =
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  static final String TEST1_PK =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  static final String TEST1_SIG = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
      + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
  /** The encoding of the base point B; with S = 1 it satisfies the equation for A = identity. */
  static final String BASE = "5866666666666666666666666666666666666666666666666666666666666666";
  static final String IDENTITY = "0100000000000000000000000000000000000000000000000000000000000000";

  @Test
  void rfc8032Test1Verifies() {
    assertTrue(Ed25519.verify(Hex.decode(TEST1_PK), new byte[0], Hex.decode(TEST1_SIG)));
  }

  @Test
  void required_E3_3_verifyNeverThrowsOnBadInput() {
    byte[] pk = Hex.decode(TEST1_PK);
    byte[] sig = Hex.decode(TEST1_SIG);
    byte[] msg = new byte[0];
    assertFalse(Ed25519.verify(null, msg, sig));
    assertFalse(Ed25519.verify(pk, null, sig));
    assertFalse(Ed25519.verify(pk, msg, null));
    assertFalse(Ed25519.verify((PublicKey) null, msg, (Signature) null));
    for (int len : new int[] {0, 1, 31, 33, 64}) {
      assertFalse(Ed25519.verify(Arrays.copyOf(pk, len), msg, sig), "key length " + len);
    }
    for (int len : new int[] {0, 32, 63, 65, 96, 128}) {
      assertFalse(Ed25519.verify(pk, msg, Arrays.copyOf(sig, len)), "signature length " + len);
    }
    // A y that is not on the curve (no square root for x) is refused, not thrown.
    byte[] offCurve = pk.clone();
    offCurve[0] = 2;
    offCurve[31] = 0;
    assertFalse(Ed25519.verify(offCurve, msg, sig));
  }

  @Test
  void required_E3_3_rejectsNonCanonicalS() {
    byte[] sig = Hex.decode(TEST1_SIG);
    BigInteger s = le(Arrays.copyOfRange(sig, 32, 64));
    byte[] plusL = sig.clone();
    System.arraycopy(toLe(s.add(L)), 0, plusL, 32, 32);
    byte[] pk = Hex.decode(TEST1_PK);
    // S + L satisfies the equation just as S does; only the S < L rule refuses it.
    assertTrue(CofactorlessEquation.holds(pk, new byte[0], plusL));
    assertFalse(Ed25519.verify(pk, new byte[0], plusL));
    byte[] exactlyL = sig.clone();
    System.arraycopy(toLe(L), 0, exactlyL, 32, 32);
    assertFalse(Ed25519.verify(pk, new byte[0], exactlyL));
  }

  @Test
  void required_E3_3_rejectsSmallOrderPublicKey() {
    // A = identity: [k]A vanishes, so R = B and S = 1 satisfy [S]B = R + [k]A for any message.
    byte[] sig = Hex.decode(BASE + "01" + "00".repeat(31));
    byte[] msg = "anything".getBytes(StandardCharsets.UTF_8);
    assertTrue(CofactorlessEquation.holds(Hex.decode(IDENTITY), msg, sig));
    assertFalse(Ed25519.verify(Hex.decode(IDENTITY), msg, sig));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // non-canonical alias of the identity (y = p + 1) and x = 0 with the sign bit set
      "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "0100000000000000000000000000000000000000000000000000000000000080",
      "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"})
  void required_E3_3_rejectsNonCanonicalPublicKey(String a) {
    byte[] sig = Hex.decode(BASE + "01" + "00".repeat(31));
    assertFalse(Ed25519.acceptablePoint(Hex.decode(a), 0));
    assertFalse(Ed25519.verify(Hex.decode(a), new byte[0], sig));
  }

  @Test
  void required_E3_3_everySmallOrderPointIsRefusedAsKeyAndAsR() {
    List<String> smallOrder = List.of(
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        IDENTITY,
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    for (String p : smallOrder) {
      assertFalse(Ed25519.acceptablePoint(Hex.decode(p), 0), p);
    }
    assertTrue(Ed25519.acceptablePoint(Hex.decode(TEST1_PK), 0));
    assertTrue(Ed25519.acceptablePoint(Hex.decode(BASE), 0));
  }

  @Test
  void required_E3_3_rejectsSmallOrderR() {
    // With the seed known, S = k·a makes R = identity satisfy the equation: [S]B = [k]A.
    byte[] seed = Hex.decode(TEST1_SEED);
    byte[] pk = Hex.decode(TEST1_PK);
    byte[] msg = "small-order R".getBytes(StandardCharsets.UTF_8);
    byte[] r = Hex.decode(IDENTITY);
    BigInteger k = le(sha512(r, pk, msg)).mod(L);
    BigInteger s = k.multiply(secretScalar(seed)).mod(L);
    byte[] sig = new byte[64];
    System.arraycopy(r, 0, sig, 0, 32);
    System.arraycopy(toLe(s), 0, sig, 32, 32);
    assertTrue(CofactorlessEquation.holds(pk, msg, sig));
    assertFalse(Ed25519.verify(pk, msg, sig));
  }

  @Test
  void required_E3_1_signRefusesWrongSeedLengthWithoutShowingIt() {
    byte[] seed = Hex.decode("ab".repeat(31));
    ProtocolViolation e = assertThrows(ProtocolViolation.class, () -> Ed25519.sign(seed, new byte[1]));
    assertEquals("THY-E301", e.code());
    assertFalse(e.getMessage().contains("abab"), e.getMessage());
    assertThrows(ProtocolViolation.class, () -> Ed25519Signer.fromSeed(new byte[33]));
    assertThrows(ProtocolViolation.class, () -> Ed25519.publicKey(null));
  }

  @Test
  void required_E3_4_signerNeverShowsItsSeed() {
    Ed25519Signer signer = Ed25519Signer.fromSeed(Hex.decode(TEST1_SEED));
    assertEquals("Ed25519Signer[" + TEST1_PK + "]", signer.toString());
    assertFalse(signer.toString().contains(TEST1_SEED));
  }

  @Test
  void signerCopiesItsSeed() {
    byte[] seed = Hex.decode(TEST1_SEED);
    Ed25519Signer signer = Ed25519Signer.fromSeed(seed);
    Arrays.fill(seed, (byte) 0);
    assertEquals(TEST1_SIG, signer.sign(new byte[0]).hex());
  }

  @Test
  void generateDrawsTheSeedFromEntropy() {
    byte[] fixed = Hex.decode(TEST1_SEED);
    Ed25519Signer signer = Ed25519Signer.generate(out -> System.arraycopy(fixed, 0, out, 0, 32));
    assertEquals(TEST1_PK, signer.publicKey().hex());
  }

  @Test
  void required_E3_2_documentSignatureCoversTheTaggedDocument() {
    Ed25519Signer signer = Ed25519Signer.fromSeed(Hex.decode(TEST1_SEED));
    Json doc = Json.object(Map.of("b", Json.integer(2), "a", Json.string("x")));
    Signature sig = Ed25519.sign(signer, DocType.WRIT, doc);
    assertEquals(signer.sign(Ids.tagged(DocType.WRIT, doc)), sig);
    assertTrue(Ed25519.verify(signer.publicKey(), DocType.WRIT, doc, sig));
    assertFalse(Ed25519.verify(signer.publicKey(), DocType.REVOCATION, doc, sig));
    assertFalse(Ed25519.verify(signer.publicKey(), doc.canonicalBytes(), sig),
        "the untagged document is not what was signed");
    Json other = Json.object(Map.of("b", Json.integer(3), "a", Json.string("x")));
    assertFalse(Ed25519.verify(signer.publicKey(), DocType.WRIT, other, sig));
  }

  /**
   * For honest keys and signatures (no small-order components), Bouncy Castle's verifier is
   * exact, so ours must agree with it, on the signature and on any one-bit corruption.
   */
  @Property(tries = 200)
  void agreesWithBouncyCastleOnHonestAndCorruptedSignatures(
      @ForAll @Size(32) byte[] seed, @ForAll @Size(max = 300) byte[] msg,
      @ForAll("bitIndex") int flip) {
    Ed25519Signer signer = Ed25519Signer.fromSeed(seed);
    byte[] pk = signer.publicKey().bytes();
    byte[] sig = signer.sign(msg).bytes();
    assertTrue(Ed25519.verify(pk, msg, sig));
    byte[] bad = sig.clone();
    bad[flip / 8] ^= (byte) (1 << (flip % 8));
    boolean bc = org.bouncycastle.math.ec.rfc8032.Ed25519.verify(bad, 0, pk, 0, msg, 0, msg.length);
    assertEquals(bc, Ed25519.verify(pk, msg, bad));
    assertFalse(Ed25519.verify(pk, msg, bad));
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> bitIndex() {
    return net.jqwik.api.Arbitraries.integers().between(0, 511);
  }

  @Property(tries = 50)
  void signaturesAreDeterministicAndMatchBouncyCastle(
      @ForAll @Size(32) byte[] seed, @ForAll @Size(max = 100) byte[] msg) {
    byte[] sig = new byte[64];
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, msg, 0, msg.length, sig, 0);
    assertEquals(Hex.encode(sig), Ed25519.sign(seed, msg).hex());
    assertEquals(Ed25519.sign(seed, msg), Ed25519Signer.fromSeed(seed).sign(msg));
  }

  // ---- little helpers of RFC 8032 arithmetic, for building edge-case signatures

  static BigInteger secretScalar(byte[] seed) {
    byte[] h = sha512(seed);
    byte[] a = Arrays.copyOf(h, 32);
    a[0] &= (byte) 248;
    a[31] &= 127;
    a[31] |= 64;
    return le(a);
  }

  static byte[] sha512(byte[]... parts) {
    SHA512Digest d = new SHA512Digest();
    for (byte[] p : parts) {
      d.update(p, 0, p.length);
    }
    byte[] out = new byte[64];
    d.doFinal(out, 0);
    return out;
  }

  static BigInteger le(byte[] b) {
    byte[] be = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      be[i] = b[b.length - 1 - i];
    }
    return new BigInteger(1, be);
  }

  static byte[] toLe(BigInteger v) {
    byte[] be = v.toByteArray();
    byte[] out = new byte[32];
    for (int i = 0; i < Math.min(32, be.length); i++) {
      out[i] = be[be.length - 1 - i];
    }
    return out;
  }
}
