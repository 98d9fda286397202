package thymos.api.model;

import java.util.Objects;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * What cognition proposes (M1). It carries no authority; the kernel compiles it against a writ.
 *
 * @param trajectoryId the run this intent is for
 * @param kind act, delegate or compensate
 * @param tool the tool name ({@code delegate} for delegation, the original tool for compensation)
 * @param args free-form arguments (an object; any I-JSON inside)
 * @param author the cognition provider/model, e.g. {@code scripted}
 * @param rationale why, in the model's words (audit only)
 * @param basedOn the entry id of the head the cognition saw (advisory)
 * @param nonce makes otherwise equal intents distinct
 */
public record IntentBody(
    Hash32 trajectoryId,
    IntentKind kind,
    String tool,
    JsonObject args,
    String author,
    Optional<String> rationale,
    Optional<Hash32> basedOn,
    Nonce nonce) {

  /** Checks for {@code null}. */
  public IntentBody {
    Objects.requireNonNull(trajectoryId, "trajectory_id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(rationale, "rationale");
    Objects.requireNonNull(basedOn, "based_on");
    Objects.requireNonNull(nonce, "nonce");
  }

  /** The JSON form: exactly the members of M1, optional ones omitted when absent (E1.4). */
  public JsonObject toJson() {
    return Members.create()
        .put("trajectory_id", trajectoryId.toJson())
        .put("kind", kind.toJson())
        .put("tool", tool)
        .put("args", args)
        .put("author", author)
        .opt("rationale", rationale, Json::string)
        .opt("based_on", basedOn, Hash32::toJson)
        .put("nonce", nonce.toJson())
        .build();
  }

  /**
   * Reads the JSON form strictly (E1.5).
   *
   * @throws thymos.api.ProtocolViolation naming the offending member's JSON pointer; an unknown
   *     {@code kind} is reported at {@code …/kind} with rule M1
   */
  public static IntentBody fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    IntentBody b = new IntentBody(
        Members.hash32(o, "trajectory_id"),
        o.read("kind", IntentKind::fromJson),
        o.string("tool"),
        o.object("args"),
        o.string("author"),
        o.optString("rationale"),
        Members.optHash32(o, "based_on"),
        o.read("nonce", Nonce::fromJson));
    o.end();
    return b;
  }
}
