package thymos.bench;

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
import thymos.api.crypto.DocType;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Entry;

/**
 * Per-entry costs on one {@code kv_put} commit entry of about 1.6 KB (its size is printed at
 * setup): RFC 8785 canonicalisation of the entry's JSON value, strict parse of its bytes, the
 * full stored-entry read ({@link Entry#parse}: parse, canonical check, model, id check) and the
 * entry id ({@link Ids#id}: canonicalise + BLAKE3). Scores are microseconds per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class CodecBenchmark {

  private JsonObject json;
  private JsonObject withoutId;
  private byte[] bytes;

  @Setup(Level.Trial)
  public void setUp() {
    KvTrajectory t = new KvTrajectory(3, 1_002, 1_000);
    Entry e = t.nextEntry();
    for (int i = 0; i < 1_001; i++) {
      e = t.nextEntry(); // the last one is a replace, with a versioned delta
    }
    json = e.toJson();
    withoutId = e.withoutId();
    bytes = e.canonicalBytes();
    System.out.println("entry size: " + bytes.length + " bytes");
  }

  @Benchmark
  public byte[] canonicalize() {
    return json.canonicalBytes();
  }

  @Benchmark
  public Json parseStrict() {
    return Json.parse(bytes);
  }

  @Benchmark
  public Entry parseEntry() {
    return Entry.parse(bytes);
  }

  @Benchmark
  public Hash32 entryId() {
    return Ids.id(DocType.ENTRY, withoutId);
  }
}
