package thymos.api.spi;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import thymos.api.crypto.Hash32;

/**
 * What a policy may know about the trajectory so far (P1, P5), all folded from its ledger entries
 * and therefore deterministic on every backend and at replay.
 *
 * <p>Equality compares {@code index} by identity (it is usually a view of the kernel's index).
 *
 * @param commits the number of {@code commit} entries
 * @param toolCalls per tool name, the number of commits of that tool (tools never committed are
 *     absent; read through {@link #toolCalls(String)})
 * @param headSeq the seq of the trajectory's head entry
 * @param headId the id of the head entry
 * @param index the seq of any entry of this trajectory, by entry id
 */
public record TrajectoryStats(
    long commits, Map<String, Long> toolCalls, long headSeq, Hash32 headId, EntryIndex index) {

  /**
   * Copies the map; checks for {@code null}.
   *
   * @throws IllegalArgumentException for a negative count or seq
   */
  public TrajectoryStats {
    if (commits < 0 || headSeq < 0) {
      throw new IllegalArgumentException("commits and head_seq are >= 0");
    }
    toolCalls = Map.copyOf(toolCalls);
    toolCalls.forEach((tool, n) -> {
      if (n < 0) {
        throw new IllegalArgumentException("negative call count for " + tool + ": " + n);
      }
    });
    Objects.requireNonNull(headId, "head_id");
    Objects.requireNonNull(index, "index");
  }

  /**
   * A trajectory that holds only its first entry ({@code root} or {@code branch}, seq 0) and no
   * commit yet.
   */
  public static TrajectoryStats fresh(Hash32 rootId) {
    return new TrajectoryStats(0, Map.of(), 0, rootId, EntryIndex.of(Map.of(rootId, 0L)));
  }

  /** The number of commits of {@code tool} in this trajectory, 0 if none. */
  public long toolCalls(String tool) {
    return toolCalls.getOrDefault(tool, 0L);
  }

  /** The seq of entry {@code entryId} in this trajectory, empty if it is not one of its entries. */
  public OptionalLong seqOf(Hash32 entryId) {
    return index.seqOf(entryId);
  }

  /** Looks up the seq of an entry of one trajectory by its id (L2). */
  @FunctionalInterface
  public interface EntryIndex {

    /** The seq of {@code entryId}, empty if the trajectory has no such entry. */
    OptionalLong seqOf(Hash32 entryId);

    /** An index over a fixed map (copied), for tests and small trajectories. */
    static EntryIndex of(Map<Hash32, Long> seqs) {
      Map<Hash32, Long> copy = Map.copyOf(seqs);
      return id -> {
        Long seq = copy.get(id);
        return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
      };
    }
  }
}
