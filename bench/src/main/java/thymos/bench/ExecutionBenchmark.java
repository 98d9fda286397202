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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonNumber;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.model.Budget;
import thymos.api.model.Delta;
import thymos.api.model.DeltaOp;
import thymos.api.model.EffectClass;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.ResourceKey;
import thymos.api.model.ResourceState;
import thymos.api.model.RiskClass;
import thymos.api.spi.SeededEntropy;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolDescriptor;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;
import thymos.kernel.policy.PolicyEngine;
import thymos.kernel.policy.TenantIsolation;
import thymos.kernel.policy.ToolRate;
import thymos.kernel.registry.ToolRegistry;
import thymos.kernel.run.Outcome;
import thymos.kernel.run.Run;
import thymos.ledger.spi.memory.MemoryLedger;

/**
 * Execution overhead per proposal (issue 3): {@link Run#submit} of a {@code kv_put} intent on the
 * in-memory ledger — compile (all 18 stages), the policy engine with the {@code tool.rate} and
 * {@code tenant.isolation} built-ins, redaction, the tool (a map put returning a one-op delta),
 * the trial apply and the append of the commit. The intent is built inside the measured call
 * (its id is one BLAKE3 over the canonical body), so the figure slightly overstates the kernel's
 * share. Keys cycle over 1,000 resources; each iteration starts a fresh ledger and run so the
 * in-memory ledger does not grow without bound. Scores are sampled times per submission; the
 * median is the target figure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class ExecutionBenchmark {

  static final int KEYS = 1_000;

  private SeededEntropy entropy;
  private Run run;
  private long n;

  /** A local {@code write} tool: create or replace {@code kv/<key>} with {@code value}. */
  static final class KvPut implements Tool {
    private static final ToolDescriptor DESCRIPTOR = new ToolDescriptor("kv_put", "1.0",
        "put a value", (JsonObject) Json.parse("{\"type\":\"object\",\"properties\":{\"key\":"
            + "{\"type\":\"string\"},\"value\":{\"type\":\"integer\"}},\"required\":[\"key\","
            + "\"value\"]}"), EffectClass.WRITE, RiskClass.LOW, false);
    private static final Budget ONE_CALL = new Budget(0, 1, 0, 0);

    @Override
    public ToolDescriptor descriptor() {
      return DESCRIPTOR;
    }

    @Override
    public Budget estimate(JsonObject args) {
      return ONE_CALL;
    }

    @Override
    public ToolOutcome execute(ToolContext c) {
      String key = ((JsonString) c.args().get("key").orElseThrow()).value();
      Json value = c.args().get("value").orElseThrow();
      ResourceKey rk = new ResourceKey(KvTrajectory.KV, key);
      Optional<ResourceState> now = c.world().stateIncludingRetracted(rk);
      DeltaOp op = now.isEmpty() ? new DeltaOp.Create(rk, value)
          : new DeltaOp.Replace(rk, now.get().version(), value);
      return ToolResult.of(Json.object(Map.of("ok", Json.bool(true))), Delta.of(op));
    }
  }

  @Setup(Level.Iteration)
  public void setUp() {
    entropy = new SeededEntropy(11);
    run = BenchRuns.open(new MemoryLedger(), entropy, List.of("kv_*"),
        ToolRegistry.builder().tool(new KvPut()).build(),
        PolicyEngine.of(new ToolRate("kv_put", JsonNumber.MAX_SAFE_INTEGER),
            new TenantIsolation()));
    n = 0;
  }

  @Benchmark
  public Outcome submit() {
    long i = n++;
    JsonObject args = Json.object(Map.of("key", Json.string("customers/" + (i % KEYS)),
        "value", Json.integer(i)));
    Intent intent = Intent.of(new IntentBody(run.trajectoryId(), IntentKind.ACT, "kv_put", args,
        "bench", Optional.empty(), Optional.empty(), Nonce.of(entropy.bytes(Nonce.LENGTH))));
    Outcome o = run.submit(intent);
    if (!(o instanceof Outcome.Committed)) {
      throw new IllegalStateException("expected a commit, got " + o);
    }
    return o;
  }
}
