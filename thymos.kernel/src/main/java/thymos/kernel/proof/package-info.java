/**
 * Making audit proofs (07 A1–A4): {@link thymos.kernel.proof.MerkleIndex}, an append-only index
 * of a trajectory's Merkle tree, and {@link thymos.kernel.proof.TrajectoryProofs}, which builds
 * inclusion and consistency proofs, roots and signed checkpoints from entry ids read through the
 * ledger SPI. Verifying needs only {@code thymos.api.proof}.
 */
package thymos.kernel.proof;
