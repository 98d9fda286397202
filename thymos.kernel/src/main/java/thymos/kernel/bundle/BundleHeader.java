package thymos.kernel.bundle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.crypto.PublicKey;
import thymos.api.crypto.Signature;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;
import thymos.api.model.Checkpoint;
import thymos.api.spi.Signer;

/**
 * The first line of a bundle (L8.1): {@code {format:"thymos-bundle/v1", trajectories:[{
 * trajectory_id, size, checkpoint}], signer?, signature?}}, its signature {@code sign("bundle",
 * header without signature)} (E3.2, E4.3) and its id {@code id("bundle", …)} over the same
 * document (E2.4).
 *
 * @param trajectories the trajectories in the order their entries follow, each listed once
 * @param signer the key that signed the header, with {@code signature}
 * @param signature the header signature
 */
public record BundleHeader(List<Section> trajectories, Optional<PublicKey> signer,
    Optional<Signature> signature) {

  /** The only format this version reads and writes. */
  public static final String FORMAT = "thymos-bundle/v1";

  /**
   * One trajectory of the bundle.
   *
   * @param trajectoryId the trajectory
   * @param size how many entries follow for it (seq 0 to size − 1)
   * @param checkpoint the checkpoint of exactly those entries (A4)
   */
  public record Section(Hash32 trajectoryId, long size, Checkpoint checkpoint) {

    /** @throws IllegalArgumentException if the checkpoint is of another trajectory or size */
    public Section {
      Objects.requireNonNull(trajectoryId, "trajectory_id");
      Objects.requireNonNull(checkpoint, "checkpoint");
      if (!checkpoint.trajectoryId().equals(trajectoryId) || checkpoint.treeSize() != size) {
        throw new IllegalArgumentException("checkpoint of traj:" + checkpoint.trajectoryId().hex()
            + " size " + checkpoint.treeSize() + " listed for traj:" + trajectoryId.hex()
            + " size " + size);
      }
    }

    JsonObject toJson() {
      return JsonObject.builder().put("trajectory_id", trajectoryId.toJson())
          .put("size", Json.integer(size)).put("checkpoint", checkpoint.toJson()).build();
    }
  }

  /**
   * Checks that signer and signature come together and every trajectory is listed once.
   *
   * @throws IllegalArgumentException otherwise
   */
  public BundleHeader {
    trajectories = List.copyOf(trajectories);
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(signature, "signature");
    if (signer.isPresent() != signature.isPresent()) {
      throw new IllegalArgumentException("signer and signature come together");
    }
    Set<Hash32> seen = new HashSet<>();
    for (Section s : trajectories) {
      if (!seen.add(s.trajectoryId())) {
        throw new IllegalArgumentException("traj:" + s.trajectoryId().hex() + " listed twice");
      }
    }
  }

  /** The header of {@code sections}, signed by {@code signer} (L8.1). */
  public static BundleHeader sign(List<Section> sections, Signer signer) {
    JsonObject doc = unsigned(sections, Optional.of(signer.publicKey()));
    return new BundleHeader(sections, Optional.of(signer.publicKey()),
        Optional.of(signer.sign(Ids.tagged(DocType.BUNDLE, doc))));
  }

  private static JsonObject unsigned(List<Section> sections, Optional<PublicKey> signer) {
    JsonObject.Builder b = JsonObject.builder().put("format", Json.string(FORMAT))
        .put("trajectories", Json.array(sections.stream().map(Section::toJson).toList()));
    signer.ifPresent(k -> b.put("signer", k.toJson()));
    return b.build();
  }

  /** The signed document: the header without {@code signature} (E4.3). */
  public JsonObject unsignedJson() {
    return unsigned(trajectories, signer);
  }

  /** The header line's JSON. */
  public JsonObject toJson() {
    JsonObject u = unsignedJson();
    if (signature.isEmpty()) {
      return u;
    }
    JsonObject.Builder b = JsonObject.builder();
    u.members().forEach(b::put);
    return b.put("signature", signature.get().toJson()).build();
  }

  /** {@code id("bundle", header without signature)} (E2.4). */
  public Hash32 id() {
    return Ids.id(DocType.BUNDLE, unsignedJson());
  }

  /** Whether the header is signed and its signature verifies strictly (E3.3). */
  public boolean signatureVerifies() {
    return signer.isPresent()
        && Ed25519.verify(signer.get(), Ids.tagged(DocType.BUNDLE, unsignedJson()),
            signature.get());
  }

  /** The total number of entries the bundle holds. */
  public long entries() {
    return trajectories.stream().mapToLong(Section::size).sum();
  }

  /**
   * Reads a header strictly (E1.5).
   *
   * @throws ProtocolViolation for an unknown format, an unknown or missing member, a wrong type,
   *     a checkpoint of another trajectory or size than its section, or a trajectory listed twice
   */
  public static BundleHeader fromJson(Json json) {
    StrictObject o = StrictObject.of(json, "");
    String format = o.string("format");
    if (!FORMAT.equals(format)) {
      throw new ProtocolViolation("L8.1", "/format", "unknown bundle format \"" + format
          + "\", expected \"" + FORMAT + "\"");
    }
    JsonArray list = o.array("trajectories");
    List<Section> sections = new ArrayList<>();
    Set<Hash32> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = StrictObject.child(o.pointer("trajectories"), i);
      StrictObject s = StrictObject.of(list.get(i), at);
      Hash32 id = s.read("trajectory_id", Hash32::fromJson);
      long size = s.nonNegative("size");
      Checkpoint c = s.read("checkpoint", Checkpoint::fromJson);
      s.end();
      if (!c.trajectoryId().equals(id) || c.treeSize() != size) {
        throw new ProtocolViolation("L8.1", StrictObject.child(at, "checkpoint"),
            "checkpoint of traj:" + c.trajectoryId().hex() + " size " + c.treeSize()
                + " does not match its section traj:" + id.hex() + " size " + size);
      }
      if (!seen.add(id)) {
        throw new ProtocolViolation("L8.1", at, "traj:" + id.hex() + " listed twice");
      }
      sections.add(new Section(id, size, c));
    }
    Optional<PublicKey> signer = o.optRead("signer", PublicKey::fromJson);
    Optional<Signature> signature = o.optRead("signature", Signature::fromJson);
    o.end();
    if (signer.isPresent() != signature.isPresent()) {
      throw new ProtocolViolation("L8.1", signer.isPresent() ? "/signer" : "/signature",
          "signer and signature come together");
    }
    return new BundleHeader(sections, signer, signature);
  }
}
