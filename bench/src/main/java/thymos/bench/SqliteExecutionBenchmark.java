package thymos.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonNumber;
import thymos.api.json.JsonObject;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.spi.SeededEntropy;
import thymos.kernel.policy.PolicyEngine;
import thymos.kernel.policy.TenantIsolation;
import thymos.kernel.policy.ToolRate;
import thymos.kernel.registry.ToolRegistry;
import thymos.kernel.run.Outcome;
import thymos.kernel.run.Run;

/**
 * Governed execution on a durable ledger (issue 4): {@link ExecutionBenchmark}'s {@link
 * Run#submit} of a {@code kv_put} intent — compile, policy ({@code tool.rate}, {@code
 * tenant.isolation}), the tool, the trial apply — with the commit appended to a SQLite ledger file
 * ({@code synchronous=NORMAL} or {@code FULL}) instead of memory. Each iteration starts a fresh
 * database file in a temp folder, with the authority trajectory and the run in it. Scores are
 * sampled times per submission; the median is the target figure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SqliteExecutionBenchmark {

  @Param({"NORMAL", "FULL"})
  public String synchronous;

  private TempSqlite store;
  private SeededEntropy entropy;
  private Run run;
  private long n;

  @Setup(Level.Iteration)
  public void setUp() {
    store = new TempSqlite(synchronous);
    entropy = new SeededEntropy(11);
    run = BenchRuns.open(store.ledger, entropy, List.of("kv_*"),
        ToolRegistry.builder().tool(new ExecutionBenchmark.KvPut()).build(),
        PolicyEngine.of(new ToolRate("kv_put", JsonNumber.MAX_SAFE_INTEGER),
            new TenantIsolation()));
    n = 0;
  }

  @TearDown(Level.Iteration)
  public void tearDown() {
    store.close();
  }

  @Benchmark
  public Outcome submit() {
    long i = n++;
    JsonObject args = Json.object(Map.of("key",
        Json.string("customers/" + (i % ExecutionBenchmark.KEYS)), "value", Json.integer(i)));
    Intent intent = Intent.of(new IntentBody(run.trajectoryId(), IntentKind.ACT, "kv_put", args,
        "bench", Optional.empty(), Optional.empty(), Nonce.of(entropy.bytes(Nonce.LENGTH))));
    Outcome o = run.submit(intent);
    if (!(o instanceof Outcome.Committed)) {
      throw new IllegalStateException("expected a commit, got " + o);
    }
    return o;
  }
}
