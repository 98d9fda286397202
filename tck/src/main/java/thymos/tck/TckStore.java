package thymos.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import thymos.ledger.spi.LedgerBackend;

/**
 * One store under test: its {@link TckEnvironment} and every handle the test opened on it. Closing
 * it closes the handles, lets the factory clean up and deletes the environment's folder, whatever
 * the test did — so tests never depend on a test framework's lifecycle (Jupiter and jqwik differ).
 */
final class TckStore implements AutoCloseable {

  /** The run's base seed: {@code -Dthymos.tck.seed}, else random; every store's seed derives. */
  static final long BASE_SEED = Long.getLong("thymos.tck.seed",
      ThreadLocalRandom.current().nextLong());
  // Names stay unique across JVMs sharing one database server: a per-run tag plus a counter.
  private static final String RUN = Long.toString(ProcessHandle.current().pid() % 46_656, 36)
      + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
  private static final AtomicLong COUNTER = new AtomicLong();

  private final LedgerBackendVerification tck;
  private final TckEnvironment env;
  private final List<LedgerBackend> handles = new ArrayList<>();

  TckStore(LedgerBackendVerification tck, String testKey, boolean durable) {
    this.tck = tck;
    long seed = mix(BASE_SEED ^ testKey.hashCode());
    try {
      Path dir = Files.createTempDirectory("thymos-tck-");
      this.env = new TckEnvironment(dir, "tck_" + RUN + "_" + COUNTER.incrementAndGet(), seed,
          durable);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  TckEnvironment env() {
    return env;
  }

  /** A new handle on this store from the factory under test. */
  LedgerBackend open() {
    LedgerBackend b = Objects.requireNonNull(tck.create(env), "create(env) returned null");
    synchronized (handles) {
      handles.add(b);
    }
    return b;
  }

  /** Closes every open handle, then opens one again: the reopen of L5.1 and L5.7. */
  LedgerBackend reopen() {
    closeHandles();
    return open();
  }

  void closeHandles() {
    List<LedgerBackend> open;
    synchronized (handles) {
      open = List.copyOf(handles);
      handles.clear();
    }
    RuntimeException first = null;
    for (LedgerBackend b : open) {
      try {
        b.close();
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** A hint for failure messages: how to rerun with this store's seed. */
  String seedHint() {
    return "store " + env.name() + ", seed " + env.seed() + " (rerun with -Dthymos.tck.seed="
        + BASE_SEED + ")";
  }

  @Override
  public void close() {
    try {
      closeHandles();
    } finally {
      try {
        tck.cleanUp(env);
      } finally {
        delete(env.directory());
      }
    }
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the TCK folder " + dir, e);
    }
  }
}
