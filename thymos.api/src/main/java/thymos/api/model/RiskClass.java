package thymos.api.model;

import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.StrictObject;

/** Ordered risk of a tool (M3): {@code low < medium < high < critical}; used by the risk gate. */
public enum RiskClass {
  /** Low. */
  LOW,
  /** Medium. */
  MEDIUM,
  /** High. */
  HIGH,
  /** Critical. */
  CRITICAL;

  private final String wire = name().toLowerCase(java.util.Locale.ROOT); // once, not per read
  private static final RiskClass[] ALL = values(); // values() copies the array on every call

  /** The JSON form, lower snake_case (E4.1). */
  public String wire() {
    return wire;
  }

  /** The JSON form. */
  public Json toJson() {
    return Json.string(wire());
  }

  /** Reads the JSON form, refusing unknown values (E1.5). */
  public static RiskClass fromJson(Json json, String pointer) {
    String s = StrictObject.asString(json, pointer);
    for (RiskClass r : ALL) {
      if (r.wire().equals(s)) {
        return r;
      }
    }
    throw new ProtocolViolation("E1.5", pointer,
        "unknown risk class \"" + s + "\"; expected one of low, medium, high, critical");
  }
}
