package thymos.api.spi;

import java.util.Optional;

/**
 * A cognition provider (X10.1): given what it may know, it proposes intents, reports its usage
 * and eventually gives a final answer. It has no handle to the ledger, the tools or any key; the
 * kernel compiles every intent it proposes. Real model adapters are plugins behind this SPI;
 * {@code ScriptedCognition} in the kernel replays a JSON script (X10.3).
 */
@FunctionalInterface
public interface Cognition {

  /**
   * One step of the agent loop (X10.1).
   *
   * @param context the task, a read-only world view, the reachable tools and the outcomes of the
   *     previous step's intents
   * @return the intents to submit, the step's usage and an optional final answer
   */
  CognitionStep step(CognitionContext context);

  /**
   * Cognition for a child trajectory started by a {@code delegate} intent this cognition proposed
   * (09 §D1): the agent loop runs the child with it and then closes the child (D2). Empty (the
   * default) leaves the child open for the caller to run and close.
   *
   * @param task the {@code task} of the delegate intent
   * @return the child's cognition, if this cognition has one for the task
   */
  default Optional<Cognition> child(String task) {
    return Optional.empty();
  }
}
