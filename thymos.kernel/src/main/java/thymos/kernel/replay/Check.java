package thymos.kernel.replay;

/**
 * The check of R2 a replay violation belongs to, in the order replay applies them to an entry
 * (R2.1–R2.6), plus {@link #PIN} for the pins of R3.
 */
public enum Check {
  /** R2.1: bytes are canonical and parse strictly as an entry of a known kind. */
  FORM,
  /** R2.2: the entry id is the hash of the entry body. */
  HASH,
  /** R2.3 / L3.1: seq, parent, trajectory and root placement. */
  CHAIN,
  /** R2.4: a present signature verifies. */
  SIGNATURE,
  /** R2.5: content rules (ids, uniqueness, execution, approvals, compensation, delta). */
  CONTENT,
  /** R2.6: the authority chain of the bound writ, when authority input is supplied. */
  AUTHORITY,
  /** R3: a pinned value differs. */
  PIN
}
