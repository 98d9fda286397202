package thymos.api.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import thymos.api.model.Intent;

/**
 * What one cognition step returns (X10.1): {@code {intents, usage?, final_answer?}}. A final answer
 * with no intents ends the loop as {@code done} (X10.2).
 *
 * @param intents the intents to submit, in order
 * @param usage the model usage of this step, recorded as a {@code usage} entry (X7.2)
 * @param finalAnswer the answer, when cognition considers the task finished
 */
public record CognitionStep(List<Intent> intents, Optional<Usage> usage,
    Optional<String> finalAnswer) {

  /** Copies the list; checks for {@code null}. */
  public CognitionStep {
    intents = List.copyOf(intents);
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(finalAnswer, "finalAnswer");
  }

  /** A step that only proposes intents. */
  public static CognitionStep of(List<Intent> intents) {
    return new CognitionStep(intents, Optional.empty(), Optional.empty());
  }

  /** A step that gives the final answer and proposes nothing. */
  public static CognitionStep answer(String finalAnswer) {
    return new CognitionStep(List.of(), Optional.empty(), Optional.of(finalAnswer));
  }

  /**
   * A step's model usage (X7.2), as the {@code usage} entry records it.
   *
   * @param provider the cognition provider, e.g. {@code openai}
   * @param model the model
   * @param inputTokens tokens sent
   * @param outputTokens tokens received
   * @param usdMillicents cost in USD millicents
   */
  public record Usage(String provider, String model, long inputTokens, long outputTokens,
      long usdMillicents) {

    /** @throws IllegalArgumentException for a negative number */
    public Usage {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(model, "model");
      if (inputTokens < 0 || outputTokens < 0 || usdMillicents < 0) {
        throw new IllegalArgumentException("usage numbers are >= 0");
      }
    }
  }
}
