package thymos.kernel.run;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import thymos.api.ConfigurationException;
import thymos.api.crypto.PublicKey;

/**
 * An approval channel (X3.1): the keys that may vote on proposals suspended on it (N), how many
 * distinct approvals resolve one (M, the default quorum; a policy decision may raise it for one
 * proposal), and optionally how long votes are accepted.
 *
 * @param name the channel name a suspension source names ({@code irreversible}, {@code risk}, or a
 *     policy's)
 * @param approvers the approver keys, in the order the pending entry records them
 * @param quorum the default quorum, 1 ≤ M ≤ N
 * @param ttlMs when present, a pending entry expires this many milliseconds after it is recorded
 *     (X3.6)
 */
public record ApprovalChannel(String name, List<PublicKey> approvers, long quorum,
    OptionalLong ttlMs) {

  /**
   * Checks the channel.
   *
   * @throws ConfigurationException {@code THY-X301} for an empty name, no approvers, a repeated
   *     approver, a quorum outside 1..N or a negative time to live
   */
  public ApprovalChannel {
    Objects.requireNonNull(name, "name");
    approvers = List.copyOf(approvers);
    Objects.requireNonNull(ttlMs, "ttlMs");
    String problem = null;
    if (name.isEmpty()) {
      problem = "an approval channel needs a name";
    } else if (approvers.isEmpty()) {
      problem = "approval channel " + name + " has no approver keys";
    } else if (new HashSet<>(approvers).size() != approvers.size()) {
      problem = "approval channel " + name + " lists an approver key twice";
    } else if (quorum < 1 || quorum > approvers.size()) {
      problem = "approval channel " + name + " has quorum " + quorum + "; expected 1.."
          + approvers.size() + " (its approver count)";
    } else if (ttlMs.isPresent() && ttlMs.getAsLong() < 0) {
      problem = "approval channel " + name + " has a negative time to live";
    }
    if (problem != null) {
      throw new ConfigurationException("THY-X301", "X3.1", problem, List.of(), null);
    }
  }

  /** A channel whose pending entries never expire. */
  public static ApprovalChannel of(String name, long quorum, List<PublicKey> approvers) {
    return new ApprovalChannel(name, approvers, quorum, OptionalLong.empty());
  }

  /** This channel with pending entries expiring {@code ttlMs} after they are recorded (X3.6). */
  public ApprovalChannel expiringAfter(long ttl) {
    return new ApprovalChannel(name, approvers, quorum, OptionalLong.of(ttl));
  }
}
