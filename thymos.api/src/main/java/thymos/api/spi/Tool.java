package thymos.api.spi;

import thymos.api.crypto.Hash32;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.CommitPayload;
import thymos.api.model.World;

/**
 * A tool (T1.1): a descriptor and the operations the kernel calls.
 *
 * <p>Order of calls: {@link #estimate} and {@link #preconditions} while compiling (C2 stages 13 and
 * 14, pure: no I/O, no clock); {@link #execute} once a proposal is staged or approved (X2, X5);
 * {@link #postconditions} after it; {@link #compensate} and {@link #reconcile} on request (X6,
 * X5.2). Arguments are always valid against {@link ToolDescriptor#inputSchema()}. A tool sees
 * only what it is given (T1.3). Expected errors are {@link ToolFailure} values (T1.4); an
 * exception thrown from any operation is recorded as a {@code tool_error} failure.
 */
public interface Tool {

  /** What the tool declares about itself (T1.1); the same value on every call. */
  ToolDescriptor descriptor();

  /**
   * The expected cost of one call with {@code args} (C2 stage 13, X7.1); pure.
   *
   * @return the estimate, usually one tool call
   */
  Budget estimate(JsonObject args);

  /**
   * Whether the call may run against {@code world} (C2 stage 14); pure. Default: holds.
   */
  default ConditionCheck preconditions(JsonObject args, World world) {
    return ConditionCheck.HOLDS;
  }

  /**
   * Performs the call (X2 step 5).
   *
   * @return the output and delta, or a typed failure (T1.4)
   */
  ToolOutcome execute(ToolContext context);

  /**
   * Whether the result is acceptable given the world before the call; a failed check is recorded
   * as {@code postcondition_failed} and nothing is committed (X2). Default: holds.
   */
  default ConditionCheck postconditions(JsonObject args, ToolResult result, World world) {
    return ConditionCheck.HOLDS;
  }

  /**
   * Undoes {@code commit} (X6.1): the delta and output of the compensation, or a failure.
   * Default: {@link ToolFailure.Kind#NOT_COMPENSABLE}; a tool whose descriptor says
   * {@code compensable} overrides this.
   */
  default ToolOutcome compensate(CommitPayload commit, World world) {
    return new ToolFailure(ToolFailure.Kind.NOT_COMPENSABLE,
        descriptor().name() + " cannot compensate its commits");
  }

  /**
   * Finds out whether the call with {@code idempotencyKey} (the intent id) took effect, for an
   * intent left in doubt (X5.2). Default: {@link Reconciliation#UNKNOWN}.
   */
  default Reconciliation reconcile(Hash32 idempotencyKey) {
    return Reconciliation.UNKNOWN;
  }
}
