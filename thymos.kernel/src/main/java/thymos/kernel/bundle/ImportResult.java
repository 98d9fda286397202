package thymos.kernel.bundle;

import java.util.List;
import java.util.Objects;
import thymos.api.crypto.Hash32;

/**
 * What an import did (L8.2): per trajectory, how many entries the target held before and how
 * many were appended. Importing the same bundle again appends nothing.
 *
 * @param bundleId {@code id("bundle", header)} of the imported bundle
 * @param trajectories one line per trajectory, in bundle order
 */
public record ImportResult(Hash32 bundleId, List<Trajectory> trajectories) {

  /**
   * One trajectory's import.
   *
   * @param trajectoryId the trajectory
   * @param size the entries the bundle holds for it
   * @param storedBefore the entries the target held before the import
   * @param appended the entries this import appended
   */
  public record Trajectory(Hash32 trajectoryId, long size, long storedBefore, long appended) {}

  /** Copies the list. */
  public ImportResult {
    Objects.requireNonNull(bundleId, "bundleId");
    trajectories = List.copyOf(trajectories);
  }

  /** The entries appended in total; 0 when the target held everything already. */
  public long appended() {
    return trajectories.stream().mapToLong(Trajectory::appended).sum();
  }
}
