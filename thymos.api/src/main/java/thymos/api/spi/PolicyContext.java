package thymos.api.spi;

import java.util.List;
import java.util.Objects;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.EffectClass;
import thymos.api.model.Intent;
import thymos.api.model.RiskClass;
import thymos.api.model.World;
import thymos.api.model.Writ;

/**
 * What a policy may look at (P1): the intent, the writ chain, the world, the proposal so far and
 * the trajectory's statistics. Every component is immutable, so a policy cannot change what the
 * next policy sees.
 *
 * @param intent the intent being compiled (id and body)
 * @param chain the writ chain, root first, the writ the trajectory is bound to last; non-empty
 * @param world the current world (read-only snapshot)
 * @param proposal what the compiler has resolved before the policy stage (C2 stage 15)
 * @param trajectory counts and head of the trajectory, folded from the ledger
 */
public record PolicyContext(
    Intent intent,
    List<Writ> chain,
    World world,
    ProposalDraft proposal,
    TrajectoryStats trajectory) {

  /**
   * Copies the chain; checks for {@code null}.
   *
   * @throws IllegalArgumentException if {@code chain} is empty
   */
  public PolicyContext {
    Objects.requireNonNull(intent, "intent");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a writ chain has at least one writ");
    }
    Objects.requireNonNull(world, "world");
    Objects.requireNonNull(proposal, "proposal");
    Objects.requireNonNull(trajectory, "trajectory");
  }

  /** The last writ of the chain: the one the intent is compiled against. */
  public Writ leaf() {
    return chain.get(chain.size() - 1);
  }

  /** The tenant of the leaf writ (every writ of a valid chain has the same tenant, W3). */
  public String tenant() {
    return leaf().body().tenant();
  }

  /**
   * The proposal as far as the compiler has built it when policies run (stages 1–14): the
   * policy trace and status do not exist yet.
   *
   * @param tool the resolved tool name
   * @param toolVersion the tool's registry version
   * @param effect the tool's effect class
   * @param risk the tool's risk class
   * @param args the intent's args after schema validation
   * @param estimate the tool's projected cost
   */
  public record ProposalDraft(
      String tool,
      String toolVersion,
      EffectClass effect,
      RiskClass risk,
      JsonObject args,
      Budget estimate) {

    /** Checks for {@code null}. */
    public ProposalDraft {
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(toolVersion, "tool_version");
      Objects.requireNonNull(effect, "effect");
      Objects.requireNonNull(risk, "risk");
      Objects.requireNonNull(args, "args");
      Objects.requireNonNull(estimate, "estimate");
    }
  }
}
