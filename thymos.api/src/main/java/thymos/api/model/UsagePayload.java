package thymos.api.model;

import java.util.Objects;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * The payload of a {@code usage} entry (L4, X7.2): one cognition step's model spend.
 *
 * @param provider the cognition provider
 * @param model the model
 * @param step the agent-loop step this usage belongs to, counted from 0 within the run
 * @param inputTokens tokens sent
 * @param outputTokens tokens received
 * @param usdMillicents cost in USD millicents
 */
public record UsagePayload(String provider, String model, long step, long inputTokens,
    long outputTokens, long usdMillicents) implements Payload {

  /** @throws IllegalArgumentException for a negative number */
  public UsagePayload {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Members.requireNonNegative(step, "step");
    Members.requireNonNegative(inputTokens, "input_tokens");
    Members.requireNonNegative(outputTokens, "output_tokens");
    Members.requireNonNegative(usdMillicents, "usd_millicents");
  }

  /** The cost debited for this usage (X7.2): tokens in + out, and the money; no tool call. */
  public Budget asCost() {
    return new Budget(Math.min(inputTokens + outputTokens,
        thymos.api.json.JsonNumber.MAX_SAFE_INTEGER), 0, 0, usdMillicents);
  }

  @Override
  public EntryKind kind() {
    return EntryKind.USAGE;
  }

  @Override
  public JsonObject toJson() {
    return Members.create().put("provider", provider).put("model", model).put("step", step)
        .put("input_tokens", inputTokens).put("output_tokens", outputTokens)
        .put("usd_millicents", usdMillicents).build();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static UsagePayload fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    UsagePayload p = new UsagePayload(o.string("provider"), o.string("model"),
        o.nonNegative("step"), o.nonNegative("input_tokens"), o.nonNegative("output_tokens"),
        o.nonNegative("usd_millicents"));
    o.end();
    return p;
  }
}
