package thymos.api.model;

import java.util.Map;
import thymos.api.json.Json;
import thymos.api.json.StrictObject;

/**
 * Which effect classes a writ grants (M2, M3): four independent bits. {@code pure} needs none.
 *
 * @param read grants {@code read}
 * @param write grants {@code write}
 * @param external grants {@code external}
 * @param irreversible grants {@code irreversible} (and not {@code external})
 */
public record Ceiling(boolean read, boolean write, boolean external, boolean irreversible) {

  /** Grants nothing but {@code pure}. */
  public static final Ceiling NONE = new Ceiling(false, false, false, false);

  /** Grants every class. */
  public static final Ceiling ALL = new Ceiling(true, true, true, true);

  /** Whether this ceiling grants {@code effect} (M3). */
  public boolean grants(EffectClass effect) {
    return switch (effect) {
      case PURE -> true;
      case READ -> read;
      case WRITE -> write;
      case EXTERNAL -> external;
      case IRREVERSIBLE -> irreversible;
    };
  }

  /** Whether every bit set here is set in {@code parent} (W3 rule 8). */
  public boolean within(Ceiling parent) {
    return (!read || parent.read) && (!write || parent.write) && (!external || parent.external)
        && (!irreversible || parent.irreversible);
  }

  /** The JSON form {@code {read, write, external, irreversible}}. */
  public Json toJson() {
    return Json.object(Map.of("read", Json.bool(read), "write", Json.bool(write),
        "external", Json.bool(external), "irreversible", Json.bool(irreversible)));
  }

  /** Reads the JSON form strictly (E1.5). */
  public static Ceiling fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    Ceiling c = new Ceiling(o.bool("read"), o.bool("write"), o.bool("external"),
        o.bool("irreversible"));
    o.end();
    return c;
  }
}
