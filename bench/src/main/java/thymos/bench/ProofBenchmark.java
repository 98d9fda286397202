package thymos.bench;

import java.util.List;
import java.util.Optional;
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
import thymos.api.model.EntryKind;
import thymos.api.proof.ConsistencyProof;
import thymos.api.proof.InclusionProof;
import thymos.api.proof.ProofVerification;
import thymos.kernel.proof.MerkleIndex;
import thymos.kernel.proof.TrajectoryProofs;
import thymos.ledger.spi.StoredEntry;
import thymos.ledger.spi.memory.MemoryLedger;

/**
 * Audit proofs (A2, A3) of a 1,000,000-entry trajectory: proof generation from a {@link
 * MerkleIndex} built in setup (alone and through {@link TrajectoryProofs} over the memory
 * ledger), and verification with {@code thymos.api} alone. Leaves and sizes are drawn at random
 * per call from precomputed tables. Scores are microseconds per proof. The setup prints the
 * index's build time and memory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ProofBenchmark {

  static final int ENTRIES = 1_000_000;
  private static final int SAMPLES = 4096;

  private Hash32 trajectory;
  private Hash32[] ids;
  private MerkleIndex index;
  private TrajectoryProofs viaLedger;
  private Hash32 root;
  private final long[] leaf = new long[SAMPLES];
  private final long[] first = new long[SAMPLES];
  private final InclusionProof[] inclusion = new InclusionProof[SAMPLES];
  private final ConsistencyProof[] consistency = new ConsistencyProof[SAMPLES];
  private final Hash32[] firstRoots = new Hash32[SAMPLES];
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(42);
    trajectory = id(r);
    ids = new Hash32[ENTRIES];
    for (int i = 0; i < ENTRIES; i++) {
      ids[i] = id(r);
    }
    long start = System.nanoTime();
    index = MerkleIndex.blake3();
    for (Hash32 id : ids) {
      index.append(id);
    }
    long buildNs = System.nanoTime() - start;
    System.out.printf("%nindex of %,d entries: built in %.0f ms, %,d bytes of hashes%n",
        ENTRIES, buildNs / 1e6, index.memoryBytes());

    // The same trajectory as ledger rows: real ids and chain, placeholder bytes (a backend
    // never reads them, L5.5), so the ledger path costs what a real one costs minus decoding.
    MemoryLedger ledger = new MemoryLedger();
    byte[] bytes = {'{', '}'};
    for (int i = 0; i < ENTRIES; i++) {
      ledger.append(new StoredEntry(ids[i], trajectory, i,
          i == 0 ? Optional.empty() : Optional.of(ids[i - 1]),
          i == 0 ? EntryKind.ROOT : EntryKind.USAGE, 1, bytes));
    }
    viaLedger = new TrajectoryProofs(ledger);
    start = System.nanoTime();
    root = viaLedger.root(trajectory, ENTRIES);
    System.out.printf("TrajectoryProofs index over the memory ledger: built in %.0f ms%n",
        (System.nanoTime() - start) / 1e6);

    for (int s = 0; s < SAMPLES; s++) {
      leaf[s] = r.nextLong(ENTRIES);
      first[s] = 1 + r.nextLong(ENTRIES - 1);
      inclusion[s] = viaLedger.prove(trajectory, leaf[s], ENTRIES);
      consistency[s] = viaLedger.proveConsistency(trajectory, first[s], ENTRIES);
      firstRoots[s] = viaLedger.root(trajectory, first[s]);
    }
  }

  private static Hash32 id(SplittableRandom r) {
    byte[] b = new byte[32];
    r.nextBytes(b);
    return Hash32.of(b);
  }

  private int sample() {
    next = (next + 1) & (SAMPLES - 1);
    return next;
  }

  @Benchmark
  public List<byte[]> inclusionPathFromIndex() {
    return index.inclusionPath(leaf[sample()], ENTRIES);
  }

  @Benchmark
  public InclusionProof proveInclusion() {
    return viaLedger.prove(trajectory, leaf[sample()], ENTRIES);
  }

  @Benchmark
  public ProofVerification verifyInclusion() {
    int s = sample();
    return inclusion[s].verify(ids[(int) leaf[s]], root);
  }

  @Benchmark
  public ConsistencyProof proveConsistency() {
    return viaLedger.proveConsistency(trajectory, first[sample()], ENTRIES);
  }

  @Benchmark
  public ProofVerification verifyConsistency() {
    int s = sample();
    return consistency[s].verify(firstRoots[s], root);
  }
}
