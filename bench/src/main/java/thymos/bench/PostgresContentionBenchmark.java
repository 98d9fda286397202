package thymos.bench;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.AuxCounters;
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
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.model.Entry;
import thymos.api.model.RootPayload;
import thymos.api.model.UsagePayload;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.StoredEntry;

/**
 * The contention curve of the PostgreSQL backend (issue 5, L5.2): 1, 2, 4 and 8 writers append to
 * ONE trajectory. Each writer builds its own entry (its own payload, so two writers never build
 * the same entry) on the head it knows, appends it, and on {@link AppendConflict} takes the
 * conflict's actual head and tries again. The score counts appends that won (entries stored per
 * second, all writers together); the {@code conflicts} counter counts the refused attempts. Entry
 * building (one BLAKE3 id, about 0.3 KB) is inside the measured loop, as in a real runtime.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PostgresContentionBenchmark {

  static final Hash32 TRAJECTORY = Ids.blake3(new byte[] {'c', 'o', 'n', 't', 'e', 'n', 'd'});

  private TempPostgres store;
  private final AtomicInteger writers = new AtomicInteger();

  @Setup(Level.Trial)
  public void open() {
    store = new TempPostgres(8);
  }

  @Setup(Level.Iteration)
  public void root() {
    store.truncate();
    Hash32 writ = Ids.blake3(new byte[] {'w'});
    store.ledger.append(StoredEntry.of(Entry.create(TRAJECTORY, 0, Optional.empty(), 1,
        RootPayload.bound(writ, "contention"))));
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  /** One writer: its name (part of its payloads) and the head it last saw. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Writer {
    String name;
    Head head;
    public long conflicts;

    @Setup(Level.Trial)
    public void name(PostgresContentionBenchmark bench) {
      name = "writer-" + bench.writers.incrementAndGet();
    }

    @Setup(Level.Iteration)
    public void reset(PostgresContentionBenchmark bench) {
      head = bench.store.ledger.head(TRAJECTORY).orElseThrow();
      conflicts = 0;
    }
  }

  private void appendOne(Writer w) {
    while (true) {
      long seq = w.head.seq() + 1;
      Entry e = Entry.create(TRAJECTORY, seq, Optional.of(w.head.id()), 1 + seq,
          new UsagePayload(w.name, "model", seq, 5, 7, 1));
      try {
        store.ledger.append(StoredEntry.of(e));
        w.head = new Head(seq, e.id());
        return;
      } catch (AppendConflict c) {
        w.conflicts++;
        w.head = c.actualHead().orElseThrow();
      }
    }
  }

  @Benchmark
  @Threads(1)
  public void oneTrajectory1Writer(Writer w) {
    appendOne(w);
  }

  @Benchmark
  @Threads(2)
  public void oneTrajectory2Writers(Writer w) {
    appendOne(w);
  }

  @Benchmark
  @Threads(4)
  public void oneTrajectory4Writers(Writer w) {
    appendOne(w);
  }

  @Benchmark
  @Threads(8)
  public void oneTrajectory8Writers(Writer w) {
    appendOne(w);
  }
}
