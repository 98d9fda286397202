/**
 * Authority (spec {@code 03-authority.md}): trust anchors (W1), the authority state of registered
 * writs and revocations (W2, W5), the delegation rules (W3) and chain verification (W4), and
 * issuance of root and child writs (W1, W6).
 *
 * <p>Entry points: {@link thymos.kernel.authority.TrustAnchors} configures the anchors; {@link
 * thymos.kernel.authority.AuthorityState} registers writs, accepts revocations and verifies
 * chains, answering with values ({@link thymos.kernel.authority.Registration}, {@link
 * thymos.kernel.authority.RevocationOutcome}, {@link thymos.kernel.authority.ChainVerification})
 * whose failures are a {@link thymos.kernel.authority.Rejection} with a typed reason; {@link
 * thymos.kernel.authority.WritIssuance} signs new writs through the signer and key SPIs; {@link
 * thymos.kernel.authority.AuthorityLedger} keeps the state in the ledger's authority trajectory
 * (W2.1), so it survives restarts and is shared by every runtime on the ledger (W5.3).
 */
package thymos.kernel.authority;
