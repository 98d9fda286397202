package thymos.tools.internal;

import thymos.api.model.Budget;
import thymos.api.json.JsonObject;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolDescriptor;

/**
 * A built-in tool (T2) whose descriptor is fixed when it is made and whose every call is estimated
 * as one tool call (C2 stage 13, X7.1). Public for the module's other tool packages ({@code exec},
 * {@code http}); this package is not exported.
 */
public abstract class OneCallTool implements Tool {

  /** {@code Tool.estimate} of every built-in: one tool call (X7.1). */
  public static final Budget ONE_CALL = new Budget(0, 1, 0, 0);

  private final ToolDescriptor descriptor;

  /** @param descriptor what the tool declares about itself (T1.1) */
  protected OneCallTool(ToolDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  @Override
  public final ToolDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Budget estimate(JsonObject args) {
    return ONE_CALL;
  }
}
