package thymos.api.crypto;

import java.util.Arrays;

/** Shared value semantics of the fixed-length byte types: content equality, defensive copies. */
abstract sealed class FixedBytes permits Hash32, PublicKey, Signature, Nonce {

  private final byte[] bytes;
  /** The hex form, made on first use (a benign race: every thread computes the same string). */
  private String hex;

  FixedBytes(byte[] bytes, int length, String what) {
    this(bytes, length, what, false);
  }

  /** With {@code owned}, keeps {@code bytes} itself: the caller made it and never touches it. */
  FixedBytes(byte[] bytes, int length, String what, boolean owned) {
    if (bytes.length != length) {
      throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + bytes.length);
    }
    this.bytes = owned ? bytes : bytes.clone();
  }

  /** A copy of the bytes. */
  public final byte[] bytes() {
    return bytes.clone();
  }

  /** The bytes without copying, for this package's hashing and signing. */
  final byte[] raw() {
    return bytes;
  }

  /** Lowercase hex of the bytes (the JSON form). */
  public final String hex() {
    String h = hex;
    if (h == null) {
      h = Hex.encode(bytes);
      hex = h;
    }
    return h;
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((FixedBytes) o).bytes);
  }

  @Override
  public final int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
