package thymos.kernel.authority;

import java.util.Locale;

/**
 * Why authority did not hold: the stable reason kinds of chain verification (W4, C2 stages 4–8),
 * registration (W2.2) and revocation (W5). {@link #wire()} is the lower snake_case form recorded
 * in rejections (E4.1).
 */
public enum RejectionReason {
  /** No writ with that id is registered (W4, W5.4). */
  UNKNOWN_WRIT,
  /** A writ names a parent that is not registered (W2.2). */
  UNKNOWN_PARENT,
  /** A signature does not verify, or an id does not match its body (C2 stage 4, E3.3). */
  BAD_SIGNATURE,
  /** The chain's root issuer is not a trust anchor for the tenant (C2 stage 5, W1.2). */
  UNTRUSTED_ROOT,
  /** A link breaks one of the nine rules of W3 (C2 stage 6); see {@link DelegationRule}. */
  INVALID_DELEGATION,
  /** A writ of the chain is revoked, which voids every descendant (C2 stage 7, W5.2). */
  REVOKED,
  /** {@code now} lies outside a writ's window (C2 stage 8, W4). */
  OUTSIDE_WINDOW,
  /** A revocation signed by a key that may not revoke the writ (W5.1). */
  REVOKER_NOT_ALLOWED;

  /** The JSON form, e.g. {@code invalid_delegation}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
