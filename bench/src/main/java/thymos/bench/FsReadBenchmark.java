package thymos.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.Warmup;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.spi.SeededEntropy;
import thymos.kernel.policy.PolicyEngine;
import thymos.kernel.registry.ToolRegistry;
import thymos.kernel.run.Outcome;
import thymos.kernel.run.Run;
import thymos.ledger.spi.memory.MemoryLedger;
import thymos.tools.BuiltinToolProvider;

/**
 * {@code fs_read} of a 4 KiB text file through the full governed path (T2, X2): {@link
 * Run#submit} on the in-memory ledger — the intent built inside the measured call, compile (all
 * stages, including schema validation of the args), redaction of the 4 KiB output, the tool (path
 * resolution with {@code lstat} per component, the no-follow open through directory handles, the
 * check after opening, the read, SHA-256 and strict UTF-8 decoding) and the append of the commit
 * entry. Each iteration starts a fresh ledger and run, as {@link ExecutionBenchmark} does. Scores
 * are sampled times per submission; the median is the target figure (≤ 200 µs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class FsReadBenchmark {

  private Path root;
  private JsonObject args;
  private SeededEntropy entropy;
  private Run run;

  @Setup(Level.Trial)
  public void files() throws IOException {
    root = Files.createTempDirectory("thymos-fsread");
    Path file = Files.createDirectories(root.resolve("src/main")).resolve("notes.txt");
    StringBuilder b = new StringBuilder();
    for (int i = 0; b.length() < 4096; i++) {
      b.append("line ").append(i).append(": the quick brown fox jumps over the lazy dog\n");
    }
    Files.writeString(file, b.substring(0, 4095) + "\n");
    args = Json.object(Map.of("path", Json.string("src/main/notes.txt")));
  }

  @Setup(Level.Iteration)
  public void setUp() {
    entropy = new SeededEntropy(13);
    JsonObject config = (JsonObject) Json.parse("{\"sandbox\":{\"roots\":["
        + Json.string(root.toString()) + "]}}");
    run = BenchRuns.open(new MemoryLedger(), entropy, List.of("fs_*"),
        ToolRegistry.builder().provider(new BuiltinToolProvider(), config).build(),
        PolicyEngine.empty());
  }

  @TearDown(Level.Trial)
  public void clean() {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Benchmark
  public Outcome submit() {
    Intent intent = Intent.of(new IntentBody(run.trajectoryId(), IntentKind.ACT, "fs_read", args,
        "bench", Optional.empty(), Optional.empty(), Nonce.of(entropy.bytes(Nonce.LENGTH))));
    Outcome o = run.submit(intent);
    if (!(o instanceof Outcome.Committed)) {
      throw new IllegalStateException("expected a commit, got " + o);
    }
    return o;
  }
}
