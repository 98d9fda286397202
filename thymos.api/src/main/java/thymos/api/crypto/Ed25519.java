package thymos.api.crypto;

import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.spi.Signer;

/**
 * Ed25519 as in RFC 8032 (pure, no context, no prehash) with strict verification (E3.1, E3.3).
 *
 * <p>The strict policy, checked before the group equation: exact lengths (32-byte key, 64-byte
 * signature); A and R canonically encoded (y &lt; p, and no {@code x = 0} with the sign bit set);
 * neither A nor R one of the eight points of small order; S &lt; L; then the cofactorless equation
 * {@code [S]B = R + [k]A}. In the terms of the C2SP CCTV vectors a signature is refused iff it is
 * flagged {@code non_canonical_A}, {@code non_canonical_R}, {@code low_order_A},
 * {@code low_order_R} or {@code low_order_residue}.
 */
public final class Ed25519 {

  /** The length of a private key (seed) in bytes (E3.1). */
  public static final int SEED_LENGTH = 32;

  /**
   * Canonical encodings of the eight points of order 1, 2, 4 and 8 (C2SP CCTV ed25519 README).
   * Their non-canonical aliases are refused earlier by the encoding checks.
   */
  private static final byte[][] SMALL_ORDER = {
      Hex.decode("0000000000000000000000000000000000000000000000000000000000000000"),
      Hex.decode("0000000000000000000000000000000000000000000000000000000000000080"),
      Hex.decode("0100000000000000000000000000000000000000000000000000000000000000"),
      Hex.decode("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
      Hex.decode("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85"),
      Hex.decode("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
      Hex.decode("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa"),
      Hex.decode("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
  };

  /** The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
  private static final byte[] L = Hex.decode(
      "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");

  private Ed25519() {}

  /**
   * Strict verification of {@code signature} over {@code message} (E3.3): refuses a
   * non-canonical S (S ≥ L), a non-canonical or small-order public key or R, and any key or
   * signature of the wrong length. Never throws for bad input (nulls included); returns
   * {@code false}.
   */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey == null || message == null || signature == null
        || publicKey.length != PublicKey.LENGTH || signature.length != Signature.LENGTH) {
      return false;
    }
    if (!acceptablePoint(publicKey, 0) || !acceptablePoint(signature, 0)
        || !scalarBelowOrder(signature, 32)) {
      return false;
    }
    // Our own cofactorless check: Bouncy Castle's verify is not exactly cofactorless for points
    // with a small-order component (see CofactorlessEquation).
    return CofactorlessEquation.holds(publicKey, message, signature);
  }

  /** {@link #verify(byte[], byte[], byte[])} over typed values; {@code false} for a null. */
  public static boolean verify(PublicKey publicKey, byte[] message, Signature signature) {
    if (publicKey == null || signature == null) {
      return false;
    }
    return verify(publicKey.raw(), message, signature.raw());
  }

  /**
   * Strict verification of a document signature (E3.2): the signed message is
   * {@code tagged(type, doc)}, so a signature made under one {@link DocType} never verifies
   * under another. {@code doc} is the document without its signature member (E4.3).
   *
   * @throws thymos.api.ProtocolViolation only if {@code doc} cannot be canonicalised (E1)
   */
  public static boolean verify(PublicKey publicKey, DocType type, Json doc, Signature signature) {
    return verify(publicKey, Ids.tagged(type, doc), signature);
  }

  /**
   * Signs {@code tagged(type, doc)} with {@code signer} (E3.2). {@code doc} is the document
   * without its signature member (E4.3).
   */
  public static Signature sign(Signer signer, DocType type, Json doc) {
    return signer.sign(Ids.tagged(type, doc));
  }

  /**
   * The deterministic RFC 8032 signature of {@code message} under the 32-byte {@code seed}.
   *
   * @throws ProtocolViolation (E3.1) if the seed is not 32 bytes; the message never shows the
   *     seed (E3.4)
   */
  public static Signature sign(byte[] seed, byte[] message) {
    checkSeed(seed);
    byte[] sig = new byte[Signature.LENGTH];
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, message, 0, message.length, sig, 0);
    return Signature.of(sig);
  }

  /**
   * The public key of a 32-byte {@code seed} (RFC 8032 §5.1.5).
   *
   * @throws ProtocolViolation (E3.1) if the seed is not 32 bytes
   */
  public static PublicKey publicKey(byte[] seed) {
    checkSeed(seed);
    byte[] pk = new byte[PublicKey.LENGTH];
    org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, pk, 0);
    return PublicKey.of(pk);
  }

  static void checkSeed(byte[] seed) {
    if (seed == null || seed.length != SEED_LENGTH) {
      throw new ProtocolViolation("E3.1", "", "an Ed25519 private key (seed) is "
          + SEED_LENGTH + " bytes, got " + (seed == null ? "null" : seed.length));
    }
  }

  /**
   * Whether the 32-byte point encoding at {@code off} is canonical and not of small order.
   * Whether it decodes to a curve point at all is left to the equation check.
   */
  static boolean acceptablePoint(byte[] b, int off) {
    return canonicalY(b, off) && !negativeZeroX(b, off) && !smallOrder(b, off);
  }

  /** y &lt; p = 2^255 − 19, with y the low 255 bits (RFC 8032 §5.1.3 step 1). */
  static boolean canonicalY(byte[] b, int off) {
    if ((b[off + 31] & 0x7f) != 0x7f) {
      return true;
    }
    for (int i = 30; i >= 1; i--) {
      if (b[off + i] != (byte) 0xff) {
        return true;
      }
    }
    return (b[off] & 0xff) < 0xed;
  }

  /**
   * x = 0 with the sign bit set (RFC 8032 §5.1.3 step 4): x = 0 only for y = 1 and y = p − 1,
   * so the encoding is {@code 01 00…00 80} or {@code ec ff…ff ff}.
   */
  private static boolean negativeZeroX(byte[] b, int off) {
    if ((b[off + 31] & 0x80) == 0) {
      return false;
    }
    int first = b[off] & 0xff;
    boolean middleZero = true;
    boolean middleOnes = true;
    for (int i = 1; i <= 30; i++) {
      middleZero &= b[off + i] == 0;
      middleOnes &= b[off + i] == (byte) 0xff;
    }
    int top = b[off + 31] & 0x7f;
    return (first == 0x01 && middleZero && top == 0) || (first == 0xec && middleOnes && top == 0x7f);
  }

  private static boolean smallOrder(byte[] b, int off) {
    for (byte[] p : SMALL_ORDER) {
      if (java.util.Arrays.equals(b, off, off + 32, p, 0, 32)) {
        return true;
      }
    }
    return false;
  }

  /** S &lt; L, comparing the 32-byte little-endian scalar at {@code off} (RFC 8032 §5.1.7). */
  static boolean scalarBelowOrder(byte[] b, int off) {
    for (int i = 31; i >= 0; i--) {
      int s = b[off + i] & 0xff;
      int l = L[i] & 0xff;
      if (s != l) {
        return s < l;
      }
    }
    return false; // S == L
  }
}
