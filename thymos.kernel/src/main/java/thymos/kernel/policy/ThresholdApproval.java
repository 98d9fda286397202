package thymos.kernel.policy;

import java.util.Map;
import java.util.Optional;
import thymos.api.json.Json;
import thymos.api.json.JsonNumber;
import thymos.api.json.StrictObject;
import thymos.api.model.Decision;
import thymos.api.spi.PolicyContext;

/**
 * Built-in {@code threshold.approval {tool, field, max, channel, quorum}} (P5): a proposal of
 * {@code tool} whose integer argument at {@code field} is above {@code max} requires {@code
 * quorum} approvals on {@code channel}; equal to {@code max} passes.
 *
 * <p>{@code field} is a dot path into the args ({@code payment.amount}). An absent value is
 * permitted (there is nothing above the threshold; the tool's schema decides whether the argument
 * is required). A value present but not an integer (E1.3: {@code 2.0} is the integer 2) cannot be
 * compared and is denied — fail closed. Other tools are permitted.
 *
 * @param tool the tool name (a literal), matched against the resolved tool
 * @param field the dot path into args
 * @param max the largest value passing without approval, within ±(2^53−1)
 * @param channel the approval channel
 * @param quorum the approvals required, ≥ 1
 */
public record ThresholdApproval(String tool, String field, long max, String channel, long quorum)
    implements BuiltinPolicy {

  /** The policy name. */
  public static final String NAME = "threshold.approval";

  /** @throws IllegalArgumentException for a malformed parameter */
  public ThresholdApproval {
    Params.toolName(tool);
    Params.dotPath(field);
    Params.integer("max", max, -JsonNumber.MAX_SAFE_INTEGER);
    Params.nonEmpty("channel", channel);
    Params.integer("quorum", quorum, 1);
  }

  static ThresholdApproval fromParams(StrictObject p) {
    ThresholdApproval t = new ThresholdApproval(p.string("tool"), p.string("field"),
        p.integer("max"), p.string("channel"), p.nonNegative("quorum"));
    p.end();
    return t;
  }

  @Override
  public String name() {
    return NAME;
  }


  /** The params of {@code {name:"threshold.approval", version, params:{tool, field, max, channel, quorum}}}. */
  @Override
  public Map<String, Json> params() {
    return Map.of("tool", Json.string(tool), "field", Json.string(field),
        "max", Json.integer(max), "channel", Json.string(channel),
        "quorum", Json.integer(quorum));
  }

  @Override
  public Decision evaluate(PolicyContext context) {
    if (!context.proposal().tool().equals(tool)) {
      return Decision.Permit.INSTANCE;
    }
    Optional<Json> value = Params.at(context.proposal().args(), field);
    if (value.isEmpty()) {
      return Decision.Permit.INSTANCE;
    }
    if (!(value.get() instanceof JsonNumber n) || !n.isSafeInteger()) {
      return new Decision.Deny(NAME + ": args." + field + " must be an integer, found "
          + value.get().typeName() + (value.get() instanceof JsonNumber ? " with a fraction" : ""));
    }
    long v = n.longValueExact();
    if (v > max) {
      return new Decision.RequireApproval(channel,
          NAME + ": args." + field + " = " + v + " exceeds " + max, Optional.of(quorum));
    }
    return Decision.Permit.INSTANCE;
  }
}
