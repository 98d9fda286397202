package thymos.api.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
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
import thymos.api.spi.Signer;

/**
 * The payload of an {@code approval} entry, one vote (L4, X3.2). The approver signs {@code
 * tagged("approval", {trajectory_id, pending, decision})}; the reason is not signed.
 *
 * @param pending the pending_approval entry voted on
 * @param decision approve or deny
 * @param approverKey the voter's key
 * @param reason the voter's reason, if given
 * @param approverSignature the vote signature
 */
public record ApprovalPayload(Hash32 pending, Vote decision, PublicKey approverKey,
    Optional<String> reason, Signature approverSignature) implements Payload {

  /** A vote (X3.3, X3.4). */
  public enum Vote {
    /** Counts towards the quorum. */
    APPROVE,
    /** Resolves the proposal as rejected. */
    DENY;

    private final String wire = name().toLowerCase(Locale.ROOT); // once, not per read

    /** The JSON form. */
    public String wire() {
      return wire;
    }

    static Vote fromJson(Json json, String pointer) {
      String s = StrictObject.asString(json, pointer);
      return switch (s) {
        case "approve" -> APPROVE;
        case "deny" -> DENY;
        default -> throw new ProtocolViolation("X3.2", pointer,
            "unknown approval decision \"" + s + "\"; expected approve or deny");
      };
    }
  }

  /** Checks for {@code null}. */
  public ApprovalPayload {
    Objects.requireNonNull(pending, "pending");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(approverKey, "approver_key");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(approverSignature, "approver_signature");
  }

  /** The signed document {@code {trajectory_id, pending, decision}} (X3.2). */
  public static JsonObject signedDocument(Hash32 trajectoryId, Hash32 pending, Vote decision) {
    return Members.create().put("trajectory_id", trajectoryId.toJson())
        .put("pending", pending.toJson()).put("decision", decision.wire()).build();
  }

  /** Casts a vote in {@code trajectoryId}, signed by {@code approver} (X3.2). */
  public static ApprovalPayload sign(Hash32 trajectoryId, Hash32 pending, Vote decision,
      Optional<String> reason, Signer approver) {
    Signature sig = approver.sign(
        Ids.tagged(DocType.APPROVAL, signedDocument(trajectoryId, pending, decision)));
    return new ApprovalPayload(pending, decision, approver.publicKey(), reason, sig);
  }

  /** Whether the vote signature verifies for a vote in {@code trajectoryId} (strict, E3.3). */
  public boolean signatureVerifies(Hash32 trajectoryId) {
    return Ed25519.verify(approverKey,
        Ids.tagged(DocType.APPROVAL, signedDocument(trajectoryId, pending, decision)),
        approverSignature);
  }

  @Override
  public EntryKind kind() {
    return EntryKind.APPROVAL;
  }

  @Override
  public JsonObject toJson() {
    return Members.create().put("pending", pending.toJson()).put("decision", decision.wire())
        .put("approver_key", approverKey.toJson()).opt("reason", reason, Json::string)
        .put("approver_signature", approverSignature.toJson()).build();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static ApprovalPayload fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    ApprovalPayload p = new ApprovalPayload(Members.hash32(o, "pending"),
        o.read("decision", Vote::fromJson), o.read("approver_key", PublicKey::fromJson),
        o.optString("reason"), o.read("approver_signature", Signature::fromJson));
    o.end();
    return p;
  }
}
