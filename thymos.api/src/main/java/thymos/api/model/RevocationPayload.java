package thymos.api.model;

import java.util.Objects;
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
 * The payload of a {@code revocation} entry (L4, W5.1): the revoker signs {@code
 * sign("revocation", {writ_id, reason})}. Whether the key may revoke the writ is the kernel's
 * check (W5.1).
 *
 * @param writId the revoked writ
 * @param reason why
 * @param revokerKey the revoker's key
 * @param revokerSignature the signature over {@code {writ_id, reason}}
 */
public record RevocationPayload(Hash32 writId, String reason, PublicKey revokerKey,
    Signature revokerSignature) implements Payload {

  /** Checks for {@code null}. */
  public RevocationPayload {
    Objects.requireNonNull(writId, "writ_id");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(revokerKey, "revoker_key");
    Objects.requireNonNull(revokerSignature, "revoker_signature");
  }

  /** The signed document {@code {writ_id, reason}} (W5.1). */
  public static JsonObject signedDocument(Hash32 writId, String reason) {
    return Members.create().put("writ_id", writId.toJson()).put("reason", reason).build();
  }

  /** A revocation of {@code writId} signed by {@code revoker} (W5.1). */
  public static RevocationPayload sign(Hash32 writId, String reason, Signer revoker) {
    Signature sig = revoker.sign(Ids.tagged(DocType.REVOCATION, signedDocument(writId, reason)));
    return new RevocationPayload(writId, reason, revoker.publicKey(), sig);
  }

  /** Whether the signature verifies under {@code revoker_key} (strict, E3.3). */
  public boolean signatureVerifies() {
    return Ed25519.verify(revokerKey,
        Ids.tagged(DocType.REVOCATION, signedDocument(writId, reason)), revokerSignature);
  }

  @Override
  public EntryKind kind() {
    return EntryKind.REVOCATION;
  }

  @Override
  public JsonObject toJson() {
    return Members.create().put("writ_id", writId.toJson()).put("reason", reason)
        .put("revoker_key", revokerKey.toJson())
        .put("revoker_signature", revokerSignature.toJson()).build();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static RevocationPayload fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    RevocationPayload p = new RevocationPayload(Members.hash32(o, "writ_id"),
        o.string("reason"), o.read("revoker_key", PublicKey::fromJson),
        o.read("revoker_signature", Signature::fromJson));
    o.end();
    return p;
  }
}
