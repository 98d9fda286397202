package thymos.api.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * Why a router picked a provider for a submission (X9.1). Recorded in outcome entries, never read
 * for authority, budget or policy.
 *
 * @param decisionHash the router's opaque decision id (a non-empty string the router chooses)
 * @param selected the selected provider/model, non-empty, e.g. {@code openai:gpt-x}
 * @param alternatives the candidates considered and not selected
 * @param confidenceBps confidence in basis points, 0..10,000 (E4.2)
 * @param reasonCodes machine-readable reason codes
 * @param latencyEstimateMs the estimated latency
 * @param costEstimateMillicents the estimated cost in USD millicents
 * @param fallback the fallback taken, if any
 */
public record RoutingEvidence(
    String decisionHash,
    String selected,
    List<String> alternatives,
    long confidenceBps,
    List<String> reasonCodes,
    long latencyEstimateMs,
    long costEstimateMillicents,
    Optional<Fallback> fallback) {

  /** The largest confidence, 100% in basis points. */
  public static final long MAX_BPS = 10_000;

  /**
   * Validates the evidence (X9.1).
   *
   * @throws IllegalArgumentException naming the field: an empty {@code decision_hash} or {@code
   *     selected}, a {@code confidence_bps} outside 0..10,000, a negative estimate
   */
  public RoutingEvidence {
    Objects.requireNonNull(decisionHash, "decision_hash");
    Objects.requireNonNull(selected, "selected");
    Members.requireNonEmpty(decisionHash, "decision_hash");
    Members.requireNonEmpty(selected, "selected");
    alternatives = List.copyOf(alternatives);
    reasonCodes = List.copyOf(reasonCodes);
    if (confidenceBps < 0 || confidenceBps > MAX_BPS) {
      throw new IllegalArgumentException("confidence_bps must be in 0..10000: " + confidenceBps);
    }
    Members.requireNonNegative(latencyEstimateMs, "latency_estimate_ms");
    Members.requireNonNegative(costEstimateMillicents, "cost_estimate_millicents");
    Objects.requireNonNull(fallback, "fallback");
  }

  /**
   * A fallback the router took.
   *
   * @param provider the provider fallen back to, non-empty
   * @param model the model, if the router named one
   * @param reason why
   */
  public record Fallback(String provider, Optional<String> model, String reason) {
    /** @throws IllegalArgumentException for an empty {@code provider} */
    public Fallback {
      Objects.requireNonNull(provider, "provider");
      Members.requireNonEmpty(provider, "fallback.provider");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(reason, "reason");
    }

    /** The JSON form {@code {provider, model?, reason}}. */
    public JsonObject toJson() {
      return Members.create().put("provider", provider).opt("model", model, Json::string)
          .put("reason", reason).build();
    }

    /** Reads the JSON form strictly (E1.5). */
    public static Fallback fromJson(Json json, String pointer) {
      StrictObject o = StrictObject.of(json, pointer);
      Fallback f = new Fallback(Members.nonEmpty(o.string("provider"), o.pointer("provider"),
          "X9.1"), o.optString("model"), o.string("reason"));
      o.end();
      return f;
    }
  }

  /** The JSON form: exactly the members of X9.1. */
  public JsonObject toJson() {
    return Members.create()
        .put("decision_hash", decisionHash)
        .put("selected", selected)
        .list("alternatives", alternatives, Json::string)
        .put("confidence_bps", confidenceBps)
        .list("reason_codes", reasonCodes, Json::string)
        .put("latency_estimate_ms", latencyEstimateMs)
        .put("cost_estimate_millicents", costEstimateMillicents)
        .opt("fallback", fallback, Fallback::toJson)
        .build();
  }

  /**
   * Reads the JSON form strictly (E1.5).
   *
   * @throws ProtocolViolation naming the offending member; an empty {@code decision_hash}, {@code
   *     selected} or {@code fallback.provider} and a confidence above 10,000 are X9.1
   */
  public static RoutingEvidence fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    String decisionHash = Members.nonEmpty(o.string("decision_hash"), o.pointer("decision_hash"),
        "X9.1");
    String selected = Members.nonEmpty(o.string("selected"), o.pointer("selected"), "X9.1");
    List<String> alternatives = Members.readList(o, "alternatives", StrictObject::asString);
    long confidence = o.nonNegative("confidence_bps");
    if (confidence > MAX_BPS) {
      throw new ProtocolViolation("X9.1", o.pointer("confidence_bps"),
          "confidence_bps must be in 0..10000, found " + confidence);
    }
    RoutingEvidence r = new RoutingEvidence(decisionHash, selected, alternatives, confidence,
        Members.readList(o, "reason_codes", StrictObject::asString),
        o.nonNegative("latency_estimate_ms"), o.nonNegative("cost_estimate_millicents"),
        o.optRead("fallback", Fallback::fromJson));
    o.end();
    return r;
  }
}
