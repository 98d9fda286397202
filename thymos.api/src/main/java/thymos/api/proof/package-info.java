/**
 * Audit proofs (07 A1–A4): RFC 9162 Merkle tree hashing generic over the hash function
 * ({@link thymos.api.proof.MerkleHash}, BLAKE3-256 for ledgers), inclusion and consistency proof
 * verification ({@link thymos.api.proof.MerkleTree}, {@link thymos.api.proof.InclusionProof},
 * {@link thymos.api.proof.ConsistencyProof}). Signed checkpoints are {@link
 * thymos.api.model.Checkpoint}. Everything an auditor needs to check a proof against a
 * checkpoint is here and in {@code thymos.api.model}; proofs are made by the kernel.
 */
package thymos.api.proof;
