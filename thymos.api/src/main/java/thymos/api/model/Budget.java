package thymos.api.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import thymos.api.json.Json;
import thymos.api.json.JsonNumber;
import thymos.api.json.StrictObject;

/**
 * A budget, and a cost, which has the same shape (M2, M7): tokens, tool calls, wall-clock
 * milliseconds and USD millicents, all integers ≥ 0. Sums saturate at 2^53−1.
 *
 * @param tokens model or tool tokens
 * @param toolCalls tool invocations
 * @param wallClockMs wall-clock milliseconds
 * @param usdMillicents money, 1 USD = 100,000 millicents (E4.2)
 */
public record Budget(long tokens, long toolCalls, long wallClockMs, long usdMillicents) {

  /** The zero budget (and zero cost). */
  public static final Budget ZERO = new Budget(0, 0, 0, 0);

  /** The names of the four dimensions, in JSON form and in this record's order. */
  public static final List<String> DIMENSIONS =
      List.of("tokens", "tool_calls", "wall_clock_ms", "usd_millicents");

  /**
   * @throws IllegalArgumentException if a field is negative or above 2^53−1
   */
  public Budget {
    check("tokens", tokens);
    check("tool_calls", toolCalls);
    check("wall_clock_ms", wallClockMs);
    check("usd_millicents", usdMillicents);
  }

  private static void check(String name, long v) {
    if (v < 0 || v > JsonNumber.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException(name + " must be in [0, 2^53-1]: " + v);
    }
  }

  /** The value of a dimension by its index in {@link #DIMENSIONS}. */
  public long get(int dimension) {
    return switch (dimension) {
      case 0 -> tokens;
      case 1 -> toolCalls;
      case 2 -> wallClockMs;
      case 3 -> usdMillicents;
      default -> throw new IndexOutOfBoundsException(dimension);
    };
  }

  /** Field-wise sum, saturating at 2^53−1 (M7). */
  public Budget plus(Budget other) {
    return new Budget(sat(tokens + other.tokens), sat(toolCalls + other.toolCalls),
        sat(wallClockMs + other.wallClockMs), sat(usdMillicents + other.usdMillicents));
  }

  /** Field-wise difference, floored at 0 (remaining budget never goes negative). */
  public Budget minus(Budget other) {
    return new Budget(Math.max(0, tokens - other.tokens), Math.max(0, toolCalls - other.toolCalls),
        Math.max(0, wallClockMs - other.wallClockMs),
        Math.max(0, usdMillicents - other.usdMillicents));
  }

  /** Whether every field is ≤ the same field of {@code limit} (equality fits, M7). */
  public boolean fitsWithin(Budget limit) {
    return exceeded(limit).isEmpty();
  }

  /** The names of the dimensions where this exceeds {@code limit}, in {@link #DIMENSIONS} order. */
  public List<String> exceeded(Budget limit) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < DIMENSIONS.size(); i++) {
      if (get(i) > limit.get(i)) {
        out.add(DIMENSIONS.get(i));
      }
    }
    return out;
  }

  private static long sat(long v) {
    return Math.min(v, JsonNumber.MAX_SAFE_INTEGER);
  }

  /** The JSON form {@code {tokens, tool_calls, wall_clock_ms, usd_millicents}}. */
  public Json toJson() {
    Map<String, Json> m = new LinkedHashMap<>();
    for (int i = 0; i < DIMENSIONS.size(); i++) {
      m.put(DIMENSIONS.get(i), Json.integer(get(i)));
    }
    return Json.object(m);
  }

  /** Reads the JSON form strictly (E1.5). */
  public static Budget fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    Budget b = new Budget(o.nonNegative("tokens"), o.nonNegative("tool_calls"),
        o.nonNegative("wall_clock_ms"), o.nonNegative("usd_millicents"));
    o.end();
    return b;
  }
}
