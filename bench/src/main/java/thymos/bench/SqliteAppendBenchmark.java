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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import thymos.ledger.spi.StoredEntry;

/**
 * Append throughput of the SQLite backend (issue 4) for one trajectory of precomputed {@code
 * kv_put} rows ({@link KvTrajectory}, about 1.7 KB each), so no hashing or canonicalisation is
 * measured. Every invocation writes into a new database file in a fresh temp folder (opened and
 * deleted outside the timed region): {@code appendBatch} writes {@value #BATCHED} entries in
 * {@code appendBatch} calls of {@value #BATCH} (one transaction, one WAL sync each), {@code
 * appendSingle} the first {@value #SINGLE} entries one {@code append} at a time (one transaction
 * each). With {@code synchronous=FULL} every transaction waits for an fsync of the WAL, so the
 * single-entry figure is what the disk's flush latency allows. Scores are entries per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class SqliteAppendBenchmark {

  static final int BATCHED = 100_000;
  static final int BATCH = 100;
  static final int SINGLE = 2_000;

  @Param({"NORMAL", "FULL"})
  public String synchronous;

  private List<StoredEntry> entries;
  private List<List<StoredEntry>> batches;
  private TempSqlite store;

  @Setup(Level.Trial)
  public void generate() {
    KvTrajectory t = new KvTrajectory(42, BATCHED, 1_000);
    entries = new ArrayList<>(BATCHED);
    while (t.hasNext()) {
      entries.add(StoredEntry.of(t.nextEntry()));
    }
    batches = new ArrayList<>();
    for (int i = 0; i < BATCHED; i += BATCH) {
      batches.add(List.copyOf(entries.subList(i, i + BATCH)));
    }
  }

  // Invocation-level helpers are excluded from the score; an invocation lasts from a fraction
  // of a second to several seconds, so their timestamps cost nothing measurable.
  @Setup(Level.Invocation)
  public void open() {
    store = new TempSqlite(synchronous);
  }

  @TearDown(Level.Invocation)
  public void close() {
    store.close();
  }

  @Benchmark
  @OperationsPerInvocation(BATCHED)
  public void appendBatch() {
    for (List<StoredEntry> b : batches) {
      store.ledger.appendBatch(b);
    }
  }

  @Benchmark
  @OperationsPerInvocation(SINGLE)
  public void appendSingle() {
    for (int i = 0; i < SINGLE; i++) {
      store.ledger.append(entries.get(i));
    }
  }
}
