package thymos.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import thymos.ledger.spi.StoredEntry;

/**
 * Replay from SQLite (issue 4): {@link Replayer#replay} over the canonical bytes streamed by
 * {@code LedgerBackend.readBytes} (seq and bytes columns only) from a 100,000-entry {@code kv_put}
 * trajectory written once per trial into a fresh database file (the reads come from the OS page
 * cache, as a replay right after a run would). {@code readBytes} only drains the same stream, and
 * {@code read} the full-row stream of {@code LedgerBackend.read}, to separate the backend's share
 * from the Replayer's. Scores are entries per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class SqliteReplayBenchmark {

  static final int ENTRIES = 100_000;

  private TempSqlite store;
  private Hash32 trajectoryId;

  @Setup(Level.Trial)
  public void setUp() {
    store = new TempSqlite("NORMAL");
    KvTrajectory t = new KvTrajectory(42, ENTRIES, 1_000);
    trajectoryId = t.trajectoryId;
    List<StoredEntry> batch = new ArrayList<>(1_000);
    while (t.hasNext()) {
      batch.add(StoredEntry.of(t.nextEntry()));
      if (batch.size() == 1_000 || !t.hasNext()) {
        store.ledger.appendBatch(batch);
        batch.clear();
      }
    }
    // A benchmark of a failing replay would measure the wrong thing.
    ReplayReport r = replay();
    if (!r.verified() || r.entries() != ENTRIES) {
      throw new IllegalStateException("replay did not verify: " + r.toJson().canonicalString());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    store.close();
  }

  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public ReplayReport replay() {
    try (Stream<byte[]> rows = store.ledger.readBytes(trajectoryId)) {
      return Replayer.replay(trajectoryId, rows.iterator(), ReplayOptions.defaults());
    }
  }

  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public long readBytes() {
    try (Stream<byte[]> rows = store.ledger.readBytes(trajectoryId)) {
      long bytes = rows.mapToLong(b -> b.length).sum();
      if (bytes == 0) {
        throw new IllegalStateException("nothing read");
      }
      return bytes;
    }
  }

  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public long read() {
    try (Stream<StoredEntry> rows = store.ledger.read(trajectoryId)) {
      long bytes = rows.mapToLong(e -> e.canonicalBytes().length).sum();
      if (bytes == 0) {
        throw new IllegalStateException("nothing read");
      }
      return bytes;
    }
  }
}
