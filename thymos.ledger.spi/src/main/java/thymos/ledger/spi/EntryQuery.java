package thymos.ledger.spi;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import thymos.api.crypto.Hash32;
import thymos.api.model.EntryKind;

/**
 * An audit listing's filter (L5.4): entries of an optional kind, in an optional trajectory,
 * recorded in an optional half-open time range {@code [fromMs, toMs)}. Every backend lists matches
 * in {@link Key} order — recorded time, then trajectory id, then seq — so listings agree across
 * backends (I5).
 *
 * @param kind only this kind, or any
 * @param trajectoryId only this trajectory, or any
 * @param fromMs only entries with {@code recorded_ms >= fromMs}, or no lower bound
 * @param toMs only entries with {@code recorded_ms < toMs}, or no upper bound
 */
public record EntryQuery(Optional<EntryKind> kind, Optional<Hash32> trajectoryId,
    OptionalLong fromMs, OptionalLong toMs) {

  /** @throws IllegalArgumentException if {@code fromMs > toMs} */
  public EntryQuery {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(trajectoryId, "trajectory_id");
    Objects.requireNonNull(fromMs, "from_ms");
    Objects.requireNonNull(toMs, "to_ms");
    if (fromMs.isPresent() && toMs.isPresent() && fromMs.getAsLong() > toMs.getAsLong()) {
      throw new IllegalArgumentException("from_ms " + fromMs.getAsLong() + " > to_ms "
          + toMs.getAsLong());
    }
  }

  /** Every entry of the ledger. */
  public static EntryQuery all() {
    return new EntryQuery(Optional.empty(), Optional.empty(), OptionalLong.empty(),
        OptionalLong.empty());
  }

  /** This query restricted to {@code kind}. */
  public EntryQuery ofKind(EntryKind kind) {
    return new EntryQuery(Optional.of(kind), trajectoryId, fromMs, toMs);
  }

  /** This query restricted to one trajectory. */
  public EntryQuery inTrajectory(Hash32 trajectoryId) {
    return new EntryQuery(kind, Optional.of(trajectoryId), fromMs, toMs);
  }

  /** This query restricted to {@code fromMs <= recorded_ms < toMs}. */
  public EntryQuery recordedBetween(long fromMs, long toMs) {
    return new EntryQuery(kind, trajectoryId, OptionalLong.of(fromMs), OptionalLong.of(toMs));
  }

  /** Whether {@code entry}'s indexed columns match every present filter. */
  public boolean matches(StoredEntry entry) {
    return kind.map(k -> k == entry.kind()).orElse(true)
        && trajectoryId.map(t -> t.equals(entry.trajectoryId())).orElse(true)
        && (fromMs.isEmpty() || entry.recordedMs() >= fromMs.getAsLong())
        && (toMs.isEmpty() || entry.recordedMs() < toMs.getAsLong());
  }

  /**
   * The listing order and paging key of {@link LedgerBackend#query}: recorded time, then
   * trajectory id (unsigned bytes, i.e. its lowercase hex as text), then seq. Unique per entry
   * because {@code (trajectory, seq)} is.
   *
   * @param recordedMs the entry's recorded time
   * @param trajectoryId the entry's trajectory
   * @param seq the entry's seq
   */
  public record Key(long recordedMs, Hash32 trajectoryId, long seq) implements Comparable<Key> {

    /** Requires a trajectory id. */
    public Key {
      Objects.requireNonNull(trajectoryId, "trajectory_id");
    }

    /** The key of {@code entry}. */
    public static Key of(StoredEntry entry) {
      return new Key(entry.recordedMs(), entry.trajectoryId(), entry.seq());
    }

    @Override
    public int compareTo(Key o) {
      int c = Long.compare(recordedMs, o.recordedMs);
      if (c == 0) {
        c = Arrays.compareUnsigned(trajectoryId.bytes(), o.trajectoryId.bytes());
      }
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
