package thymos.kernel.compiler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.RejectionReason;
import thymos.kernel.authority.Rejection;
import thymos.kernel.registry.SchemaError;

/** Builds the rejection values of C2 (C2.3): a {@code kind}, a human message, a detail object. */
final class Rejections {

  private Rejections() {}

  static RejectionReason of(String kind, String message, Map<String, ? extends Json> detail) {
    return new RejectionReason(kind, message, Json.object(detail));
  }

  static Map<String, Json> detail(String... keyValues) {
    Map<String, Json> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], Json.string(keyValues[i + 1]));
    }
    return m;
  }

  /** Stages 4–8: the authority rejection's own reason kind, naming the writ, rule and field. */
  static RejectionReason authority(Rejection r) {
    Map<String, Json> d = detail("writ_id", r.writId().hex(), "rule", r.rule());
    r.delegationRule().ifPresent(rule -> d.put("delegation_rule", Json.string(rule.name())));
    if (!r.field().isEmpty()) {
      d.put("field", Json.string(r.field()));
    }
    if (!r.expected().isEmpty()) {
      d.put("expected", Json.string(r.expected()));
    }
    if (!r.actual().isEmpty()) {
      d.put("actual", Json.string(r.actual()));
    }
    return of(r.reason().wire(), r.detail(), d);
  }

  /** Stage 12: every schema error; the first one's pointer and keyword at the top level. */
  static RejectionReason invalidArgs(String tool, List<SchemaError> errors) {
    SchemaError first = errors.get(0);
    Map<String, Json> d = detail("tool", tool, "pointer", first.pointer(),
        "keyword", first.keyword());
    List<Json> all = new ArrayList<>(errors.size());
    for (SchemaError e : errors) {
      all.add(Json.object(detail("pointer", e.pointer(), "keyword", e.keyword(),
          "message", e.message())));
    }
    d.put("errors", Json.array(all));
    return of("invalid_args", "arguments of " + tool + " do not validate: " + first, d);
  }

  /**
   * Stage 13: names every exceeded dimension with need/have, e.g. {@code tool_calls 4 > 3}
   * (M7).
   */
  static RejectionReason budgetExhausted(List<String> exceeded, Budget need, Budget have) {
    List<String> parts = new ArrayList<>(exceeded.size());
    Map<String, Json> dims = new LinkedHashMap<>();
    for (String dim : exceeded) {
      int i = Budget.DIMENSIONS.indexOf(dim);
      parts.add(dim + " " + need.get(i) + " > " + have.get(i));
      dims.put(dim, Json.object(Map.of("need", Json.integer(need.get(i)),
          "have", Json.integer(have.get(i)))));
    }
    return of("budget_exhausted", "budget exhausted: " + String.join(", ", parts),
        Map.of("exceeded", Json.object(dims), "need", need.toJson(), "have", have.toJson()));
  }
}
