/**
 * Authority (spec {@code 03-authority.md}): trust anchors (W1), the authority state of registered
 * writs and revocations (W2, W5), the delegation rules (W3) and chain verification (W4).
 */
package thymos.kernel.authority;
