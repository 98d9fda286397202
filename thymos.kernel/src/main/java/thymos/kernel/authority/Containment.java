package thymos.kernel.authority;

import java.util.Optional;
import thymos.api.model.Writ;

/**
 * W3 for one link, for callers outside the authority package (the delegation DAG replay, 07 §R8):
 * whether {@code child} is a valid child of {@code parent} on every rule 1–9 except parent
 * validity, which is the chain's business.
 */
public final class Containment {

  private Containment() {}

  /** The first W3 failure of the link, or empty when the child is contained in the parent. */
  public static Optional<Rejection> check(Writ parent, Writ child) {
    return DelegationRules.check(parent, child);
  }
}
