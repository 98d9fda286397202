package thymos.api.spi;

import java.util.Objects;
import thymos.api.json.Json;
import thymos.api.model.Delta;

/**
 * The answer of {@link Tool#reconcile} for an intent left in doubt (X5.2): the effect happened
 * ({@link Done}), it did not ({@link NotDone}), or the tool cannot tell ({@link Unknown}).
 */
public sealed interface Reconciliation {

  /** The tool cannot tell; the kernel keeps the intent in doubt (X5.2). */
  Reconciliation UNKNOWN = new Unknown();

  /** The effect did not happen; the kernel may record a failure instead of re-invoking. */
  Reconciliation NOT_DONE = new NotDone();

  /**
   * The effect happened.
   *
   * @param output the observation output to record
   * @param delta what changed in the world
   */
  record Done(Json output, Delta delta) implements Reconciliation {
    /** Checks for {@code null}. */
    public Done {
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(delta, "delta");
    }
  }

  /** The effect did not happen. */
  record NotDone() implements Reconciliation {}

  /** The tool cannot tell. */
  record Unknown() implements Reconciliation {}
}
