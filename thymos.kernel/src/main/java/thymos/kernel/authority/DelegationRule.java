package thymos.kernel.authority;

/**
 * The nine delegation rules of W3, one constant each, so every way a child can exceed its parent
 * has its own typed sub-reason of {@link RejectionReason#INVALID_DELEGATION}.
 */
public enum DelegationRule {
  /** W3 rule 1: the child's {@code parent} is not the parent's id. */
  PARENT_MISMATCH(1),
  /** W3 rule 2: the child's {@code issuer_key} is not the parent's {@code subject_key}. */
  ISSUER_NOT_PARENT_SUBJECT(2),
  /** W3 rule 3: the parent's {@code delegation.may_subdivide} is false. */
  PARENT_MAY_NOT_SUBDIVIDE(3),
  /** W3 rule 4: the child's {@code max_depth} is not strictly below the parent's. */
  DEPTH_NOT_DECREASING(4),
  /** W3 rule 5: the child names another tenant. */
  TENANT_MISMATCH(5),
  /** W3 rule 6: a child scope is covered by no parent scope. */
  SCOPE_NOT_COVERED(6),
  /** W3 rule 7: a budget dimension exceeds the parent's. */
  BUDGET_EXCEEDS_PARENT(7),
  /** W3 rule 8: a ceiling bit is set that the parent does not set. */
  CEILING_EXCEEDS_PARENT(8),
  /** W3 rule 9: the child's window starts before or ends after the parent's. */
  WINDOW_EXCEEDS_PARENT(9);

  private final int number;

  DelegationRule(int number) {
    this.number = number;
  }

  /** The rule's number within W3, 1 to 9. */
  public int number() {
    return number;
  }

  /** The spec rule, e.g. {@code W3.7}, usable with {@link thymos.api.ThymosException#codeFor}. */
  public String rule() {
    return "W3." + number;
  }
}
