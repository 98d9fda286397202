package thymos.kernel.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519;
import thymos.api.crypto.PublicKey;
import thymos.api.crypto.Signature;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;
import thymos.api.spi.Signer;

/**
 * Loads policy bundles, signed or not (P6.5, P6.6), and signs them.
 *
 * <p>A signed bundle is {@code {"policy": bundle, "issuer_key", "signature"}} with {@code
 * signature = sign("policy", bundle)} (E3.2): the signed message is {@code tagged("policy",
 * bundle)}, the very bytes whose hash is the policy id, so the id does not depend on who signed
 * (E4.3). A document with a {@code policy} member is read as a signed bundle, any other as a bare
 * bundle. Before the bundle is read, its issuer must be admitted by the {@link IssuerPins} and its
 * signature must verify strictly (E3.3); otherwise loading fails with {@code THY-P606}.
 */
public final class PolicyBundles {

  private PolicyBundles() {}

  /**
   * Loads a bundle or signed bundle document.
   *
   * @throws ProtocolViolation a load error naming the JSON pointer: {@code THY-P606} for an
   *     unsigned bundle where issuers are pinned ({@code ""}), an issuer key that is not pinned
   *     ({@code /issuer_key}), a signature that does not verify ({@code /signature}); {@code
   *     THY-P601}…{@code THY-P605} for the bundle itself (pointers under {@code /policy} when
   *     signed)
   */
  public static PolicyBundle load(Json document, IssuerPins pins) {
    if (!(document instanceof JsonObject o) || !o.members().containsKey("policy")) {
      if (pins.pinned()) {
        throw new ProtocolViolation("P6.6", "", "an unsigned bundle, but bundle issuers are"
            + " pinned " + hexes(pins) + "; expected {\"policy\", \"issuer_key\", \"signature\"}");
      }
      return PolicyBundle.parse(document);
    }
    JsonObject bundle;
    PublicKey issuer;
    Signature signature;
    try {
      StrictObject s = StrictObject.of(document, "");
      bundle = s.object("policy");
      issuer = s.read("issuer_key", PublicKey::fromJson);
      signature = s.read("signature", Signature::fromJson);
      s.end();
    } catch (ProtocolViolation e) {
      throw BundleReader.asLoadError(e);
    }
    if (!pins.admits(issuer)) {
      throw new ProtocolViolation("P6.6", "/issuer_key", "bundle issuer " + issuer.hex()
          + " is not pinned; pinned issuers: " + hexes(pins));
    }
    if (!Ed25519.verify(issuer, DocType.POLICY, bundle, signature)) {
      throw new ProtocolViolation("P6.6", "/signature", "the signature does not verify as"
          + " sign(\"policy\", bundle) by " + issuer.hex() + " (tampered, or signed by another"
          + " key)");
    }
    return BundleReader.read(bundle, "/policy");
  }

  /**
   * Parses UTF-8 JSON text strictly and loads it as {@link #load(Json, IssuerPins)}.
   *
   * @throws ProtocolViolation a load error naming the JSON pointer; malformed JSON is {@code
   *     THY-P605}
   */
  public static PolicyBundle load(byte[] utf8, IssuerPins pins) {
    return load(json(utf8), pins);
  }

  /**
   * The signed form {@code {policy, issuer_key, signature}} of {@code bundle} (P6.6). The bundle is
   * loaded first, so a bundle that would not load is never signed.
   *
   * @throws ProtocolViolation a load error of {@code bundle}
   */
  public static JsonObject sign(JsonObject bundle, Signer issuer) {
    PolicyBundle.parse(bundle);
    return Json.object(Map.of("policy", bundle, "issuer_key", issuer.publicKey().toJson(),
        "signature", Ed25519.sign(issuer, DocType.POLICY, bundle).toJson()));
  }

  /**
   * Reads the configuration of the {@value PolicyProviders#BUNDLE} provider strictly: {@code
   * {"bundle": document, "issuers"?: [hex public key…]}}, {@code issuers} non-empty when present.
   *
   * @throws ProtocolViolation a load error: {@code THY-P606} at {@code /issuers…} for malformed
   *     pins, otherwise as {@link #load(Json, IssuerPins)} with pointers under {@code /bundle}
   */
  static PolicyBundle fromConfig(JsonObject config) {
    StrictObject c;
    Json document;
    IssuerPins pins = IssuerPins.unpinned();
    try {
      c = StrictObject.of(config, "");
      document = c.value("bundle");
      if (c.has("issuers")) {
        JsonArray a = c.array("issuers");
        List<PublicKey> keys = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
          keys.add(PublicKey.fromJson(a.get(i), StrictObject.child(c.pointer("issuers"), i)));
        }
        if (keys.isEmpty()) {
          throw new ProtocolViolation("P6.6", c.pointer("issuers"), "issuers, when given, pins at"
              + " least one key; omit it to admit unsigned bundles");
        }
        pins = IssuerPins.of(keys);
      }
      c.end();
    } catch (ProtocolViolation e) {
      throw BundleReader.asLoadError(e);
    }
    try {
      return load(document, pins);
    } catch (ProtocolViolation e) {
      throw new ProtocolViolation(e.rule().orElse("P6.5"), "/bundle" + e.pointer(),
          stripPrefix(e), e);
    }
  }

  /** Parses strictly (E1.2); malformed text is a load error {@code THY-P605} (P6.5). */
  static Json json(byte[] utf8) {
    try {
      return Json.parse(utf8);
    } catch (ProtocolViolation e) {
      throw BundleReader.asLoadError(e);
    }
  }

  private static String stripPrefix(ProtocolViolation e) {
    String m = e.getMessage();
    int colon = m.indexOf(": ");
    return colon < 0 ? m : m.substring(colon + 2);
  }

  private static List<String> hexes(IssuerPins pins) {
    return pins.keys().stream().map(PublicKey::hex).toList();
  }
}
