package thymos.kernel.policy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Decision;
import thymos.api.spi.Policy;
import thymos.api.spi.PolicyContext;

/**
 * A declarative policy bundle (P6): {@code {name, version, default, rules: [{name, when,
 * decision}…]}}, loaded at run time and evaluated without I/O, clock, randomness or floating
 * point.
 *
 * <p>The first rule whose {@code when} holds decides, a {@code permit} included (an exception
 * placed before a broader deny); no rule true gives {@code default} (P6.4). A rule that cannot be
 * evaluated makes the bundle {@code deny} with reason {@code evaluation error in rule <rule>:
 * <error>} (P6.5). The deciding rule is named in the trace (P3); {@code default} is reported
 * without a rule.
 *
 * <p>The content document is the bundle itself (P1), so {@code id("policy", bundle)} and the
 * policy-set hash (P4) change with any rule and never with member order or who signed it (E4.3).
 * Equality is by content. Immutable and thread-safe. Load signed bundles with {@link
 * PolicyBundles#load(Json, IssuerPins)}.
 */
public final class PolicyBundle implements Policy {

  /** One rule: the first whose condition holds decides (P6.4). */
  record Rule(String name, Condition when, Decision decision) {}

  private final String name;
  private final String version;
  private final Decision defaultDecision;
  private final List<Rule> rules;
  private final JsonObject content;

  PolicyBundle(String name, String version, Decision defaultDecision, List<Rule> rules,
      JsonObject content) {
    this.name = name;
    this.version = version;
    this.defaultDecision = defaultDecision;
    this.rules = List.copyOf(rules);
    this.content = content;
  }

  /**
   * Loads an unsigned bundle document (P6.5).
   *
   * @throws ProtocolViolation a load error ({@code THY-P601}…{@code THY-P605}) naming the JSON
   *     pointer: an unknown or missing member, an unknown op, field or decision kind, a literal
   *     the op or field cannot take (a fraction compared with an integer field), a duplicate rule
   */
  public static PolicyBundle parse(Json document) {
    Objects.requireNonNull(document, "document");
    return BundleReader.read(document, "");
  }

  /**
   * Parses UTF-8 JSON text strictly (E1.2) and loads it as {@link #parse(Json)}.
   *
   * @throws ProtocolViolation a load error naming the JSON pointer; malformed JSON is {@code
   *     THY-P605} too
   */
  public static PolicyBundle parse(byte[] utf8) {
    return parse(PolicyBundles.json(utf8));
  }

  /** As {@link #parse(byte[])} for decoded text. */
  public static PolicyBundle parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String version() {
    return version;
  }

  /** The bundle document as loaded (P1); its id is the policy id (P4). */
  @Override
  public JsonObject content() {
    return content;
  }

  /** {@code id("policy", bundle)} (P4). */
  public Hash32 id() {
    return PolicyEngine.policyId(content);
  }

  /** The rule names, in evaluation order. */
  public List<String> ruleNames() {
    return rules.stream().map(Rule::name).toList();
  }

  /** What the bundle decides when no rule's condition holds: permit, or deny (P6.4). */
  public Decision defaultDecision() {
    return defaultDecision;
  }

  @Override
  public Decision evaluate(PolicyContext context) {
    return ruling(context).decision();
  }

  /**
   * Evaluates the rules in order (P6.4) and names the deciding rule (P3); empty for {@code
   * default}. Never throws for rule input: an evaluation error is a {@code deny} (P6.5).
   */
  @Override
  public Ruling ruling(PolicyContext context) {
    Objects.requireNonNull(context, "context");
    for (Rule r : rules) {
      boolean holds;
      try {
        holds = r.when().test(context);
      } catch (EvaluationError e) {
        return new Ruling(new Decision.Deny("evaluation error in rule " + r.name() + ": "
            + e.getMessage()), Optional.of(r.name()));
      }
      if (holds) {
        return new Ruling(r.decision(), Optional.of(r.name()));
      }
    }
    return new Ruling(defaultDecision, Optional.empty());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyBundle b && b.content.equals(content);
  }

  @Override
  public int hashCode() {
    return content.hashCode();
  }

  @Override
  public String toString() {
    return "PolicyBundle[" + name + "@" + version + ", " + rules.size() + " rules, policy:"
        + id().hex().substring(0, 12) + "]";
  }
}
