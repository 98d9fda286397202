package thymos.api.spi;

import java.util.Objects;
import java.util.Optional;
import thymos.api.json.JsonObject;
import thymos.api.model.Decision;

/**
 * A policy (P1): a pure function from a {@link PolicyContext} to a {@link Decision}.
 *
 * <p>Contract for implementers:
 *
 * <ul>
 *   <li>{@link #evaluate} depends only on its argument and the policy's own content: no I/O, no
 *       clock, no randomness, no mutable shared state (I6). The same context gives the same
 *       decision on every node and at replay.
 *   <li>{@link #content()} describes the policy completely, so that two policies with equal
 *       content decide alike; its id {@code id("policy", content)} enters the policy-set hash (P4).
 *       For a built-in it is {@code {name, version, params}}; for a bundle, the bundle (P6). It
 *       must not change over the policy's lifetime.
 *   <li>{@link #evaluate} may throw; the engine turns any exception into a {@code deny} (P2) — but
 *       a policy should return {@code deny} itself for inputs it cannot judge.
 * </ul>
 */
public interface Policy {

  /** The policy's name, recorded in the policy trace (P3), e.g. {@code tool.rate}. */
  String name();

  /** The policy's version, recorded in the policy trace (P3). */
  String version();

  /** The content document describing this policy completely (P1, P4). */
  JsonObject content();

  /**
   * Decides on one proposal-to-be (P1).
   *
   * @param context everything the policy may look at; never {@code null}
   * @return the decision; never {@code null}
   */
  Decision evaluate(PolicyContext context);

  /**
   * Decides and names the deciding rule (P3). Policies made of rules (bundles, P6) override this
   * to report which rule decided; the default reports none.
   */
  default Ruling ruling(PolicyContext context) {
    return new Ruling(evaluate(context), Optional.empty());
  }

  /**
   * A decision together with the rule that produced it (P3 {@code rule?}).
   *
   * @param decision the decision
   * @param rule the deciding rule of a bundle, if any
   */
  record Ruling(Decision decision, Optional<String> rule) {
    /**
     * Checks for {@code null}; the message of a missing decision reads well in the engine's
     * {@code policy error: <policy>: returned no decision}.
     */
    public Ruling {
      Objects.requireNonNull(decision, "returned no decision");
      Objects.requireNonNull(rule, "rule");
    }
  }
}
