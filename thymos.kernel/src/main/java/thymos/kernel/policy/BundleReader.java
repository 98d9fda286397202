package thymos.kernel.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;
import thymos.api.model.Decision;

/**
 * Reads a bundle document strictly and fails closed (P6.5): every error is a {@link
 * ProtocolViolation} with a {@code THY-P6xx} code naming the JSON pointer of the offending value.
 * Shape errors found by the strict reader (E1.5: unknown or missing member, wrong type) are
 * reported as {@code THY-P605} at the same pointer.
 */
final class BundleReader {

  private static final int MAX_DEPTH = 64;

  private static final Pattern PREFIX = Pattern.compile("^\\[THY-[A-Z0-9]+] at [^:]*: ");

  private BundleReader() {}

  /** The bundle at {@code pointer} of its document. */
  static PolicyBundle read(Json json, String pointer) {
    try {
      return bundle(json, pointer);
    } catch (ProtocolViolation e) {
      throw asLoadError(e);
    }
  }

  /** {@code e} as a P6 load error at the same pointer; a P6 error unchanged. */
  static ProtocolViolation asLoadError(ProtocolViolation e) {
    if (e.rule().orElse("").startsWith("P6")) {
      return e;
    }
    Matcher m = PREFIX.matcher(e.getMessage());
    String detail = m.find() ? e.getMessage().substring(m.end()) : e.getMessage();
    return new ProtocolViolation("P6.5", e.pointer(), detail + " (" + e.code() + ")", e);
  }

  private static PolicyBundle bundle(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    String name = nonEmpty(o, "name");
    String version = nonEmpty(o, "version");
    String fallback = o.string("default");
    Decision defaultDecision = switch (fallback) {
      case "permit" -> Decision.Permit.INSTANCE;
      case "deny" -> new Decision.Deny(name + ": no rule matched (default deny)");
      default -> throw new ProtocolViolation("P6.4", o.pointer("default"),
          "default is \"permit\" or \"deny\", found \"" + fallback + "\"");
    };
    JsonArray array = o.array("rules");
    List<PolicyBundle.Rule> rules = new ArrayList<>(array.size());
    Set<String> names = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String at = StrictObject.child(o.pointer("rules"), i);
      StrictObject r = StrictObject.of(array.get(i), at);
      String ruleName = nonEmpty(r, "name");
      if (!names.add(ruleName)) {
        throw new ProtocolViolation("P6.5", r.pointer("name"), "duplicate rule name \""
            + ruleName + "\" (the trace names the deciding rule, P3)");
      }
      Condition when = condition(r.value("when"), r.pointer("when"), 0);
      Decision decision = r.read("decision", Decision::fromJson);
      r.end();
      rules.add(new PolicyBundle.Rule(ruleName, when, decision));
    }
    o.end();
    return new PolicyBundle(name, version, defaultDecision, rules, (JsonObject) json);
  }

  private static String nonEmpty(StrictObject o, String member) {
    String s = o.string(member);
    if (s.isEmpty()) {
      throw new ProtocolViolation("P6.5", o.pointer(member), member + " must not be empty");
    }
    return s;
  }

  private static Condition condition(Json json, String pointer, int depth) {
    if (depth > MAX_DEPTH) { // parsed text cannot be this deep (E1.6), a built document can
      throw new ProtocolViolation("P6.1", pointer, "conditions nest at most " + MAX_DEPTH
          + " levels deep");
    }
    StrictObject o = StrictObject.of(json, pointer);
    Condition c;
    if (o.has("all")) {
      c = new Condition.All(list(o.array("all"), o.pointer("all"), depth));
    } else if (o.has("any")) {
      c = new Condition.Any(list(o.array("any"), o.pointer("any"), depth));
    } else if (o.has("not")) {
      c = new Condition.Not(condition(o.value("not"), o.pointer("not"), depth + 1));
    } else if (o.has("field") || o.has("op") || o.has("value")) {
      Field field = Field.parse(o.string("field"), o.pointer("field"));
      Op op = Op.parse(o.string("op"), o.pointer("op"));
      Json value = o.value("value");
      op.checkLiteral(value, field, o.pointer("value"));
      c = new Condition.Leaf(field, op, value);
    } else {
      throw new ProtocolViolation("P6.1", pointer, "a condition is {\"all\":[…]}, {\"any\":[…]},"
          + " {\"not\":c} or a leaf {\"field\",\"op\",\"value\"}; found members "
          + o.json().members().keySet());
    }
    o.end(); // e.g. {"all":[], "any":[]} or a leaf with an extra member
    return c;
  }

  private static List<Condition> list(JsonArray array, String pointer, int depth) {
    List<Condition> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(condition(array.get(i), StrictObject.child(pointer, i), depth + 1));
    }
    return out;
  }
}
