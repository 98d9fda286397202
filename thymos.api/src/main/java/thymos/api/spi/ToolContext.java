package thymos.api.spi;

import java.util.Objects;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.json.JsonObject;
import thymos.api.model.World;

/**
 * Everything a tool sees when it runs (T1.3): the validated arguments, a read-only view of the
 * world, the idempotency key, a deadline, a cancellation signal and its sandbox. It never sees
 * the ledger, writs or keys.
 *
 * @param args the arguments, already validated against the input schema (C2 stage 12)
 * @param world the world at the proposal's base (immutable, M5)
 * @param idempotencyKey the intent id; the same key means the same call (X5, {@link
 *     Tool#reconcile})
 * @param deadlineMs unix milliseconds (from the runtime's {@link Clock}) after which the tool
 *     should give up with {@link ToolFailure.Kind#TIMEOUT}
 * @param cancellation raised when the runtime wants the call abandoned
 * @param sandbox the tool's sandbox, when the runtime configures one (T3; arrives later)
 */
public record ToolContext(JsonObject args, World world, Hash32 idempotencyKey, long deadlineMs,
    Cancellation cancellation, Optional<Sandbox> sandbox) {

  /** Checks for {@code null}. */
  public ToolContext {
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(world, "world");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(cancellation, "cancellation");
    Objects.requireNonNull(sandbox, "sandbox");
  }

  /** A cancellation signal (T1.3); tools poll it between steps of long work. */
  @FunctionalInterface
  public interface Cancellation {

    /** A signal that is never raised. */
    Cancellation NEVER = () -> false;

    /** Whether the call should be abandoned. */
    boolean isCancelled();
  }

  /**
   * An opaque handle on the sandbox the runtime confines file and process tools to (T1.3, T3).
   * Its operations are defined with the sandbox; until then it is a marker.
   */
  public interface Sandbox {}
}
