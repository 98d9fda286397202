package thymos.kernel.run;

/**
 * Receives a run's events (X11). Called on the submitting thread after the fact it reports; an
 * exception a listener throws is caught and ignored, so listeners cannot change outcomes.
 */
@FunctionalInterface
public interface RunListener {

  /** Handles one event. */
  void on(RunEvent event);
}
