package thymos.api.crypto;

import thymos.api.json.Json;
import thymos.api.json.StrictObject;

/**
 * A 32-byte BLAKE3-256 digest: every content id (E2.2) and trajectory id (E2.6). Written as 64
 * lowercase hex characters; {@link #display(String)} adds the human prefix of E2.3.
 */
public final class Hash32 extends FixedBytes {

  /** The length in bytes. */
  public static final int LENGTH = 32;

  private Hash32(byte[] bytes, boolean owned) {
    super(bytes, LENGTH, "Hash32", owned);
  }

  /** Wraps (a copy of) 32 bytes. */
  public static Hash32 of(byte[] bytes) {
    return new Hash32(bytes, false);
  }

  /** Wraps 32 fresh bytes this package made and hands over (no copy). */
  static Hash32 wrap(byte[] bytes) {
    return new Hash32(bytes, true);
  }

  /**
   * Parses 64 lowercase hex characters (E2.2).
   *
   * @throws thymos.api.ProtocolViolation naming {@code pointer} on any other input
   */
  public static Hash32 parse(String hex, String pointer) {
    return new Hash32(Hex.decode(hex, LENGTH, "id", pointer), true);
  }

  /** Parses 64 lowercase hex characters outside a document. */
  public static Hash32 parse(String hex) {
    return parse(hex, "");
  }

  /** Reads a JSON string holding a hex32 (for {@link StrictObject#read}). */
  public static Hash32 fromJson(Json json, String pointer) {
    return parse(StrictObject.asString(json, pointer), pointer);
  }

  /** The JSON form: a string of 64 lowercase hex characters. */
  public Json toJson() {
    return Json.string(hex());
  }

  /** Display form with a prefix, e.g. {@code commit:84469ccd…} (E2.3). */
  public String display(String prefix) {
    return prefix + ":" + hex();
  }

  /** Short display form: prefix and the first 12 hex characters, e.g. {@code commit:84469ccd738a}. */
  public String shortDisplay(String prefix) {
    return prefix + ":" + hex().substring(0, 12);
  }
}
