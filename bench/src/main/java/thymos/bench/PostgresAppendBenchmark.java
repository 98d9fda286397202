package thymos.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import thymos.ledger.spi.StoredEntry;

/**
 * Append throughput of the PostgreSQL backend (issue 5) with 8 concurrent writers, each on its
 * own trajectory of precomputed {@code kv_put} rows ({@link KvTrajectory}, about 1.7 KB each), so
 * no hashing is measured: every {@code append} is one transaction with a durable commit
 * ({@code synchronous_commit = on}), and the server's group commit shares WAL flushes between the
 * writers. The table is emptied before every iteration (outside the timed region) and each writer
 * starts its trajectory again. Scores are appends per second, summed over the writers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PostgresAppendBenchmark {

  static final int WRITERS = 8;
  // Enough rows for one 3 s iteration at up to 50,000 appends/s in all.
  static final int ROWS_PER_WRITER = 20_000;

  private TempPostgres store;
  private final AtomicInteger writers = new AtomicInteger();

  @Setup(Level.Trial)
  public void open() {
    store = new TempPostgres(WRITERS);
  }

  @Setup(Level.Iteration)
  public void empty() {
    store.truncate();
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  /** One writer's trajectory, replayed from seq 0 every iteration. */
  @State(Scope.Thread)
  public static class Writer {
    List<StoredEntry> rows;
    int next;

    @Setup(Level.Trial)
    public void generate(PostgresAppendBenchmark bench) {
      KvTrajectory t = new KvTrajectory(1_000 + bench.writers.incrementAndGet(), ROWS_PER_WRITER,
          1_000);
      rows = new ArrayList<>(ROWS_PER_WRITER);
      while (t.hasNext()) {
        rows.add(StoredEntry.of(t.nextEntry()));
      }
    }

    @Setup(Level.Iteration)
    public void restart(PostgresAppendBenchmark bench) {
      next = 0;
    }
  }

  @Benchmark
  @Threads(WRITERS)
  public void append8Writers(Writer w) {
    if (w.next == w.rows.size()) {
      throw new IllegalStateException("raise ROWS_PER_WRITER: a writer ran out of rows");
    }
    store.ledger.append(w.rows.get(w.next++));
  }
}
