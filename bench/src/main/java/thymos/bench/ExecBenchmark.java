package thymos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.World;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;
import thymos.tools.BuiltinToolProvider;

/**
 * {@code exec} of {@code true} through the built-in tool and a warm worker (T4: profile lookup,
 * sandbox check of the folder, one request and one response frame, the worker's spawn, drains and
 * wait), against a bare {@link ProcessBuilder} spawn of {@code true} in this JVM. Sample time, so
 * JMH reports the median (p0.50) the target speaks of (&lt; 20 ms).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExecBenchmark {

  private Path root;
  private Tool exec;
  private ToolContext context;
  private String truePath;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    root = Files.createTempDirectory("thymos-exec-bench");
    JsonObject config = (JsonObject) Json.parse("{\"sandbox\":{\"roots\":["
        + Json.string(root.toString()) + "]},\"exec\":{\"profile\":\"bench\","
        + "\"profiles\":{\"bench\":[\"true\"]},\"workers\":1}}");
    exec = new BuiltinToolProvider().tools(config).stream()
        .filter(t -> t.descriptor().name().equals("exec")).findFirst().orElseThrow();
    context = new ToolContext((JsonObject) Json.parse("{\"argv\":[\"true\"]}"), World.EMPTY,
        Hash32.of(new byte[32]), Long.MAX_VALUE, ToolContext.Cancellation.NEVER,
        Optional.empty());
    truePath = List.of("/usr/bin/true", "/bin/true").stream()
        .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElseThrow();
    execTrue(); // starts the worker: the benchmark measures a warm one
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    ((AutoCloseable) exec).close();
    Files.deleteIfExists(root);
  }

  @Benchmark
  public ToolOutcome execTrue() {
    ToolOutcome o = exec.execute(context);
    if (!(o instanceof ToolResult)) {
      throw new IllegalStateException("exec true failed: " + o);
    }
    return o;
  }

  @Benchmark
  public int bareSpawnTrue() throws IOException, InterruptedException {
    return new ProcessBuilder(truePath).start().waitFor();
  }
}
