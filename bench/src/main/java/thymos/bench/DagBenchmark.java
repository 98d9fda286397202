package thymos.bench;

import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Nonce;
import thymos.api.crypto.PublicKey;
import thymos.api.json.Json;
import thymos.api.json.JsonNumber;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.DelegationLimits;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;
import thymos.api.spi.KeyStore;
import thymos.api.spi.ManualClock;
import thymos.api.spi.SeededEntropy;
import thymos.api.spi.Signer;
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.authority.TrustAnchor;
import thymos.kernel.authority.TrustAnchors;
import thymos.kernel.policy.PolicyEngine;
import thymos.kernel.registry.ToolRegistry;
import thymos.kernel.replay.AuthorityInput;
import thymos.kernel.replay.DelegationDag;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.Replayer;
import thymos.kernel.replay.TreeReport;
import thymos.kernel.run.Delegation;
import thymos.kernel.run.Kernel;
import thymos.kernel.run.Outcome;
import thymos.kernel.run.Run;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.memory.MemoryLedger;

/**
 * Delegation DAG projection and replay (issue 7; 09 §D4, 07 §R8) of a tree of 10,000 delegation
 * edges built once per trial through the real kernel ({@link Run#delegate}): the root delegates
 * to {@value #CHILDREN} children, each of which delegates to {@value #GRANDCHILDREN}
 * grandchildren (depth 2, 10,001 trajectories). Every child and every tenth grandchild also
 * commits one {@code kv_put}, so nodes carry spend. {@code project} is {@link
 * DelegationDag#project} from the ledger alone; {@code verify} is R8's check of every edge
 * ({@link DelegationDag#verify}) on a DAG projected in set-up, with the writs looked up in the
 * kernel's {@link AuthorityLedger}; {@code projectAndVerify} is both; {@code replayTree} is R8 in
 * full (every trajectory replayed, then every edge). Scores are DAG nodes per
 * second. {@code backend} is the in-memory ledger or a fresh SQLite file ({@code synchronous =
 * NORMAL}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class DagBenchmark {

  static final int CHILDREN = 100;
  static final int GRANDCHILDREN = 99;
  static final int EDGES = CHILDREN + CHILDREN * GRANDCHILDREN;
  static final int NODES = EDGES + 1;

  private static final System.Logger LOG = System.getLogger(DagBenchmark.class.getName());
  private static final String CHILD = delegateArgs("child", List.of("kv_put", "delegate"), 1,
      new Budget(100_000, 1_000, 10_000_000, 100_000));
  private static final String GRANDCHILD = delegateArgs("grandchild", List.of("kv_put"), 0,
      new Budget(100, 2, 10_000, 100));

  @Param({"memory", "sqlite"})
  public String backend;

  private TempSqlite sqlite;
  private LedgerBackend ledger;
  private AuthorityLedger authority;
  private SeededEntropy entropy;
  private Hash32 root;
  private DelegationDag projected;
  private ReplayOptions replayOptions;

  @Setup(Level.Trial)
  public void setUp() {
    long start = System.nanoTime();
    if (backend.equals("sqlite")) {
      sqlite = new TempSqlite("NORMAL");
      ledger = sqlite.ledger;
    } else {
      ledger = new MemoryLedger();
    }
    entropy = new SeededEntropy(7);
    Run top = openRoot();
    root = top.trajectoryId();
    commit(top, 0);
    // Breadth-first: the root delegates to all its children before they have children.
    List<Run> children = new ArrayList<>(CHILDREN);
    for (int c = 0; c < CHILDREN; c++) {
      children.add(delegate(top, CHILD));
    }
    for (int c = 0; c < CHILDREN; c++) {
      Run child = children.get(c);
      commit(child, c);
      for (int g = 0; g < GRANDCHILDREN; g++) {
        Run grandchild = delegate(child, GRANDCHILD);
        if (g % 10 == 0) {
          commit(grandchild, g);
        }
      }
    }
    long built = System.nanoTime();
    // A benchmark of an empty or failing DAG would measure the wrong thing.
    projected = DelegationDag.project(ledger, root);
    List<DelegationDag.Verdict> verdicts = projected.verify(authority::writ);
    if (projected.edges().size() != EDGES || projected.nodes().size() != NODES
        || projected.depth() != 2 || verdicts.size() != EDGES
        || !verdicts.stream().allMatch(DelegationDag.Verdict::ok)) {
      throw new IllegalStateException("expected " + EDGES + " edges, " + NODES
          + " nodes, depth 2, every verdict ok; got " + projected.edges().size() + " edges, "
          + projected.nodes().size() + " nodes, depth " + projected.depth() + ", failing: "
          + verdicts.stream().filter(v -> !v.ok()).limit(3).toList());
    }
    AuthorityInput input;
    try (var a = ledger.readBytes(AuthorityLedger.TRAJECTORY_ID)) {
      input = AuthorityInput.fromEntries(a.iterator(), authority.anchors());
    }
    replayOptions = ReplayOptions.defaults().withAuthority(input);
    if (!Replayer.replayTree(ledger, root, replayOptions).verified()) {
      throw new IllegalStateException("the tree does not replay");
    }
    LOG.log(System.Logger.Level.INFO, "DagBenchmark set-up on {0}: tree of {1} edges built in"
        + " {2} ms, checked in {3} ms", backend, EDGES, (built - start) / 1_000_000,
        (System.nanoTime() - built) / 1_000_000);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (sqlite != null) {
      sqlite.close();
    }
  }

  @Benchmark
  @OperationsPerInvocation(NODES)
  public DelegationDag project() {
    return DelegationDag.project(ledger, root);
  }

  @Benchmark
  @OperationsPerInvocation(NODES)
  public List<DelegationDag.Verdict> verify() {
    return projected.verify(authority::writ);
  }

  @Benchmark
  @OperationsPerInvocation(NODES)
  public List<DelegationDag.Verdict> projectAndVerify() {
    return DelegationDag.project(ledger, root).verify(authority::writ);
  }

  /**
   * R8 in full: {@link Replayer#replayTree} replays every one of the 10,001 trajectories (R2:
   * hashes, chain, signatures, content, authority) and verifies every edge.
   */
  @Benchmark
  @OperationsPerInvocation(NODES)
  public TreeReport replayTree() {
    TreeReport t = Replayer.replayTree(ledger, root, replayOptions);
    if (!t.verified()) {
      throw new IllegalStateException("the tree did not verify");
    }
    return t;
  }

  /**
   * A trust anchor, alice's root writ (scopes {@code kv_*} and {@code delegate}, a budget that
   * never runs out, delegation depth 2) and a kernel that can sign child writs with alice's key
   * (W6); opens the root run.
   */
  private Run openRoot() {
    Ed25519Signer anchor = Ed25519Signer.generate(entropy);
    Ed25519Signer alice = Ed25519Signer.generate(entropy);
    ManualClock clock = ManualClock.at(2_000);
    authority = AuthorityLedger.open(ledger,
        TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey())), clock);
    long max = JsonNumber.MAX_SAFE_INTEGER;
    Writ writ = Writ.sign(new WritBody("anchor", anchor.publicKey(), "alice", alice.publicKey(),
        Optional.empty(), "system", List.of("kv_*", "delegate"), new Budget(max, max, max, max),
        Ceiling.ALL, 1_000, 1_000_000_000, new DelegationLimits(2, true),
        Nonce.of(entropy.bytes(Nonce.LENGTH))), anchor);
    authority.register(writ).entryOrThrow();
    Kernel kernel = Kernel.builder(ledger, authority, clock, entropy)
        .tools(ToolRegistry.builder().tool(new ExecutionBenchmark.KvPut()).build())
        .policies(PolicyEngine.of()).delegationKeys(new OneKey(alice)).build();
    return kernel.open(writ.id(), "dag bench");
  }

  private Run delegate(Run parent, String args) {
    Delegation.Result r = parent.delegate(intent(parent, IntentKind.DELEGATE, "delegate",
        (JsonObject) Json.parse(args)));
    if (!(r instanceof Delegation.Delegated d)) {
      throw new IllegalStateException("delegation refused: " + r);
    }
    return d.child();
  }

  private void commit(Run run, int n) {
    Outcome o = run.submit(intent(run, IntentKind.ACT, "kv_put",
        Json.object(Map.of("key", Json.string("k/" + n), "value", Json.integer(n)))));
    if (!(o instanceof Outcome.Committed)) {
      throw new IllegalStateException("expected a commit, got " + o);
    }
  }

  private Intent intent(Run run, IntentKind kind, String tool, JsonObject args) {
    return Intent.of(new IntentBody(run.trajectoryId(), kind, tool, args, "bench",
        Optional.empty(), Optional.empty(), Nonce.of(entropy.bytes(Nonce.LENGTH))));
  }

  private static String delegateArgs(String task, List<String> scopes, int maxDepth, Budget b) {
    return Json.object(Map.of("task", Json.string(task),
        "scopes", Json.array(scopes.stream().map(Json::string).toList()),
        "max_depth", Json.integer(maxDepth), "budget", b.toJson())).canonicalString();
  }

  /** The key SPI holding alice's key only (the kernel keeps the keys it mints for children). */
  private record OneKey(Ed25519Signer key) implements KeyStore {

    @Override
    public Optional<Signer> find(PublicKey publicKey) {
      return publicKey.equals(key.publicKey()) ? Optional.of(key) : Optional.empty();
    }

    @Override
    public Optional<Signer> findByAlias(String alias) {
      return alias.equals("alice") ? Optional.of(key) : Optional.empty();
    }

    @Override
    public List<String> aliases() {
      return List.of("alice");
    }

    @Override
    public List<PublicKey> publicKeys() {
      return List.of(key.publicKey());
    }
  }
}
