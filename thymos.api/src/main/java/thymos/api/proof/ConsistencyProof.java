package thymos.api.proof;

import java.util.List;
import java.util.Objects;
import thymos.api.ProofException;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * A consistency proof (A3, RFC 9162 §2.1.4): that the first {@code firstSize} entries of a
 * trajectory are a prefix of its first {@code secondSize} entries — history was only appended
 * to. Made by the kernel's prover; checked with {@code thymos.api} alone.
 *
 * @param trajectoryId the trajectory
 * @param firstSize the older tree size, ≥ 1
 * @param secondSize the newer tree size, ≥ {@code firstSize}
 * @param path the proof hashes in RFC 9162 order (a copy is kept); empty when the sizes are equal
 */
public record ConsistencyProof(Hash32 trajectoryId, long firstSize, long secondSize,
    List<Hash32> path) {

  /**
   * Checks the shape before anything is hashed.
   *
   * @throws ProofException {@code THY-A300} if {@code firstSize} is 0 or above {@code
   *     secondSize}, or the path has extra or missing elements
   */
  public ConsistencyProof {
    Objects.requireNonNull(trajectoryId, "trajectory_id");
    path = List.copyOf(path);
    int want = MerkleTree.consistencyProofLength(firstSize, secondSize);
    if (path.size() != want) {
      throw new ProofException("A3", "consistency proof from size " + firstSize + " to size "
          + secondSize + " has " + path.size() + " elements, expected " + want);
    }
  }

  /**
   * {@code verifyConsistency(m, n, root_m, root_n, proof)} (A3): whether the tree of {@code m}
   * entries with root {@code rootM} is a prefix of the tree of {@code n} entries with root
   * {@code rootN}.
   *
   * @return {@link ProofVerification.Verified} or {@link ProofVerification.Rejected} (check
   *     {@code first_root} or {@code second_root})
   * @throws ProofException {@code THY-A300} for {@code m = 0}, {@code m > n} or a proof with
   *     extra or missing elements, before hashing
   */
  public static ProofVerification verifyConsistency(long m, long n, Hash32 rootM, Hash32 rootN,
      List<Hash32> proof) {
    return MerkleTree.BLAKE3.verifyConsistency(m, n, rootM.bytes(), rootN.bytes(),
        InclusionProof.bytes(proof));
  }

  /** As {@link #verifyConsistency(long, long, Hash32, Hash32, List)} for this proof. */
  public ProofVerification verify(Hash32 firstRoot, Hash32 secondRoot) {
    return verifyConsistency(firstSize, secondSize, firstRoot, secondRoot, path);
  }

  /**
   * The JSON wire form: {@code {"trajectory_id", "first_size", "second_size", "path": [hex…]}},
   * path in RFC 9162 order (a Thymos choice: A3 names the fields, not their encoding).
   */
  public JsonObject toJson() {
    return JsonObject.builder().put("trajectory_id", trajectoryId.toJson())
        .put("first_size", Json.integer(firstSize)).put("second_size", Json.integer(secondSize))
        .put("path", InclusionProof.hashesJson(path)).build();
  }

  /**
   * Reads the wire form of {@link #toJson()} strictly (E1.5).
   *
   * @throws thymos.api.ProtocolViolation for an unknown or missing member, a wrong type or a
   *     malformed hash, naming its pointer
   * @throws ProofException {@code THY-A300} for sizes out of order or a path of the wrong length
   */
  public static ConsistencyProof fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    Hash32 trajectory = o.read("trajectory_id", Hash32::fromJson);
    long first = o.nonNegative("first_size");
    long second = o.nonNegative("second_size");
    List<Hash32> path = InclusionProof.readHashes(o, "path");
    o.end();
    return new ConsistencyProof(trajectory, first, second, path);
  }
}
