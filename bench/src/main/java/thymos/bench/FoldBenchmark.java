package thymos.bench;

import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;
import thymos.api.crypto.Hash32;
import thymos.api.model.Delta;
import thymos.api.model.Entry;
import thymos.api.model.WorldBuilder;

/**
 * The world fold alone (M5): a fresh {@link WorldBuilder} applies the precomputed deltas of
 * 100,000 {@code kv_put} commits over 1,000 keys (1,000 creates, then replaces) with their entry
 * ids. Scores are commits per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class FoldBenchmark {

  static final int COMMITS = 100_000;

  private Delta[] deltas;
  private Hash32[] ids;

  @Setup(Level.Trial)
  public void setUp() {
    KvTrajectory t = new KvTrajectory(7, COMMITS + 1, 1_000);
    t.nextEntry(); // the root carries no delta
    List<Delta> d = new ArrayList<>(COMMITS);
    List<Hash32> i = new ArrayList<>(COMMITS);
    while (t.hasNext()) {
      Entry e = t.nextEntry();
      d.add(t.lastDelta());
      i.add(e.id());
    }
    deltas = d.toArray(Delta[]::new);
    ids = i.toArray(Hash32[]::new);
  }

  @Benchmark
  @OperationsPerInvocation(COMMITS)
  public WorldBuilder fold() {
    WorldBuilder w = new WorldBuilder();
    for (int k = 0; k < deltas.length; k++) {
      if (w.apply(deltas[k], ids[k]).isPresent()) {
        throw new IllegalStateException("delta " + k + " conflicts");
      }
    }
    return w;
  }
}
