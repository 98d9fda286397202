/**
 * Replay (spec 07 R1–R5): re-verifies a recorded trajectory from its stored bytes alone and
 * rebuilds its world; never calls a model or a tool.
 *
 * <p>{@link thymos.kernel.replay.Replayer} takes the canonical bytes of one trajectory's entries
 * in seq order, the trajectory id expected and {@link thymos.kernel.replay.ReplayOptions} (mode,
 * pins, optional {@link thymos.kernel.replay.AuthorityInput}), and returns a {@link
 * thymos.kernel.replay.ReplayReport}. A failed replay is a report with typed {@link
 * thymos.kernel.replay.Violation}s, not an exception.
 */
package thymos.kernel.replay;
