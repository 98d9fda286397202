package thymos.kernel.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.PublicKey;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;

/**
 * The result of a replay (R5). A failed replay is a value: {@link #verdict()} is {@code failed}
 * and {@link #violations()} says why; {@link #verifiedOrThrow()} is the convenience for callers
 * that want an exception.
 *
 * <p>{@link #toJson()} has exactly the members of R5. Lists whose order carries no meaning
 * ({@code in_doubt}, {@code compiler_versions}, {@code policy_sets}, {@code signers}) are sorted
 * (hex and version strings in UTF-16 order); {@code violations} keep the order in which replay
 * found them, i.e. by position. Counts and the world cover the entries read: in fail-fast mode
 * up to and including the first failing entry. The same stored bytes therefore give
 * byte-identical canonical JSON on every backend and machine (I5).
 *
 * @param trajectoryId the trajectory replayed
 * @param entries entries read
 * @param commits {@code commit} entries read
 * @param rejections {@code rejection} entries read
 * @param pending {@code pending_approval} entries read
 * @param approvals {@code approval} entries read
 * @param failures {@code failure} entries read
 * @param inDoubt intent ids with an {@code execution} entry but no later commit or failure (X5.2),
 *     sorted
 * @param headEntry the stored id of the last entry read, when it could be read
 * @param headSeq the position of the last entry read; empty for an empty stream
 * @param compilerVersions distinct compiler versions recorded, sorted
 * @param policySets distinct policy-set hashes recorded, sorted
 * @param signers distinct runtime signer keys, sorted
 * @param worldHash the hash of the world folded from the commits read (R4)
 * @param resources the number of resources in that world, retracted ones included (R4)
 * @param violations every violation found, in order (exactly one in fail-fast mode)
 */
public record ReplayReport(Hash32 trajectoryId, long entries, long commits, long rejections,
    long pending, long approvals, long failures, List<Hash32> inDoubt,
    Optional<Hash32> headEntry, OptionalLong headSeq, List<String> compilerVersions,
    List<Hash32> policySets, List<PublicKey> signers, Hash32 worldHash, long resources,
    List<Violation> violations) {

  /** Whether the trajectory proved intact (R5). */
  public enum Verdict {
    /** No violation. */
    VERIFIED,
    /** At least one violation. */
    FAILED;

    /** The JSON form. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Copies the lists; checks for {@code null}. */
  public ReplayReport {
    Objects.requireNonNull(trajectoryId, "trajectoryId");
    inDoubt = List.copyOf(inDoubt);
    Objects.requireNonNull(headEntry, "headEntry");
    Objects.requireNonNull(headSeq, "headSeq");
    compilerVersions = List.copyOf(compilerVersions);
    policySets = List.copyOf(policySets);
    signers = List.copyOf(signers);
    Objects.requireNonNull(worldHash, "worldHash");
    violations = List.copyOf(violations);
  }

  /** {@code verified} when there is no violation, else {@code failed}. */
  public Verdict verdict() {
    return violations.isEmpty() ? Verdict.VERIFIED : Verdict.FAILED;
  }

  /** Whether the verdict is {@code verified}. */
  public boolean verified() {
    return violations.isEmpty();
  }

  /**
   * This report if verified.
   *
   * @throws ProtocolViolation for the first violation, with its rule and message
   */
  public ReplayReport verifiedOrThrow() {
    if (!violations.isEmpty()) {
      throw violations.get(0).toException();
    }
    return this;
  }

  /** The first violation, if any. */
  public Optional<Violation> firstViolation() {
    return violations.isEmpty() ? Optional.empty() : Optional.of(violations.get(0));
  }

  /**
   * The R5 JSON form. {@code head_entry} and {@code head_seq} are omitted for an empty stream
   * (E1.4).
   */
  public JsonObject toJson() {
    Map<String, Json> m = new HashMap<>();
    m.put("trajectory_id", trajectoryId.toJson());
    m.put("entries", Json.integer(entries));
    m.put("commits", Json.integer(commits));
    m.put("rejections", Json.integer(rejections));
    m.put("pending", Json.integer(pending));
    m.put("approvals", Json.integer(approvals));
    m.put("failures", Json.integer(failures));
    m.put("in_doubt", strings(inDoubt.stream().map(Hash32::hex).toList()));
    headEntry.ifPresent(h -> m.put("head_entry", h.toJson()));
    headSeq.ifPresent(s -> m.put("head_seq", Json.integer(s)));
    m.put("compiler_versions", strings(compilerVersions));
    m.put("policy_sets", strings(policySets.stream().map(Hash32::hex).toList()));
    m.put("signers", strings(signers.stream().map(PublicKey::hex).toList()));
    m.put("world_hash", worldHash.toJson());
    m.put("resources", Json.integer(resources));
    m.put("verdict", Json.string(verdict().wire()));
    List<Json> vs = new ArrayList<>(violations.size());
    violations.forEach(v -> vs.add(v.toJson()));
    m.put("violations", Json.array(vs));
    return Json.object(m);
  }

  /** The canonical bytes of {@link #toJson()} (E1.1): identical for the same ledger (I5). */
  public byte[] canonicalBytes() {
    return toJson().canonicalBytes();
  }

  private static Json strings(List<String> values) {
    return Json.array(values.stream().map(Json::string).toList());
  }
}
