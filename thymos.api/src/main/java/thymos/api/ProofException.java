package thymos.api;

/**
 * A Merkle proof request or proof that is malformed before any hashing: a wrong size, an index
 * beyond the tree, extra or missing path elements (A2, A3). A proof that is well formed but does
 * not verify is a value ({@link thymos.api.proof.ProofVerification.Rejected}), not this
 * exception; its {@code orThrow()} throws this type with the same rule.
 */
public final class ProofException extends ThymosException {

  private static final long serialVersionUID = 1L;

  /**
   * @param rule the spec rule, e.g. {@code A2}
   * @param detail what is wrong, with expected and actual
   */
  public ProofException(String rule, String detail) {
    super(codeFor(rule), rule, detail, null);
  }
}
