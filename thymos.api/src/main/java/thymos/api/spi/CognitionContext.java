package thymos.api.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.World;

/**
 * What cognition sees at one step (X10.1): nothing that grants authority.
 *
 * @param task the task the run was given
 * @param trajectoryId the run intents must name (M1)
 * @param step the step number, from 0
 * @param headId the trajectory head now, for an intent's {@code based_on}
 * @param world the world as committed so far (immutable)
 * @param tools the tools the writ's scopes reach: {@code {name, description, input_schema, effect,
 *     risk}} each
 * @param feedback the outcomes of the previous step's intents, in submission order
 */
public record CognitionContext(String task, Hash32 trajectoryId, long step, Hash32 headId,
    World world, List<JsonObject> tools, List<Feedback> feedback) {

  /** Copies the lists; checks for {@code null}. */
  public CognitionContext {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(trajectoryId, "trajectoryId");
    Objects.requireNonNull(headId, "headId");
    Objects.requireNonNull(world, "world");
    tools = List.copyOf(tools);
    feedback = List.copyOf(feedback);
  }

  /**
   * The outcome of one submitted intent, as cognition may see it (X10.1): the observation output
   * of a commit, or the kind and message of a rejection or failure. Outputs are redacted (X8).
   *
   * @param intentId the intent
   * @param tool the tool it named
   * @param status {@code committed}, {@code rejected}, {@code suspended}, {@code failed} or
   *     {@code in_doubt}
   * @param output the observation output of a commit
   * @param kind the rejection or failure kind
   * @param message the rejection or failure message
   */
  public record Feedback(Hash32 intentId, String tool, String status, Optional<Json> output,
      Optional<String> kind, Optional<String> message) {

    /** Checks for {@code null}. */
    public Feedback {
      Objects.requireNonNull(intentId, "intentId");
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(message, "message");
    }
  }
}
