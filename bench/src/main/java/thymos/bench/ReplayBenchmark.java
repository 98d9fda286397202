package thymos.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import thymos.api.crypto.Hash32;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.ReplayReport;
import thymos.kernel.replay.Replayer;

/**
 * Replay (R2: form, hash, chain, content checks and the fold) of a 100,000-entry trajectory of
 * unsigned {@code kv_put} commits from their stored canonical bytes. Scores are entries per
 * second. {@code replay} uses the Replayer as shipped (byte-only checks on the common fork-join
 * pool); {@code replaySingleThread} runs the same call inside a one-thread fork-join pool, which
 * its parallel stream then uses, so every check runs on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ReplayBenchmark {

  static final int ENTRIES = 100_000;

  private List<byte[]> stored;
  private Hash32 trajectoryId;
  private ForkJoinPool onePool;

  @Setup(Level.Trial)
  public void setUp() {
    KvTrajectory t = new KvTrajectory(42, ENTRIES, 1_000);
    stored = new ArrayList<>(ENTRIES);
    t.forEachRemaining(stored::add);
    trajectoryId = t.trajectoryId;
    onePool = new ForkJoinPool(1);
    // A benchmark of a failing replay would measure the wrong thing.
    ReplayReport r = replay();
    if (!r.verified() || r.entries() != ENTRIES) {
      throw new IllegalStateException("replay did not verify: " + r.toJson().canonicalString());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    onePool.shutdown();
  }

  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public ReplayReport replay() {
    return Replayer.replay(trajectoryId, stored.iterator(), ReplayOptions.defaults());
  }

  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public ReplayReport replaySingleThread() {
    return onePool.submit(() ->
        Replayer.replay(trajectoryId, stored.iterator(), ReplayOptions.defaults())).join();
  }
}
