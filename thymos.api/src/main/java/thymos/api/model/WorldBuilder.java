package thymos.api.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import thymos.api.crypto.Hash32;
import thymos.api.json.JsonObject;

/**
 * A mutable world for folding deltas (M5.3) without copying the world per delta. Not thread-safe;
 * one fold, one builder.
 *
 * <p>{@link #apply} is atomic (M5.1) in two phases: every op is validated against the current
 * state plus the pending results of earlier ops of the same delta (an op may act on a key an
 * earlier op of the delta changed), and only when all pass are the new states written. A failing
 * delta leaves the builder untouched. Cost per delta is proportional to its op count.
 */
public final class WorldBuilder {

  /** Above this many ops, same-delta lookups use a hash map instead of a backwards scan. */
  private static final int SCAN_LIMIT = 16;

  private final HashMap<ResourceKey, ResourceState> states;

  /** An empty world. */
  public WorldBuilder() {
    this.states = new HashMap<>();
  }

  WorldBuilder(Map<ResourceKey, ResourceState> from) {
    this.states = new HashMap<>(from);
  }

  /**
   * Applies {@code delta} atomically (M5.1).
   *
   * @param entryId the id of the entry whose delta this is (becomes {@code last_entry})
   * @return empty when applied; otherwise the first conflict, and nothing changed
   */
  public Optional<DeltaConflict> apply(Delta delta, Hash32 entryId) {
    List<DeltaOp> ops = delta.ops();
    ResourceState[] next = new ResourceState[ops.size()];
    Optional<DeltaConflict> conflict = validate(ops, entryId, next, states::get);
    if (conflict.isEmpty()) {
      for (int i = 0; i < next.length; i++) {
        states.put(ops.get(i).key(), next[i]);
      }
    }
    return conflict;
  }

  /**
   * As {@link #apply}, throwing on a conflict.
   *
   * @throws thymos.api.ProtocolViolation (M5.1) naming the op; the builder is unchanged
   */
  public WorldBuilder applyOrThrow(Delta delta, Hash32 entryId) {
    apply(delta, entryId).ifPresent(c -> {
      throw c.toException();
    });
    return this;
  }

  /** Checks whether {@code delta} would apply (a trial application, X2 step 5) without applying. */
  public Optional<DeltaConflict> check(Delta delta) {
    List<DeltaOp> ops = delta.ops();
    return validate(ops, Hash32.of(new byte[Hash32.LENGTH]), new ResourceState[ops.size()],
        states::get);
  }

  /**
   * Validates {@code ops} in order against {@code lookup} plus the results of earlier ops of the
   * same delta (M5.1), filling {@code next} with each op's resulting state.
   */
  static Optional<DeltaConflict> validate(List<DeltaOp> ops, Hash32 entryId,
      ResourceState[] next, Function<ResourceKey, ResourceState> lookup) {
    Map<ResourceKey, ResourceState> pending = ops.size() > SCAN_LIMIT ? new HashMap<>() : null;
    for (int i = 0; i < ops.size(); i++) {
      DeltaOp op = ops.get(i);
      ResourceKey key = op.key();
      ResourceState prior = pending != null ? pending.get(key) : scan(ops, next, i, key);
      if (prior == null) {
        prior = lookup.apply(key);
      }
      long actual = prior == null ? 0 : prior.version();
      DeltaConflict.Problem problem = switch (op) {
        case DeltaOp.Create c -> prior != null && !prior.retracted()
            ? DeltaConflict.Problem.ALREADY_EXISTS : null;
        case DeltaOp.Replace r -> updateProblem(prior, r.expectedVersion());
        case DeltaOp.Retract r -> updateProblem(prior, r.expectedVersion());
      };
      if (problem != null) {
        Optional<Long> expected = switch (op) {
          case DeltaOp.Create c -> Optional.empty();
          case DeltaOp.Replace r -> Optional.of(r.expectedVersion());
          case DeltaOp.Retract r -> Optional.of(r.expectedVersion());
        };
        return Optional.of(new DeltaConflict(i, key, op.op(), problem, expected, actual));
      }
      next[i] = switch (op) {
        case DeltaOp.Create c -> new ResourceState(actual + 1, c.value(), false, entryId);
        case DeltaOp.Replace r -> new ResourceState(actual + 1, r.value(), false, entryId);
        case DeltaOp.Retract r -> new ResourceState(actual + 1, prior.value(), true, entryId);
      };
      if (pending != null) {
        pending.put(key, next[i]);
      }
    }
    return Optional.empty();
  }

  private static DeltaConflict.Problem updateProblem(ResourceState prior, long expected) {
    if (prior == null) {
      return DeltaConflict.Problem.ABSENT;
    }
    if (prior.retracted()) {
      return DeltaConflict.Problem.RETRACTED;
    }
    return prior.version() == expected ? null : DeltaConflict.Problem.VERSION_MISMATCH;
  }

  /** The pending state of {@code key} from the latest earlier op of this delta, if any. */
  private static ResourceState scan(List<DeltaOp> ops, ResourceState[] next, int i,
      ResourceKey key) {
    for (int j = i - 1; j >= 0; j--) {
      if (ops.get(j).key().equals(key)) {
        return next[j];
      }
    }
    return null;
  }

  /** The live (not retracted) state of {@code key}, if any (M5.2). */
  public Optional<ResourceState> get(ResourceKey key) {
    ResourceState s = states.get(key);
    return s == null || s.retracted() ? Optional.empty() : Optional.of(s);
  }

  /** The state of {@code key} including a retracted one. */
  public Optional<ResourceState> stateIncludingRetracted(ResourceKey key) {
    return Optional.ofNullable(states.get(key));
  }

  /** The number of resources, retracted ones included. */
  public int size() {
    return states.size();
  }

  /** An immutable snapshot of the current state (sorts; O(n log n)). */
  public World build() {
    return World.fromSorted(new TreeMap<>(states));
  }

  /** The canonical form (R4) of the current state. */
  public JsonObject toJson() {
    return World.canonical(new TreeMap<>(states));
  }

  /** {@code id("world", canonical form)} of the current state (R4). */
  public Hash32 hash() {
    return build().hash();
  }
}
