package thymos.api.model;

import java.util.Objects;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * The payload of a {@code failure} entry (L4, X2 step 6): a staged intent whose tool failed, whose
 * postconditions failed or whose delta did not apply.
 *
 * @param intent the intent body as stored (redacted, X8)
 * @param intentId the intent's original id
 * @param redacted whether values were redacted (written only as {@code true}, X8.3)
 * @param proposalId the proposal that was executed, if one existed
 * @param error what went wrong
 * @param compilerVersion the compiler version (C2.4)
 */
public record FailurePayload(IntentBody intent, Hash32 intentId, boolean redacted,
    Optional<Hash32> proposalId, ErrorInfo error, String compilerVersion)
    implements IntentOutcome {

  /** Checks for {@code null}. */
  public FailurePayload {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(intentId, "intent_id");
    Objects.requireNonNull(proposalId, "proposal_id");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(compilerVersion, "compiler_version");
  }

  @Override
  public EntryKind kind() {
    return EntryKind.FAILURE;
  }

  @Override
  public JsonObject toJson() {
    Members m = Members.outcomeHead(this);
    return m.opt("proposal_id", proposalId, Hash32::toJson).put("error", error.toJson())
        .put("compiler_version", compilerVersion).build();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static FailurePayload fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    FailurePayload p = new FailurePayload(o.read("intent", IntentBody::fromJson),
        Members.hash32(o, "intent_id"), Members.readRedacted(o),
        Members.optHash32(o, "proposal_id"), o.read("error", ErrorInfo::fromJson),
        o.string("compiler_version"));
    o.end();
    return p;
  }
}
