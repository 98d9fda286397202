package thymos.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import thymos.api.crypto.Hash32;
import thymos.kernel.proof.MerkleIndex;

/**
 * Building the Merkle index (A1) of 1,000,000 entry ids from scratch: one leaf hash per entry and
 * amortised one node hash. Scores are milliseconds per build.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
public class ProofIndexBuildBenchmark {

  private Hash32[] ids;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(42);
    ids = new Hash32[ProofBenchmark.ENTRIES];
    for (int i = 0; i < ids.length; i++) {
      byte[] b = new byte[32];
      r.nextBytes(b);
      ids[i] = Hash32.of(b);
    }
  }

  @Benchmark
  public MerkleIndex buildIndex() {
    MerkleIndex index = MerkleIndex.blake3();
    for (Hash32 id : ids) {
      index.append(id);
    }
    return index;
  }
}
