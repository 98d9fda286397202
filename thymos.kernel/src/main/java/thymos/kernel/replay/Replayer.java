package thymos.kernel.replay;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import thymos.api.crypto.Hash32;

/**
 * Replay (R1–R5): re-verifies one recorded trajectory from its stored bytes and rebuilds its
 * world. It takes only the stored entries, the trajectory id expected and the {@link
 * ReplayOptions}; it has no tool registry, no cognition provider, no clock and no ledger backend,
 * so it cannot run a tool or call a model (R1).
 *
 * <p>Each entry goes through the checks of R2 in order — form, hash, chain, signature, content,
 * authority — and the pins of R3. Entries are streamed: memory is bounded by the world and a few
 * compact indices (see {@code ContentChecks}), not by the number of entries (R1).
 *
 * <p>The checks that depend on one entry's bytes alone (R2.1, R2.2, R2.4 and the id checks of
 * R2.5) run on the fork-join pool (the caller's, else the common one) for batches of up to 512
 * entries, one batch read ahead, while the calling thread runs the order-dependent checks and
 * helps; the results do not depend on the parallelism. In fail-fast mode up to 1,023 entries
 * past the failing one may have been read and checked this way, but they are not reported or
 * counted.
 *
 * <p>Thread-safe: every call is independent.
 */
public final class Replayer {

  /**
   * Entries read ahead and prepared in parallel: groups enough to share among the cores, few
   * enough that memory stays bounded (a few MiB at typical entry sizes, two batches at a time).
   */
  private static final int BATCH = 4 * PreparedBatch.GROUP;

  private Replayer() {}

  /** The next batch of up to {@link #BATCH} entries, being prepared; null at the end. */
  private static PreparedBatch next(Iterator<byte[]> entries) {
    if (!entries.hasNext()) {
      return null;
    }
    List<byte[]> batch = new ArrayList<>(BATCH);
    while (batch.size() < BATCH && entries.hasNext()) {
      batch.add(entries.next());
    }
    return PreparedBatch.start(batch);
  }

  /**
   * Replays {@code entries}, the canonical bytes of one trajectory's stored entries in seq order,
   * with the default options (fail-fast, nothing pinned, no authority check).
   *
   * @return the report; a tampered or inconsistent ledger gives a report whose verdict is {@code
   *     failed}, never an exception
   */
  public static ReplayReport replay(Hash32 trajectoryId, Iterator<byte[]> entries) {
    return replay(trajectoryId, entries, ReplayOptions.defaults());
  }

  /**
   * Replays {@code entries}, the canonical bytes of one trajectory's stored entries in seq order
   * (R2), applying the pins and authority input of {@code options} (R2.6, R3).
   *
   * @return the report (R5); violations are values in it, never exceptions
   */
  public static ReplayReport replay(Hash32 trajectoryId, Iterator<byte[]> entries,
      ReplayOptions options) {
    Objects.requireNonNull(entries, "entries");
    ReplayRun run = new ReplayRun(Objects.requireNonNull(trajectoryId, "trajectoryId"),
        Objects.requireNonNull(options, "options"));
    feed(run, entries);
    return run.finish();
  }

  /** Checks {@code entries} in order into {@code run} until they end or the run halts. */
  static void feed(ReplayRun run, Iterator<byte[]> entries) {
    // The byte-only checks (parse, canonical form, ids, signatures) are independent per entry
    // and dominate the cost, so they run on the pool, one batch ahead; every order-dependent
    // check runs here, in step(), in order.
    PreparedBatch current = next(entries);
    while (current != null) {
      PreparedBatch ahead = next(entries);
      for (int i = 0; i < current.size() && !run.halted(); i++) {
        run.step(current.get(i));
      }
      current.close();
      if (run.halted()) {
        if (ahead != null) {
          ahead.close();
        }
        break;
      }
      current = ahead;
    }
  }

  /**
   * As {@link #replay(Hash32, Iterator, ReplayOptions)} for a stream (for example a ledger read,
   * L5.4). The stream is consumed lazily and not closed: its owner closes it.
   */
  public static ReplayReport replay(Hash32 trajectoryId, Stream<byte[]> entries,
      ReplayOptions options) {
    return replay(trajectoryId, entries.iterator(), options);
  }
}
