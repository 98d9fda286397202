package thymos.api.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * The record of a policy evaluation (P3): every policy evaluated, in order, up to and including
 * the deciding one, plus the gates of C2.2, and the overall decision.
 *
 * @param policySet the policy-set hash (P4)
 * @param evaluated the evaluations, in engine order
 * @param decision the overall decision
 */
public record PolicyTrace(Hash32 policySet, List<Evaluation> evaluated, Decision decision) {

  /** Copies the list; checks for {@code null}. */
  public PolicyTrace {
    Objects.requireNonNull(policySet, "policy_set");
    evaluated = List.copyOf(evaluated);
    Objects.requireNonNull(decision, "decision");
  }

  /**
   * One evaluated policy or gate (P3).
   *
   * @param policy the policy name
   * @param version the policy version
   * @param rule the deciding rule of a bundle, if any
   * @param decision what it decided
   */
  public record Evaluation(String policy, String version, Optional<String> rule,
      Decision decision) {

    /** Checks for {@code null}. */
    public Evaluation {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(decision, "decision");
    }

    /** The JSON form {@code {policy, version, rule?, decision}}. */
    public JsonObject toJson() {
      return Members.create().put("policy", policy).put("version", version)
          .opt("rule", rule, Json::string).put("decision", decision.toJson()).build();
    }

    /** Reads the JSON form strictly (E1.5). */
    public static Evaluation fromJson(Json json, String pointer) {
      StrictObject o = StrictObject.of(json, pointer);
      Evaluation e = new Evaluation(o.string("policy"), o.string("version"), o.optString("rule"),
          o.read("decision", Decision::fromJson));
      o.end();
      return e;
    }
  }

  /** The JSON form {@code {policy_set, evaluated, decision}}. */
  public JsonObject toJson() {
    return Members.create().put("policy_set", policySet.toJson())
        .list("evaluated", evaluated, Evaluation::toJson)
        .put("decision", decision.toJson()).build();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static PolicyTrace fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    PolicyTrace t = new PolicyTrace(Members.hash32(o, "policy_set"),
        Members.readList(o, "evaluated", Evaluation::fromJson),
        o.read("decision", Decision::fromJson));
    o.end();
    return t;
  }
}
