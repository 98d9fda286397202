package thymos.api.proof;

import java.util.List;
import java.util.Objects;
import thymos.api.ProofException;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * An inclusion proof (A2, RFC 9162 §2.1.3): the audit path showing that the entry at {@code
 * seq} is leaf {@code seq} of the BLAKE3 Merkle tree over the first {@code treeSize} entry ids of
 * a trajectory (A1). Made by the kernel's prover; checked with {@code thymos.api} alone.
 *
 * @param trajectoryId the trajectory
 * @param seq the entry's position, the leaf index
 * @param treeSize the number of leading entries the tree covers
 * @param path the audit path, leaf to root (a copy is kept)
 */
public record InclusionProof(Hash32 trajectoryId, long seq, long treeSize, List<Hash32> path) {

  /**
   * Checks the shape before anything is hashed.
   *
   * @throws ProofException {@code THY-A200} if {@code seq} is not in {@code [0, treeSize)} or the
   *     path has extra or missing elements
   */
  public InclusionProof {
    Objects.requireNonNull(trajectoryId, "trajectory_id");
    path = List.copyOf(path);
    int want = MerkleTree.inclusionPathLength(seq, treeSize);
    if (path.size() != want) {
      throw new ProofException("A2", "audit path of seq " + seq + " in a tree of size "
          + treeSize + " has " + path.size() + " elements, expected " + want);
    }
  }

  /**
   * {@code verifyInclusion(entry id, seq, tree_size, path, root)} (A2): whether {@code entryId}
   * is leaf {@code seq} of the tree of {@code treeSize} entries with root {@code root}.
   *
   * @return {@link ProofVerification.Verified} or {@link ProofVerification.Rejected} (check
   *     {@code root})
   * @throws ProofException {@code THY-A200} for a seq beyond the tree or a path with extra or
   *     missing elements, before hashing
   */
  public static ProofVerification verifyInclusion(Hash32 entryId, long seq, long treeSize,
      List<Hash32> path, Hash32 root) {
    MerkleTree tree = MerkleTree.BLAKE3;
    return tree.verifyInclusion(seq, treeSize, tree.leafHash(entryId.bytes()), bytes(path),
        root.bytes());
  }

  /** As {@link #verifyInclusion(Hash32, long, long, List, Hash32)} for this proof. */
  public ProofVerification verify(Hash32 entryId, Hash32 root) {
    return verifyInclusion(entryId, seq, treeSize, path, root);
  }

  /** The root this path leads to from {@code entryId} (RFC 9162 §2.1.3.2, steps 1–5). */
  public Hash32 rootFor(Hash32 entryId) {
    MerkleTree tree = MerkleTree.BLAKE3;
    return Hash32.of(tree.rootFromInclusionProof(seq, treeSize, tree.leafHash(entryId.bytes()),
        bytes(path)));
  }

  static List<byte[]> bytes(List<Hash32> hashes) {
    return hashes.stream().map(Hash32::bytes).toList();
  }

  /**
   * The JSON wire form: {@code {"trajectory_id", "seq", "tree_size", "path": [hex…]}}, path
   * leaf to root (a Thymos choice: A2 names the fields, not their encoding).
   */
  public JsonObject toJson() {
    return JsonObject.builder().put("trajectory_id", trajectoryId.toJson())
        .put("seq", Json.integer(seq)).put("tree_size", Json.integer(treeSize))
        .put("path", hashesJson(path)).build();
  }

  /**
   * Reads the wire form of {@link #toJson()} strictly (E1.5).
   *
   * @throws thymos.api.ProtocolViolation for an unknown or missing member, a wrong type or a
   *     malformed hash, naming its pointer
   * @throws ProofException {@code THY-A200} for a seq outside the tree or a path of the wrong
   *     length
   */
  public static InclusionProof fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    Hash32 trajectory = o.read("trajectory_id", Hash32::fromJson);
    long seq = o.nonNegative("seq");
    long size = o.nonNegative("tree_size");
    List<Hash32> path = readHashes(o, "path");
    o.end();
    return new InclusionProof(trajectory, seq, size, path);
  }

  static JsonArray hashesJson(List<Hash32> hashes) {
    return Json.array(hashes.stream().map(Hash32::toJson).toList());
  }

  static List<Hash32> readHashes(StrictObject o, String name) {
    JsonArray a = o.array(name);
    String at = o.pointer(name);
    java.util.ArrayList<Hash32> out = new java.util.ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      out.add(Hash32.fromJson(a.get(i), StrictObject.child(at, i)));
    }
    return out;
  }
}
