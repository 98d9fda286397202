package thymos.kernel.replay;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A batch of stored entries whose {@link Prepared} checks run on the fork-join pool while the
 * replay takes them in order. The work is handed out in groups of {@link #GROUP} entries, whose
 * ids are hashed together ({@link Prepared#ofAll}); whoever is free — a pool worker, or the
 * replaying thread waiting for an entry — takes the next group, so the replaying thread helps
 * instead of idling and the pool can prepare one batch while the previous one is stepped.
 * Preparing is a pure function of the bytes, so the results do not depend on which thread
 * prepared which group.
 */
final class PreparedBatch {

  /**
   * Entries prepared as one unit: enough chunks for the hashing to use the SIMD lanes well, few
   * enough that a batch splits into several units for the threads to share.
   */
  static final int GROUP = 128;

  private final byte[][] bytes;
  private final int groups;
  private final AtomicReferenceArray<Object> results; // a Prepared, or what preparing threw
  private final AtomicInteger next = new AtomicInteger(); // the next unclaimed group
  private final ForkJoinTask<?>[] helpers;

  private PreparedBatch(List<byte[]> entries) {
    this.bytes = entries.toArray(byte[][]::new);
    this.groups = (bytes.length + GROUP - 1) / GROUP;
    this.results = new AtomicReferenceArray<>(bytes.length);
    // In a pool (the caller's, else the common one) the caller is one of its threads or an extra.
    boolean inPool = ForkJoinTask.inForkJoinPool();
    ForkJoinPool pool = inPool ? ForkJoinTask.getPool() : ForkJoinPool.commonPool();
    int n = Math.min(pool.getParallelism() - (inPool ? 1 : 0), groups - 1);
    this.helpers = new ForkJoinTask<?>[Math.max(n, 0)];
    for (int h = 0; h < helpers.length; h++) {
      helpers[h] = pool.submit(this::work);
    }
  }

  /** Starts preparing {@code entries} (copied) on the pool. */
  static PreparedBatch start(List<byte[]> entries) {
    return new PreparedBatch(entries);
  }

  int size() {
    return bytes.length;
  }

  /**
   * The prepared entry at {@code index}, preparing later groups while another thread finishes
   * its own. Rethrows what preparing threw (never a refusal of the bytes, which is a value).
   */
  Prepared get(int index) {
    Object r;
    int idle = 0;
    while ((r = results.get(index)) == null) {
      if (!claimAndPrepare()) {
        if (++idle < 10_000) {
          Thread.onSpinWait(); // another thread is preparing it: a fraction of a millisecond
        } else {
          Thread.yield();
        }
      }
    }
    if (r instanceof RuntimeException e) {
      throw e;
    }
    if (r instanceof Error e) {
      throw e;
    }
    return (Prepared) r;
  }

  /**
   * Hands out no more groups and waits for the pool's tasks, so no work on this batch outlives
   * the replay.
   */
  void close() {
    next.set(groups);
    for (ForkJoinTask<?> h : helpers) {
      h.quietlyJoin();
    }
  }

  private void work() {
    while (claimAndPrepare()) {
      // until every group is claimed
    }
  }

  /** Prepares the next unclaimed group; {@code false} when every group was claimed. */
  private boolean claimAndPrepare() {
    if (next.get() >= groups) {
      return false; // checked first, so that waiting never counts past the end
    }
    int g = next.getAndIncrement();
    if (g >= groups) {
      return false;
    }
    int from = g * GROUP;
    int to = Math.min(bytes.length, from + GROUP);
    try {
      Prepared[] prepared = Prepared.ofAll(bytes, from, to);
      for (int i = from; i < to; i++) {
        results.set(i, prepared[i - from]);
      }
    } catch (RuntimeException | Error e) { // handed to the replaying thread, as a stream would
      for (int i = from; i < to; i++) {
        results.set(i, e);
      }
    }
    return true;
  }
}
