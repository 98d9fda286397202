package thymos.api.model;

import java.util.Locale;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.StrictObject;

/**
 * The sixteen ledger entry kinds of L4. New kinds come only with a protocol version change
 * ({@link #ANCHOR_RECEIPT} came with A5.2: docs/decisions.md, issue 5).
 */
public enum EntryKind {
  /** First entry of a trajectory, binding it to a writ (L3.2). */
  ROOT,
  /** First entry of a branch trajectory (R7). */
  BRANCH,
  /** A committed intent with its delta (X2). */
  COMMIT,
  /** A rejected intent (C2.3). */
  REJECTION,
  /** A suspended proposal waiting for approvals (X3). */
  PENDING_APPROVAL,
  /** One approval vote (X3.2). */
  APPROVAL,
  /** An external/irreversible tool is about to run (X5.1). */
  EXECUTION,
  /** A staged intent that failed to commit (X2 step 6). */
  FAILURE,
  /** One cognition step's usage (X7.2). */
  USAGE,
  /** A child trajectory was delegated (09 §D2). */
  DELEGATION,
  /** A child trajectory finished (09 §D2). */
  DELEGATION_RESULT,
  /** A cross-trajectory compensation summary (X6.3). */
  COMPENSATION,
  /** A registered writ (authority trajectory, W2). */
  WRIT,
  /** A revoked writ (authority trajectory, W5). */
  REVOCATION,
  /** A signed checkpoint of another trajectory (anchor trajectory, A5). */
  CHECKPOINT,
  /** A receipt from an anchor sink for a published anchor checkpoint (anchor trajectory, A5.2). */
  ANCHOR_RECEIPT;

  private final String wire = name().toLowerCase(Locale.ROOT); // once, not per read
  private static final EntryKind[] ALL = values(); // values() copies the array on every call

  /** The JSON form, lower snake_case (E4.1). */
  public String wire() {
    return wire;
  }

  /** The JSON form. */
  public Json toJson() {
    return Json.string(wire());
  }

  /**
   * Reads the JSON form, refusing unknown kinds (L4).
   *
   * @throws ProtocolViolation (L4) for a kind the table does not name
   */
  public static EntryKind fromJson(Json json, String pointer) {
    String s = StrictObject.asString(json, pointer);
    for (EntryKind k : ALL) {
      if (k.wire().equals(s)) {
        return k;
      }
    }
    throw new ProtocolViolation("L4", pointer, "unknown entry kind \"" + s + "\"");
  }
}
