package thymos.api.model;

import java.util.Map;
import java.util.Objects;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.crypto.Signature;
import thymos.api.json.Json;
import thymos.api.json.StrictObject;
import thymos.api.spi.Signer;

/**
 * A signed capability writ (M2): {@code {id, body, signature}} with {@code id = id("writ", body)}
 * and {@code signature = sign("writ", body)} by {@code body.issuer_key}. A writ is a claim;
 * whether it confers authority is decided by chain verification in the kernel (W4).
 *
 * @param id the content id of {@code body}
 * @param body the signed content
 * @param signature the issuer's signature over {@code tagged("writ", body)}
 */
public record Writ(Hash32 id, WritBody body, Signature signature) {

  /** Checks for {@code null}. */
  public Writ {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(signature, "signature");
  }

  /**
   * Issues a writ: computes the id and signs the body with {@code issuer} (E3.2).
   *
   * @throws IllegalArgumentException if {@code issuer}'s key is not {@code body.issuer_key}
   */
  public static Writ sign(WritBody body, Signer issuer) {
    if (!issuer.publicKey().equals(body.issuerKey())) {
      throw new IllegalArgumentException("signer key " + issuer.publicKey()
          + " is not the writ's issuer_key " + body.issuerKey());
    }
    Json doc = body.toJson();
    return new Writ(Ids.id(DocType.WRIT, doc), body, issuer.sign(Ids.tagged(DocType.WRIT, doc)));
  }

  /** Whether {@link #id()} is the content id of {@link #body()}. */
  public boolean idMatchesBody() {
    return id.equals(Ids.id(DocType.WRIT, body.toJson()));
  }

  /** Whether the signature verifies under {@code body.issuer_key} (strict, E3.3). */
  public boolean signatureVerifies() {
    return Ed25519.verify(body.issuerKey(), Ids.tagged(DocType.WRIT, body.toJson()), signature);
  }

  /** The JSON form {@code {id, body, signature}}. */
  public Json toJson() {
    return Json.object(Map.of("id", id.toJson(), "body", body.toJson(),
        "signature", signature.toJson()));
  }

  /**
   * Reads the JSON form strictly (E1.5) and checks that the id is the body's content id.
   *
   * @throws ProtocolViolation naming the offending member, or {@code /id} on an id mismatch
   */
  public static Writ fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    Hash32 id = Members.hash32(o, "id");
    WritBody body = o.read("body", WritBody::fromJson);
    Signature sig = o.read("signature", Signature::fromJson);
    o.end();
    Hash32 actual = Ids.id(DocType.WRIT, body.toJson());
    if (!actual.equals(id)) {
      throw new ProtocolViolation("E2.2", o.pointer("id"),
          "writ id does not match its body: expected " + actual.hex() + ", found " + id.hex());
    }
    return new Writ(id, body, sig);
  }
}
