package thymos.api.model;

import java.util.Objects;

/**
 * The outcome of applying a delta to a {@link World} (M5.1): the new world, or the conflict that
 * stopped it (then nothing took effect).
 */
public sealed interface DeltaResult permits DeltaResult.Applied, DeltaConflict {

  /**
   * The world after the delta, or throws.
   *
   * @throws thymos.api.ProtocolViolation (M5.1) naming the conflicting op
   */
  World worldOrThrow();

  /**
   * The delta applied.
   *
   * @param world the world after it
   */
  record Applied(World world) implements DeltaResult {
    /** Checks for {@code null}. */
    public Applied {
      Objects.requireNonNull(world, "world");
    }

    @Override
    public World worldOrThrow() {
      return world;
    }
  }
}
