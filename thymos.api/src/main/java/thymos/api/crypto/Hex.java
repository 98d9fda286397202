package thymos.api.crypto;

import thymos.api.ProtocolViolation;

/**
 * Lowercase hexadecimal, the only form ids, keys, signatures and nonces take in JSON (E2.2):
 * parsing refuses uppercase, odd lengths and any other character.
 */
public final class Hex {

  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  /** The value of each lowercase hex digit below 128; -1 for every other char. */
  private static final byte[] VALUES = new byte[128];

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < DIGITS.length; i++) {
      VALUES[DIGITS[i]] = (byte) i;
    }
  }

  private Hex() {}

  /** Lowercase hex of {@code bytes}. */
  public static String encode(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * Decodes lowercase hex of exactly {@code length} bytes.
   *
   * @param what what the value is, for the error ("writ id", "public key")
   * @param pointer the JSON pointer of the value, {@code ""} outside a document
   * @throws ProtocolViolation (E2.2) naming the pointer, the expected length and the first bad
   *     character
   */
  public static byte[] decode(String hex, int length, String what, String pointer) {
    if (hex.length() != length * 2) {
      throw new ProtocolViolation("E2.2", pointer, what + ": expected " + (length * 2)
          + " lowercase hex characters, found " + hex.length());
    }
    byte[] out = new byte[length];
    byte[] values = VALUES;
    for (int i = 0; i < out.length; i++) {
      char hi = hex.charAt(2 * i);
      char lo = hex.charAt(2 * i + 1);
      // (hi | lo) < 128 keeps both lookups in the table; a -1 from either makes the OR negative.
      int v = (hi | lo) < 128 ? (values[hi] << 4) | values[lo] : -1;
      if (v < 0) {
        // Slow path only to name the first bad character.
        v = (nibble(hex, 2 * i, what, pointer) << 4) | nibble(hex, 2 * i + 1, what, pointer);
      }
      out[i] = (byte) v;
    }
    return out;
  }

  /** Decodes lowercase hex of any even length (test vectors, raw messages). */
  public static byte[] decode(String hex) {
    if (hex.length() % 2 != 0) {
      throw new ProtocolViolation("E2.2", "", "odd number of hex characters: " + hex.length());
    }
    return decode(hex, hex.length() / 2, "hex", "");
  }

  private static int nibble(String hex, int i, String what, String pointer) {
    char c = hex.charAt(i);
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    String found = c >= 'A' && c <= 'F' ? "uppercase '" + c + "' (only lowercase is accepted)"
        : "'" + (Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : c) + "'";
    throw new ProtocolViolation("E2.2", pointer, what + ": invalid hex character at " + i + ": " + found);
  }
}
