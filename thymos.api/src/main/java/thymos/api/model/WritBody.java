package thymos.api.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Nonce;
import thymos.api.crypto.PublicKey;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.StrictObject;

/**
 * The signed content of a writ, the only source of authority (M2). Its id is {@code id("writ",
 * body)} and its signature {@code sign("writ", body)} by {@code issuer_key}.
 *
 * @param issuer who signs it
 * @param issuerKey the key that signs it
 * @param subject who may act under it (and sign child writs)
 * @param subjectKey the subject's key
 * @param parent the parent writ id; empty for a root writ
 * @param tenant the tenant boundary, non-empty ({@code system} for single-tenant use)
 * @param scopes tool patterns, non-empty ({@link Scopes})
 * @param budget the most this writ and everything delegated from it may spend
 * @param effectCeiling the effect classes granted
 * @param notBeforeMs start of the validity window, inclusive
 * @param expiresAtMs end of the validity window, inclusive, ≥ {@code notBeforeMs}
 * @param delegation how far it may be delegated
 * @param nonce makes equal bodies distinct
 */
public record WritBody(
    String issuer,
    PublicKey issuerKey,
    String subject,
    PublicKey subjectKey,
    Optional<Hash32> parent,
    String tenant,
    List<String> scopes,
    Budget budget,
    Ceiling effectCeiling,
    long notBeforeMs,
    long expiresAtMs,
    DelegationLimits delegation,
    Nonce nonce) {

  /**
   * Checks the invariants of M2.
   *
   * @throws IllegalArgumentException for an empty tenant, empty or malformed scopes, negative
   *     times or an inverted window
   */
  public WritBody {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(issuerKey, "issuer_key");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(subjectKey, "subject_key");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(effectCeiling, "effect_ceiling");
    Objects.requireNonNull(delegation, "delegation");
    Objects.requireNonNull(nonce, "nonce");
    scopes = List.copyOf(scopes);
    String problem = problem(tenant, scopes, notBeforeMs, expiresAtMs);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  private static String problem(String tenant, List<String> scopes, long nb, long exp) {
    if (tenant.isEmpty()) {
      return "tenant must not be empty";
    }
    if (scopes.isEmpty()) {
      return "scopes must not be empty";
    }
    for (String s : scopes) {
      if (!Scopes.isValid(s)) {
        return "malformed scope pattern \"" + s + "\"";
      }
    }
    if (nb < 0 || exp < 0) {
      return "times must be >= 0";
    }
    if (nb > exp) {
      return "not_before_ms " + nb + " > expires_at_ms " + exp;
    }
    return null;
  }

  /** Whether this is a root writ (no parent). */
  public boolean isRoot() {
    return parent.isEmpty();
  }

  /** The JSON form: exactly the members of M2, {@code parent} omitted for a root (E1.4). */
  public Json toJson() {
    Map<String, Json> m = new LinkedHashMap<>();
    m.put("issuer", Json.string(issuer));
    m.put("issuer_key", issuerKey.toJson());
    m.put("subject", Json.string(subject));
    m.put("subject_key", subjectKey.toJson());
    parent.ifPresent(p -> m.put("parent", p.toJson()));
    m.put("tenant", Json.string(tenant));
    m.put("scopes", Json.array(scopes.stream().map(Json::string).toList()));
    m.put("budget", budget.toJson());
    m.put("effect_ceiling", effectCeiling.toJson());
    m.put("not_before_ms", Json.integer(notBeforeMs));
    m.put("expires_at_ms", Json.integer(expiresAtMs));
    m.put("delegation", delegation.toJson());
    m.put("nonce", nonce.toJson());
    return Json.object(m);
  }

  /**
   * Reads the JSON form strictly (E1.5) and checks the invariants of M2.
   *
   * @throws ProtocolViolation naming the offending member's JSON pointer
   */
  public static WritBody fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    String issuer = o.string("issuer");
    PublicKey issuerKey = o.read("issuer_key", PublicKey::fromJson);
    String subject = o.string("subject");
    PublicKey subjectKey = o.read("subject_key", PublicKey::fromJson);
    Optional<Hash32> parent = Members.optHash32(o, "parent");
    String tenant = o.string("tenant");
    if (tenant.isEmpty()) {
      throw new ProtocolViolation("M2", o.pointer("tenant"), "tenant must not be empty");
    }
    JsonArray scopeArray = o.array("scopes");
    if (scopeArray.size() == 0) {
      throw new ProtocolViolation("M2", o.pointer("scopes"), "scopes must not be empty");
    }
    List<String> scopes = new ArrayList<>(scopeArray.size());
    for (int i = 0; i < scopeArray.size(); i++) {
      String at = StrictObject.child(o.pointer("scopes"), i);
      String s = StrictObject.asString(scopeArray.get(i), at);
      if (!Scopes.isValid(s)) {
        throw new ProtocolViolation("M2", at, "malformed scope pattern \"" + s
            + "\": expected a tool name or a prefix ending in one '*'");
      }
      scopes.add(s);
    }
    Budget budget = o.read("budget", Budget::fromJson);
    Ceiling ceiling = o.read("effect_ceiling", Ceiling::fromJson);
    long nb = o.nonNegative("not_before_ms");
    long exp = o.nonNegative("expires_at_ms");
    if (nb > exp) {
      throw new ProtocolViolation("M2", o.pointer("not_before_ms"),
          "validity window inverted: not_before_ms " + nb + " > expires_at_ms " + exp);
    }
    DelegationLimits delegation = o.read("delegation", DelegationLimits::fromJson);
    Nonce nonce = o.read("nonce", Nonce::fromJson);
    o.end();
    return new WritBody(issuer, issuerKey, subject, subjectKey, parent, tenant, scopes, budget,
        ceiling, nb, exp, delegation, nonce);
  }
}
