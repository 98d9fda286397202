package thymos.api.model;

import java.util.Objects;
import thymos.api.ProofException;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.crypto.PublicKey;
import thymos.api.crypto.Signature;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;
import thymos.api.proof.ConsistencyProof;
import thymos.api.proof.InclusionProof;
import thymos.api.proof.ProofVerification;
import thymos.api.spi.Signer;

/**
 * A signed checkpoint of one trajectory (A4): {@code {trajectory_id, tree_size, root,
 * head_entry_id, recorded_ms, signer, signature}}, signed with {@code sign("checkpoint", …)} over
 * the document without {@code signature}; its id is over the same document (E4.3).
 *
 * @param trajectoryId the trajectory
 * @param treeSize the number of entries covered, ≥ 1 (a trajectory starts with its root)
 * @param root the Merkle tree root over those entries (A1)
 * @param headEntryId the id of the last covered entry (seq {@code treeSize − 1})
 * @param recordedMs when the checkpoint was made
 * @param signer the signing runtime key
 * @param signature the signature
 */
public record Checkpoint(Hash32 trajectoryId, long treeSize, Hash32 root, Hash32 headEntryId,
    long recordedMs, PublicKey signer, Signature signature) {

  /** @throws IllegalArgumentException for a tree size below 1 or a negative time */
  public Checkpoint {
    Objects.requireNonNull(trajectoryId, "trajectory_id");
    if (treeSize < 1 || treeSize > thymos.api.json.JsonNumber.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("tree_size must be >= 1: " + treeSize);
    }
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(headEntryId, "head_entry_id");
    Members.requireNonNegative(recordedMs, "recorded_ms");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(signature, "signature");
  }

  /** Signs a checkpoint with {@code signer} (A4). */
  public static Checkpoint sign(Hash32 trajectoryId, long treeSize, Hash32 root,
      Hash32 headEntryId, long recordedMs, Signer signer) {
    JsonObject doc = unsigned(trajectoryId, treeSize, root, headEntryId, recordedMs,
        signer.publicKey());
    return new Checkpoint(trajectoryId, treeSize, root, headEntryId, recordedMs,
        signer.publicKey(), signer.sign(Ids.tagged(DocType.CHECKPOINT, doc)));
  }

  private static JsonObject unsigned(Hash32 trajectoryId, long treeSize, Hash32 root,
      Hash32 head, long recordedMs, PublicKey signer) {
    return Members.create().put("trajectory_id", trajectoryId.toJson())
        .put("tree_size", treeSize).put("root", root.toJson())
        .put("head_entry_id", head.toJson()).put("recorded_ms", recordedMs)
        .put("signer", signer.toJson()).build();
  }

  /** The signed document: this checkpoint without {@code signature} (E4.3). */
  public JsonObject unsignedJson() {
    return unsigned(trajectoryId, treeSize, root, headEntryId, recordedMs, signer);
  }

  /** {@code id("checkpoint", checkpoint without signature)} (E2.4, E4.3). */
  public Hash32 id() {
    return Ids.id(DocType.CHECKPOINT, unsignedJson());
  }

  /** Whether the signature verifies under {@code signer} (strict, E3.3). */
  public boolean signatureVerifies() {
    return Ed25519.verify(signer, Ids.tagged(DocType.CHECKPOINT, unsignedJson()), signature);
  }

  /**
   * Checks the checkpoint against the runtime key an auditor trusts (A4): the signer is {@code
   * expectedSigner} and the signature verifies strictly (E3.3).
   *
   * @return {@link ProofVerification.Verified}, or {@link ProofVerification.Rejected} with check
   *     {@code signer} (another key) or {@code signature} (does not verify)
   */
  public ProofVerification verify(PublicKey expectedSigner) {
    if (!signer.equals(expectedSigner)) {
      return new ProofVerification.Rejected("A4", "signer", expectedSigner.hex(), signer.hex());
    }
    return signatureVerifies() ? ProofVerification.Verified.INSTANCE
        : new ProofVerification.Rejected("A4", "signature",
            "an Ed25519 signature by " + signer.hex() + " over checkpoint:" + id().hex(),
            signature.hex());
  }

  /**
   * Whether {@code proof} shows that {@code entryId} is in the tree this checkpoint commits to
   * (A2): the proof's trajectory and tree size must be this checkpoint's, then the path must
   * lead to {@link #root()}. Does not check the signature (see {@link #verify(PublicKey)}).
   *
   * @throws ProofException {@code THY-A200} if the proof is for another trajectory or tree size
   */
  public ProofVerification verifyInclusion(Hash32 entryId, InclusionProof proof) {
    if (!proof.trajectoryId().equals(trajectoryId) || proof.treeSize() != treeSize) {
      throw new ProofException("A2", "inclusion proof for traj:" + proof.trajectoryId().hex()
          + " tree size " + proof.treeSize() + " does not match checkpoint traj:"
          + trajectoryId.hex() + " tree size " + treeSize);
    }
    return proof.verify(entryId, root);
  }

  /**
   * Whether {@code proof} shows that {@code newer} extends this checkpoint's tree (A3): both
   * checkpoints and the proof are of one trajectory, the proof goes from this tree size to
   * {@code newer}'s, and it holds for both roots. Does not check signatures.
   *
   * @throws ProofException {@code THY-A300} if trajectories or sizes do not match
   */
  public ProofVerification verifyConsistency(Checkpoint newer, ConsistencyProof proof) {
    if (!newer.trajectoryId.equals(trajectoryId) || !proof.trajectoryId().equals(trajectoryId)
        || proof.firstSize() != treeSize || proof.secondSize() != newer.treeSize) {
      throw new ProofException("A3", "consistency proof for traj:" + proof.trajectoryId().hex()
          + " sizes " + proof.firstSize() + " to " + proof.secondSize()
          + " does not match checkpoints traj:" + trajectoryId.hex() + " size " + treeSize
          + " and traj:" + newer.trajectoryId.hex() + " size " + newer.treeSize);
    }
    return proof.verify(root, newer.root);
  }

  /** The JSON form, all seven members. */
  public JsonObject toJson() {
    return Members.create().put("trajectory_id", trajectoryId.toJson())
        .put("tree_size", treeSize).put("root", root.toJson())
        .put("head_entry_id", headEntryId.toJson()).put("recorded_ms", recordedMs)
        .put("signer", signer.toJson()).put("signature", signature.toJson()).build();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static Checkpoint fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    Hash32 trajectoryId = Members.hash32(o, "trajectory_id");
    long treeSize = o.nonNegative("tree_size");
    if (treeSize < 1) {
      throw new thymos.api.ProtocolViolation("A4", o.pointer("tree_size"),
          "tree_size must be >= 1, found 0");
    }
    Checkpoint c = new Checkpoint(trajectoryId, treeSize, Members.hash32(o, "root"),
        Members.hash32(o, "head_entry_id"), o.nonNegative("recorded_ms"),
        o.read("signer", PublicKey::fromJson), o.read("signature", Signature::fromJson));
    o.end();
    return c;
  }
}
