package thymos.api.crypto;

import thymos.api.json.Json;
import thymos.api.json.StrictObject;

/** A 32-byte Ed25519 public key (E3.1), written as 64 lowercase hex characters. */
public final class PublicKey extends FixedBytes {

  /** The length in bytes. */
  public static final int LENGTH = 32;

  private PublicKey(byte[] bytes) {
    super(bytes, LENGTH, "PublicKey");
  }

  /** Wraps (a copy of) 32 bytes; whether they encode a valid point is checked at verification. */
  public static PublicKey of(byte[] bytes) {
    return new PublicKey(bytes);
  }

  /** Parses 64 lowercase hex characters (E2.2), naming {@code pointer} on error. */
  public static PublicKey parse(String hex, String pointer) {
    return new PublicKey(Hex.decode(hex, LENGTH, "public key", pointer));
  }

  /** Parses 64 lowercase hex characters outside a document. */
  public static PublicKey parse(String hex) {
    return parse(hex, "");
  }

  /** Reads a JSON string holding a public key. */
  public static PublicKey fromJson(Json json, String pointer) {
    return parse(StrictObject.asString(json, pointer), pointer);
  }

  /** The JSON form. */
  public Json toJson() {
    return Json.string(hex());
  }
}
