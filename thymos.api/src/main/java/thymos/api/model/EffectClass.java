package thymos.api.model;

import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.StrictObject;

/**
 * What a tool may do to the world (M3). {@code pure} is always allowed; every other class needs
 * its own ceiling bit, and the bits are independent.
 */
public enum EffectClass {
  /** No effect. */
  PURE,
  /** Reads state. */
  READ,
  /** Changes local state. */
  WRITE,
  /** Acts on an outside system. */
  EXTERNAL,
  /** Cannot be undone. */
  IRREVERSIBLE;

  private final String wire = name().toLowerCase(java.util.Locale.ROOT); // once, not per read
  private static final EffectClass[] ALL = values(); // values() copies the array on every call

  /** The JSON form, lower snake_case (E4.1). */
  public String wire() {
    return wire;
  }

  /** The JSON form. */
  public Json toJson() {
    return Json.string(wire());
  }

  /** Reads the JSON form, refusing unknown values (E1.5). */
  public static EffectClass fromJson(Json json, String pointer) {
    String s = StrictObject.asString(json, pointer);
    for (EffectClass e : ALL) {
      if (e.wire().equals(s)) {
        return e;
      }
    }
    throw new ProtocolViolation("E1.5", pointer, "unknown effect class \"" + s
        + "\"; expected one of pure, read, write, external, irreversible");
  }
}
