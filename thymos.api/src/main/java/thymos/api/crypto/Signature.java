package thymos.api.crypto;

import thymos.api.json.Json;
import thymos.api.json.StrictObject;

/** A 64-byte Ed25519 signature R‖S (E3.1), written as 128 lowercase hex characters. */
public final class Signature extends FixedBytes {

  /** The length in bytes. */
  public static final int LENGTH = 64;

  private Signature(byte[] bytes) {
    super(bytes, LENGTH, "Signature");
  }

  /** Wraps (a copy of) 64 bytes. */
  public static Signature of(byte[] bytes) {
    return new Signature(bytes);
  }

  /** Parses 128 lowercase hex characters (E2.2), naming {@code pointer} on error. */
  public static Signature parse(String hex, String pointer) {
    return new Signature(Hex.decode(hex, LENGTH, "signature", pointer));
  }

  /** Reads a JSON string holding a signature. */
  public static Signature fromJson(Json json, String pointer) {
    return parse(StrictObject.asString(json, pointer), pointer);
  }

  /** The JSON form. */
  public Json toJson() {
    return Json.string(hex());
  }
}
