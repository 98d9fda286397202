package thymos.api.proof;

import java.util.Objects;
import thymos.api.ProofException;

/**
 * The outcome of checking a well-formed Merkle proof (A2, A3) or a checkpoint (A4): a value, not
 * an exception. A malformed proof — wrong sizes, an index beyond the tree, extra or missing path
 * elements — never gets this far: it is a {@link ProofException} thrown before any hashing.
 */
public sealed interface ProofVerification
    permits ProofVerification.Verified, ProofVerification.Rejected {

  /** Whether the proof holds. */
  boolean verified();

  /**
   * Returns normally when verified.
   *
   * @throws ProofException with the rejection's rule, check, expected and actual otherwise
   */
  void orThrow();

  /** The proof holds. */
  record Verified() implements ProofVerification {

    /** The one instance. */
    public static final Verified INSTANCE = new Verified();

    @Override
    public boolean verified() {
      return true;
    }

    @Override
    public void orThrow() {
      // verified: nothing to throw
    }
  }

  /**
   * The proof is well formed but does not hold.
   *
   * @param rule the spec rule, {@code A2} (inclusion), {@code A3} (consistency), {@code A4}
   *     (checkpoint)
   * @param check what was compared: {@code root}, {@code first_root}, {@code second_root},
   *     {@code signer}, {@code signature}
   * @param expected the value given to compare against (hex where it is bytes)
   * @param actual the value recomputed (hex where it is bytes)
   */
  record Rejected(String rule, String check, String expected, String actual)
      implements ProofVerification {

    /** Checks for {@code null}. */
    public Rejected {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(check, "check");
      Objects.requireNonNull(expected, "expected");
      Objects.requireNonNull(actual, "actual");
    }

    @Override
    public boolean verified() {
      return false;
    }

    @Override
    public void orThrow() {
      throw new ProofException(rule, check + " mismatch: expected " + expected + ", actual "
          + actual);
    }
  }
}
