package thymos.kernel.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.StrictObject;
import thymos.api.model.DelegationPayload;
import thymos.api.model.Entry;
import thymos.api.model.RejectionReason;
import thymos.api.model.RootPayload;
import thymos.api.model.Scopes;
import thymos.api.model.WritBody;
import thymos.kernel.replay.DelegationDag;
import thymos.ledger.spi.StoredEntry;

/**
 * Built-in coordination policies that see the delegation DAG (09 §D5), run when a {@code
 * delegate} intent compiles (after the compiler staged it, before the child writ is minted). Each
 * limit is optional; a breach is a {@code policy_denied} rejection naming the policy ({@code
 * coordination.max_depth}, {@code coordination.max_fan_out}, {@code
 * coordination.max_open_children}, {@code coordination.disjoint_writes}).
 *
 * @param maxDepth the deepest a child may sit below the top trajectory (the top has depth 0)
 * @param maxFanOut the most delegations one trajectory may make
 * @param maxOpenChildren the most children of one trajectory without a {@code delegation_result}
 * @param disjointWrites whether two children of one trajectory that both hold {@code write} may
 *     not have overlapping scopes (tool partitioning between siblings)
 */
public record Coordination(Optional<Integer> maxDepth, Optional<Integer> maxFanOut,
    Optional<Integer> maxOpenChildren, boolean disjointWrites) {

  /** No limits. */
  public static final Coordination NONE =
      new Coordination(Optional.empty(), Optional.empty(), Optional.empty(), false);

  /** Policy version recorded in the rejection detail. */
  public static final String VERSION = "1";

  /**
   * @throws IllegalArgumentException for a limit below 1
   */
  public Coordination {
    Objects.requireNonNull(maxDepth, "maxDepth");
    Objects.requireNonNull(maxFanOut, "maxFanOut");
    Objects.requireNonNull(maxOpenChildren, "maxOpenChildren");
    for (Optional<Integer> limit : List.of(maxDepth, maxFanOut, maxOpenChildren)) {
      if (limit.isPresent() && limit.get() < 1) {
        throw new IllegalArgumentException("coordination limits are at least 1: " + limit.get());
      }
    }
  }

  /**
   * Reads {@code {max_depth?, max_fan_out?, max_open_children?, disjoint_writes?}} strictly
   * (E1.5); the limits are integers from 1 to 2^31 − 1.
   *
   * @throws ProtocolViolation naming the JSON pointer of what is wrong
   */
  public static Coordination fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    Coordination c = new Coordination(limit(o, "max_depth"), limit(o, "max_fan_out"),
        limit(o, "max_open_children"), o.optBool("disjoint_writes").orElse(false));
    o.end();
    return c;
  }

  private static Optional<Integer> limit(StrictObject o, String name) {
    Optional<Long> v = o.optNonNegative(name);
    if (v.isPresent() && (v.get() < 1 || v.get() > Integer.MAX_VALUE)) {
      throw new ProtocolViolation("D5", o.pointer(name), "a limit from 1 to "
          + Integer.MAX_VALUE + ", found " + v.get());
    }
    return v.map(Long::intValue);
  }

  /** The JSON form {@link #fromJson} reads; unset limits are omitted. */
  public Json toJson() {
    Map<String, Json> m = new LinkedHashMap<>();
    maxDepth.ifPresent(v -> m.put("max_depth", Json.integer(v)));
    maxFanOut.ifPresent(v -> m.put("max_fan_out", Json.integer(v)));
    maxOpenChildren.ifPresent(v -> m.put("max_open_children", Json.integer(v)));
    m.put("disjoint_writes", Json.bool(disjointWrites));
    return Json.object(m);
  }

  /**
   * The first breach for a child of {@code run} with writ terms {@code child}, or empty.
   *
   * @param k the kernel (its ledger and authority)
   * @param run the delegating run
   * @param child the terms the child would get
   */
  Optional<RejectionReason> check(Kernel k, Run run, WritBody child) {
    if (maxDepth.isPresent()) {
      int depth = depthOf(k, run.trajectoryId()) + 1;
      if (depth > maxDepth.get()) {
        return deny("coordination.max_depth", "a child at depth " + depth + " exceeds "
            + maxDepth.get());
      }
    }
    if (maxFanOut.isEmpty() && maxOpenChildren.isEmpty() && !disjointWrites) {
      return Optional.empty();
    }
    // The run's own delegations, from its folded state: no DAG projection per delegate intent.
    int fanOut = run.state().delegationEntries().size();
    if (maxFanOut.isPresent() && fanOut >= maxFanOut.get()) {
      return deny("coordination.max_fan_out", "trajectory already delegated " + fanOut
          + " times (max " + maxFanOut.get() + ")");
    }
    if (maxOpenChildren.isPresent()) {
      int open = run.state().openChildren().size();
      if (open >= maxOpenChildren.get()) {
        return deny("coordination.max_open_children", open + " children are open (max "
            + maxOpenChildren.get() + ")");
      }
    }
    if (disjointWrites && child.effectCeiling().write()) {
      for (DelegationPayload e : run.delegations()) {
        Optional<WritBody> sibling = k.authority.writ(e.childWritId()).map(w -> w.body());
        if (sibling.isPresent() && sibling.get().effectCeiling().write()) {
          for (String s : child.scopes()) {
            for (String t : sibling.get().scopes()) {
              if (Scopes.covers(s, t) || Scopes.covers(t, s)) {
                return deny("coordination.disjoint_writes", "scope " + s + " overlaps " + t
                    + " of sibling " + e.childTrajectoryId().hex() + "; both hold write");
              }
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  /** How many {@code delegated_from} links lead up from {@code trajectory}. */
  private static int depthOf(Kernel k, Hash32 trajectory) {
    int depth = 0;
    Hash32 t = trajectory;
    while (depth <= DelegationDag.MAX_DEPTH) {
      Optional<Entry> first;
      try (Stream<StoredEntry> one = k.ledger.read(t, 0, 1)) {
        first = one.findFirst().map(s -> Entry.parse(s.canonicalBytes()));
      }
      if (first.isEmpty() || !(first.get().payload() instanceof RootPayload r)
          || r.delegatedFrom().isEmpty()) {
        return depth;
      }
      t = r.delegatedFrom().get().trajectoryId();
      depth++;
    }
    return depth;
  }

  private static Optional<RejectionReason> deny(String policy, String reason) {
    return Optional.of(new RejectionReason("policy_denied", "policy " + policy + " denied: "
        + reason, Json.object(Map.of("policy", Json.string(policy), "version",
            Json.string(VERSION), "reason", Json.string(reason)))));
  }
}
