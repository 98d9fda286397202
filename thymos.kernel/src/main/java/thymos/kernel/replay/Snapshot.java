package thymos.kernel.replay;

import java.util.Objects;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.crypto.PublicKey;
import thymos.api.crypto.Signature;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;
import thymos.api.model.Budget;
import thymos.api.model.World;
import thymos.api.spi.Signer;

/**
 * A signed snapshot of a trajectory's replay at one entry (R6.1): {@code {trajectory_id, seq,
 * entry_id, world_hash, world, spend, replay, signer, signature}}, signed with {@code
 * sign("snapshot", …)} over the document without {@code signature}; its id is over the same
 * document (E4.3). {@code replay} is a Thymos extension of R6.1: the replay state after {@code
 * seq} (counters, distinct values, indices, open approvals and executions) that lets a
 * snapshot-assisted replay end in exactly the report of a full one (R6.2; see
 * docs/decisions.md). Made by {@link Snapshots#make}; snapshots are an optimisation only (R6.3).
 *
 * @param trajectoryId the trajectory
 * @param seq the last entry folded
 * @param entryId the id of the entry at {@code seq}
 * @param worldHash {@code id("world", world)} (R4)
 * @param world the world after {@code seq}
 * @param spend the spend recorded up to {@code seq}: commit costs plus usage (X7)
 * @param replay the replay state after {@code seq}
 * @param signer the runtime key
 * @param signature the signature
 */
public record Snapshot(Hash32 trajectoryId, long seq, Hash32 entryId, Hash32 worldHash,
    World world, Budget spend, JsonObject replay, PublicKey signer, Signature signature) {

  /** Checks for {@code null} and a negative seq. */
  public Snapshot {
    Objects.requireNonNull(trajectoryId, "trajectory_id");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be >= 0: " + seq);
    }
    Objects.requireNonNull(entryId, "entry_id");
    Objects.requireNonNull(worldHash, "world_hash");
    Objects.requireNonNull(world, "world");
    Objects.requireNonNull(spend, "spend");
    Objects.requireNonNull(replay, "replay");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(signature, "signature");
  }

  static Snapshot sign(Hash32 trajectoryId, long seq, Hash32 entryId, World world, Budget spend,
      JsonObject replay, Signer signer) {
    Hash32 worldHash = world.hash();
    JsonObject doc = unsigned(trajectoryId, seq, entryId, worldHash, world, spend, replay,
        signer.publicKey());
    return new Snapshot(trajectoryId, seq, entryId, worldHash, world, spend, replay,
        signer.publicKey(), signer.sign(Ids.tagged(DocType.SNAPSHOT, doc)));
  }

  private static JsonObject unsigned(Hash32 trajectoryId, long seq, Hash32 entryId,
      Hash32 worldHash, World world, Budget spend, JsonObject replay, PublicKey signer) {
    return JsonObject.builder().put("trajectory_id", trajectoryId.toJson())
        .put("seq", Json.integer(seq)).put("entry_id", entryId.toJson())
        .put("world_hash", worldHash.toJson()).put("world", world.toJson())
        .put("spend", spend.toJson()).put("replay", replay).put("signer", signer.toJson())
        .build();
  }

  /** The signed document: the snapshot without {@code signature} (E4.3). */
  public JsonObject unsignedJson() {
    return unsigned(trajectoryId, seq, entryId, worldHash, world, spend, replay, signer);
  }

  /** {@code id("snapshot", snapshot without signature)} (E2.4). */
  public Hash32 id() {
    return Ids.id(DocType.SNAPSHOT, unsignedJson());
  }

  /** Whether the signature verifies strictly under {@link #signer()} (E3.3). */
  public boolean signatureVerifies() {
    return Ed25519.verify(signer, Ids.tagged(DocType.SNAPSHOT, unsignedJson()), signature);
  }

  /** The JSON form, all nine members. */
  public JsonObject toJson() {
    JsonObject.Builder b = JsonObject.builder();
    unsignedJson().members().forEach(b::put);
    return b.put("signature", signature.toJson()).build();
  }

  /**
   * Reads the JSON form strictly (E1.5). Does not verify the signature (see {@link
   * Snapshots#replay}).
   *
   * @throws ProtocolViolation naming the pointer of a missing, unknown or mistyped
   *     member
   */
  public static Snapshot fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    Snapshot s = new Snapshot(o.read("trajectory_id", Hash32::fromJson), o.nonNegative("seq"),
        o.read("entry_id", Hash32::fromJson), o.read("world_hash", Hash32::fromJson),
        o.read("world", World::fromJson), o.read("spend", Budget::fromJson), o.object("replay"),
        o.read("signer", PublicKey::fromJson), o.read("signature", Signature::fromJson));
    o.end();
    return s;
  }
}
