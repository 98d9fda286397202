package thymos.api.crypto;

import thymos.api.json.Json;
import thymos.api.json.StrictObject;

/** A 16-byte nonce (E4.4), written as 32 lowercase hex characters. */
public final class Nonce extends FixedBytes {

  /** The length in bytes. */
  public static final int LENGTH = 16;

  private Nonce(byte[] bytes) {
    super(bytes, LENGTH, "Nonce");
  }

  /** Wraps (a copy of) 16 bytes, e.g. from the entropy SPI. */
  public static Nonce of(byte[] bytes) {
    return new Nonce(bytes);
  }

  /** Parses 32 lowercase hex characters (E2.2), naming {@code pointer} on error. */
  public static Nonce parse(String hex, String pointer) {
    return new Nonce(Hex.decode(hex, LENGTH, "nonce", pointer));
  }

  /** Reads a JSON string holding a nonce. */
  public static Nonce fromJson(Json json, String pointer) {
    return parse(StrictObject.asString(json, pointer), pointer);
  }

  /** The JSON form. */
  public Json toJson() {
    return Json.string(hex());
  }
}
