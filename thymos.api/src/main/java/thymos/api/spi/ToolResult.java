package thymos.api.spi;

import java.util.Objects;
import java.util.Optional;
import thymos.api.json.Json;
import thymos.api.model.Budget;
import thymos.api.model.Delta;

/**
 * A successful tool execution or compensation (T1.1, X6.1): the output the observation records,
 * the delta to apply to the world, and optionally the cost the tool measured (X7.1; when absent
 * the kernel uses one tool call and the measured wall clock).
 *
 * @param output free-form output (any I-JSON value), redacted before it is recorded (X8)
 * @param delta what changed in the world, as resource operations (M5)
 * @param cost the cost the tool reports, if any
 */
public record ToolResult(Json output, Delta delta, Optional<Budget> cost) implements ToolOutcome {

  /** Checks for {@code null}. */
  public ToolResult {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(delta, "delta");
    Objects.requireNonNull(cost, "cost");
  }

  /** A result without a reported cost. */
  public static ToolResult of(Json output, Delta delta) {
    return new ToolResult(output, delta, Optional.empty());
  }
}
