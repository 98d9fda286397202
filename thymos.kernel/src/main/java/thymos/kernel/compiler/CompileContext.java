package thymos.kernel.compiler;

import java.util.Objects;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.model.Budget;
import thymos.api.model.RiskClass;
import thymos.api.model.World;
import thymos.api.spi.TrajectoryStats;
import thymos.kernel.policy.PolicyEngine;
import thymos.kernel.registry.ToolRegistry;

/**
 * Everything besides the intent that compiling reads (C1, I6): the compiler is a pure function of
 * these values, so the same context and intent always compile to the same result.
 *
 * @param trajectoryId the run the intent must be for (C2 stage 1)
 * @param boundWritId the writ the trajectory is bound to (C2 stage 3, L3.2)
 * @param authority registered writs, revocations and trust anchors (C2 stages 3–8, W4); use
 *     a snapshot so it cannot change while compiling
 * @param registry the tool registry (C2 stages 10–12)
 * @param world the world the preconditions and policies read (C2 stages 14–15)
 * @param policies the policy engine (C2 stage 15, P2)
 * @param spent what the trajectory has spent so far (M7, X7)
 * @param reserved the budget handed to delegated children (M7)
 * @param stats trajectory statistics for policies (P1)
 * @param nowMs the clock reading checked against every writ's window (C2 stage 8)
 * @param irreversibleGate whether the irreversible gate is enabled (C2 stage 16)
 * @param riskThreshold the risk gate threshold, empty when the gate is off (C2 stage 17)
 */
public record CompileContext(
    Hash32 trajectoryId,
    Hash32 boundWritId,
    ChainSource authority,
    ToolRegistry registry,
    World world,
    PolicyEngine policies,
    Budget spent,
    Budget reserved,
    TrajectoryStats stats,
    long nowMs,
    boolean irreversibleGate,
    Optional<RiskClass> riskThreshold) {

  /** Checks for {@code null}. */
  public CompileContext {
    Objects.requireNonNull(trajectoryId, "trajectoryId");
    Objects.requireNonNull(boundWritId, "boundWritId");
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(world, "world");
    Objects.requireNonNull(policies, "policies");
    Objects.requireNonNull(spent, "spent");
    Objects.requireNonNull(reserved, "reserved");
    Objects.requireNonNull(stats, "stats");
    Objects.requireNonNull(riskThreshold, "riskThreshold");
  }

  /** This context with another clock reading, e.g. for the re-check before execution (X3.5). */
  public CompileContext at(long newNowMs) {
    return new CompileContext(trajectoryId, boundWritId, authority, registry, world, policies,
        spent, reserved, stats, newNowMs, irreversibleGate, riskThreshold);
  }
}
