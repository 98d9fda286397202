package thymos.kernel.anchor;

import java.util.Objects;
import thymos.api.ProofException;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.PublicKey;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;
import thymos.api.model.Checkpoint;
import thymos.api.model.CheckpointPayload;
import thymos.api.model.Entry;
import thymos.api.proof.InclusionProof;
import thymos.api.proof.ProofVerification;

/**
 * The chain of A5.1 from one entry to the anchor trajectory's root: the entry's inclusion in a
 * signed checkpoint of its trajectory (A2, A4), the {@code checkpoint} entry recording that
 * checkpoint in the anchor trajectory, and that entry's inclusion in a signed checkpoint of the
 * anchor trajectory. An auditor who trusts the runtime key and holds the anchor checkpoint (say,
 * from an anchor sink) checks it with {@link #verify(PublicKey)} and nothing else.
 *
 * @param entryId the id of the proven entry
 * @param entryInclusion the entry's audit path in {@code trajectoryCheckpoint}'s tree
 * @param trajectoryCheckpoint the signed checkpoint of the entry's trajectory
 * @param anchorEntry the anchor trajectory's {@code checkpoint} entry recording it
 * @param anchorInclusion {@code anchorEntry}'s audit path in {@code anchorCheckpoint}'s tree
 * @param anchorCheckpoint the signed checkpoint of the anchor trajectory
 */
public record AnchorProof(Hash32 entryId, InclusionProof entryInclusion,
    Checkpoint trajectoryCheckpoint, Entry anchorEntry, InclusionProof anchorInclusion,
    Checkpoint anchorCheckpoint) {

  /** Checks for {@code null}. */
  public AnchorProof {
    Objects.requireNonNull(entryId, "entry_id");
    Objects.requireNonNull(entryInclusion, "entry_inclusion");
    Objects.requireNonNull(trajectoryCheckpoint, "trajectory_checkpoint");
    Objects.requireNonNull(anchorEntry, "anchor_entry");
    Objects.requireNonNull(anchorInclusion, "anchor_inclusion");
    Objects.requireNonNull(anchorCheckpoint, "anchor_checkpoint");
  }

  /**
   * Checks the whole chain (A5.1) with {@code runtime} as the trusted signer of both checkpoints:
   * both signatures (A4); the entry's path to the trajectory checkpoint's root (A2); that the
   * anchor entry is an intact {@code checkpoint} entry of the anchor trajectory recording exactly
   * that checkpoint; and its path to the anchor checkpoint's root.
   *
   * @return {@link ProofVerification.Verified}, or the first {@link ProofVerification.Rejected}
   *     (rule {@code A4}, {@code A2} or {@code A5.1}, naming the check)
   * @throws ProofException if a path does not fit its checkpoint's trajectory or tree size, or
   *     its seq, before any hashing (A2)
   */
  public ProofVerification verify(PublicKey runtime) {
    Objects.requireNonNull(runtime, "runtime");
    ProofVerification v = trajectoryCheckpoint.verify(runtime);
    if (!v.verified()) {
      return v;
    }
    if (entryInclusion.seq() < 0 || !entryInclusion.trajectoryId().equals(
        trajectoryCheckpoint.trajectoryId())) {
      throw new ProofException("A2", "entry inclusion proof is for traj:"
          + entryInclusion.trajectoryId().hex() + ", the checkpoint for traj:"
          + trajectoryCheckpoint.trajectoryId().hex());
    }
    v = trajectoryCheckpoint.verifyInclusion(entryId, entryInclusion);
    if (!v.verified()) {
      return v;
    }
    if (!anchorEntry.trajectoryId().equals(AnchorLedger.TRAJECTORY_ID)) {
      return rejected("anchor_entry_trajectory", AnchorLedger.TRAJECTORY_ID.hex(),
          anchorEntry.trajectoryId().hex());
    }
    if (!anchorEntry.idMatches()) {
      return rejected("anchor_entry_id", anchorEntry.id().hex(), anchorEntry.computeId().hex());
    }
    if (!(anchorEntry.payload() instanceof CheckpointPayload p)
        || !p.checkpoint().equals(trajectoryCheckpoint)) {
      return rejected("anchor_entry_checkpoint", "checkpoint:" + trajectoryCheckpoint.id().hex(),
          anchorEntry.payload() instanceof CheckpointPayload p
              ? "checkpoint:" + p.checkpoint().id().hex() : anchorEntry.kind().wire());
    }
    v = anchorCheckpoint.verify(runtime);
    if (!v.verified()) {
      return v;
    }
    if (!anchorCheckpoint.trajectoryId().equals(AnchorLedger.TRAJECTORY_ID)) {
      return rejected("anchor_checkpoint_trajectory", AnchorLedger.TRAJECTORY_ID.hex(),
          anchorCheckpoint.trajectoryId().hex());
    }
    if (anchorInclusion.seq() != anchorEntry.seq()) {
      throw new ProofException("A2", "anchor inclusion proof is for seq " + anchorInclusion.seq()
          + ", the anchor entry is at seq " + anchorEntry.seq());
    }
    return anchorCheckpoint.verifyInclusion(anchorEntry.id(), anchorInclusion);
  }

  private static ProofVerification rejected(String check, String expected, String actual) {
    return new ProofVerification.Rejected("A5.1", check, expected, actual);
  }

  /**
   * The JSON form: {@code {entry_id, entry_inclusion, trajectory_checkpoint, anchor_entry,
   * anchor_inclusion, anchor_checkpoint}}, the anchor entry as stored (with its id).
   */
  public JsonObject toJson() {
    return JsonObject.builder().put("entry_id", entryId.toJson())
        .put("entry_inclusion", entryInclusion.toJson())
        .put("trajectory_checkpoint", trajectoryCheckpoint.toJson())
        .put("anchor_entry", anchorEntry.toJson())
        .put("anchor_inclusion", anchorInclusion.toJson())
        .put("anchor_checkpoint", anchorCheckpoint.toJson()).build();
  }

  /**
   * Reads the JSON form strictly (E1.5).
   *
   * @throws thymos.api.ProtocolViolation naming the offending member's pointer
   * @throws ProofException for a malformed path (A2)
   */
  public static AnchorProof fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    AnchorProof p = new AnchorProof(o.read("entry_id", Hash32::fromJson),
        o.read("entry_inclusion", InclusionProof::fromJson),
        o.read("trajectory_checkpoint", Checkpoint::fromJson),
        o.read("anchor_entry", Entry::fromJson),
        o.read("anchor_inclusion", InclusionProof::fromJson),
        o.read("anchor_checkpoint", Checkpoint::fromJson));
    o.end();
    return p;
  }
}
