package thymos.api.model;

import java.util.Locale;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.StrictObject;

/** What an intent asks for (M1): call a tool, delegate a task, or undo one commit. */
public enum IntentKind {
  /** Call a tool. */
  ACT,
  /** Hand a task to a child trajectory (09 §D1). */
  DELEGATE,
  /** Undo one commit (05 §X6). */
  COMPENSATE;

  private final String wire = name().toLowerCase(Locale.ROOT); // once, not per read
  private static final IntentKind[] ALL = values(); // values() copies the array on every call

  /** The JSON form, lower snake_case (E4.1). */
  public String wire() {
    return wire;
  }

  /** The JSON form. */
  public Json toJson() {
    return Json.string(wire());
  }

  /**
   * Reads the JSON form, refusing unknown values. The violation names {@code pointer} (the
   * intent's {@code /kind}) so the compiler can report stage 2, {@code unsupported_kind} (C2).
   *
   * @throws ProtocolViolation (M1) for a value other than act, delegate, compensate
   */
  public static IntentKind fromJson(Json json, String pointer) {
    String s = StrictObject.asString(json, pointer);
    for (IntentKind k : ALL) {
      if (k.wire().equals(s)) {
        return k;
      }
    }
    throw new ProtocolViolation("M1", pointer,
        "unsupported intent kind \"" + s + "\"; expected one of act, delegate, compensate");
  }
}
