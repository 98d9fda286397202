package thymos.tck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.model.ApprovalPayload;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.DelegationLimits;
import thymos.api.model.Delta;
import thymos.api.model.DeltaOp;
import thymos.api.model.EffectClass;
import thymos.api.model.Entry;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.ResourceKey;
import thymos.api.model.ResourceState;
import thymos.api.model.RiskClass;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;
import thymos.api.spi.ManualClock;
import thymos.api.spi.SeededEntropy;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolDescriptor;
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.authority.TrustAnchor;
import thymos.kernel.authority.TrustAnchors;
import thymos.kernel.policy.PolicyEngine;
import thymos.kernel.policy.ThresholdApproval;
import thymos.kernel.registry.ToolRegistry;
import thymos.kernel.replay.AuthorityInput;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.ReplayReport;
import thymos.kernel.replay.Replayer;
import thymos.kernel.run.ApprovalChannel;
import thymos.kernel.run.Kernel;
import thymos.kernel.run.Outcome;
import thymos.kernel.run.Run;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.Page;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.memory.MemoryLedger;

/**
 * K2.2, equivalence with the reference (I5): one kernel runtime on the backend under test and one
 * on the in-memory reference backend receive the same actions — open a run, branch a run from one
 * of its entries (R7), submit intents that commit, are rejected, suspend for approval or fail,
 * approve, record model usage, let the clock run, reopen the store — and after every step their
 * trajectories must be identical: the same trajectories, heads and entry bytes, the same world
 * hash per run and the same replay report (a branch replayed with its source prefix, R7), whose
 * world hash is the run's.
 *
 * <p>Both runtimes are fed the same signed inputs (writs, intents and votes are made once and
 * given to both), read one {@link ManualClock} and draw from equally seeded entropy, so the
 * kernel's own output is deterministic (I6) and any difference comes from the backend. A reopen
 * rebuilds both runtimes (the reference on its unchanged memory store), so both draw the same
 * entropy.
 */
public final class Equivalence implements AutoCloseable {

  /** One store under test: every {@link #open} opens the same store (the TCK's reopen). */
  public interface Store extends AutoCloseable {
    /** A new handle on the store. */
    LedgerBackend open();

    /** Removes the store once every handle is closed. */
    @Override
    default void close() {}
  }

  // Every chain state not yet closed, so a property closes them even when a step threw.
  private static final Queue<Equivalence> OPEN =
      new ConcurrentLinkedQueue<>();

  static final int MAX_RUNS = 3;
  /** Runs opened plus branches: a branch may add one run past {@link #MAX_RUNS}. */
  static final int MAX_RUNS_WITH_BRANCHES = MAX_RUNS + 1;
  // Keys and entropy of a chain; chains differ, and a rerun from jqwik's seed repeats them only
  // in its actions, which is all that the comparison depends on.
  private static final AtomicLong SEEDS =
      new AtomicLong(7);
  static final String CHANNEL = "ops";
  static final long APPROVAL_ABOVE = 1_000;

  private final long seed;
  private final Store store;
  private final boolean reopenable;
  private final Signers keys;
  private final ManualClock clock = ManualClock.at(1_000_000);
  private final SeededEntropy inputs; // nonces of writs and intents, shared by both sides
  private final Side reference;
  private final Side tested;
  private final List<String> steps = new ArrayList<>();

  private Equivalence(long seed, Store store, boolean reopenable) {
    this.seed = seed;
    this.store = store;
    this.reopenable = reopenable;
    OPEN.add(this);
    this.keys = new Signers(seed);
    this.inputs = new SeededEntropy(seed ^ 0x5EED);
    MemoryLedger memory = new MemoryLedger();
    this.reference = new Side("reference", () -> memory, false);
    this.tested = new Side("tested", store, true);
  }

  /**
   * Action chains over a fresh store per chain; {@code newStore} gives a new, empty store each
   * call. {@code reopenable}: the backend keeps its entries across close and reopen
   * ({@code DURABLE_ACROSS_REOPEN}); otherwise the chain has no reopen action.
   */
  public static ActionChainArbitrary<Equivalence> chains(Supplier<Store> newStore,
      boolean reopenable, int maxSteps) {
    ActionChainArbitrary<Equivalence> chains = ActionChain.<Equivalence>startWith(
            () -> new Equivalence(SEEDS.getAndIncrement(), newStore.get(), reopenable))
        .withAction(3, new OpenRun())
        .withAction(1, new Branch())
        .withAction(8, new Submit())
        .withAction(2, new Approve())
        .withAction(2, new Usage())
        .withAction(1, new Tick());
    return (reopenable ? chains.withAction(1, new Reopen()) : chains)
        .withMaxTransformations(maxSteps);
  }

  /** The steps taken so far, for a failure message. */
  public List<String> steps() {
    return List.copyOf(steps);
  }

  /**
   * K2.2's comparison: same trajectory list, and per trajectory the same head, entry bytes,
   * replay report (R5) and, for runs, world hash (R4).
   *
   * @throws AssertionError naming the first difference and the steps that led to it
   */
  public void assertEquivalent() {
    List<Hash32> refTrajectories = reference.trajectories();
    check(refTrajectories.equals(tested.trajectories()), "trajectory lists differ: reference "
        + refTrajectories + ", tested " + tested.trajectories());
    AuthorityInput authority = reference.authorityInput();
    for (Hash32 t : refTrajectories) {
      check(reference.ledger.head(t).equals(tested.ledger.head(t)), "heads of traj:" + t.hex()
          + " differ: reference " + reference.ledger.head(t) + ", tested "
          + tested.ledger.head(t));
      List<byte[]> a = reference.bytes(t);
      List<byte[]> b = tested.bytes(t);
      check(a.size() == b.size(), "traj:" + t.hex() + " has " + a.size()
          + " entries in the reference and " + b.size() + " in the backend");
      for (int i = 0; i < a.size(); i++) {
        check(Arrays.equals(a.get(i), b.get(i)), "traj:" + t.hex() + " seq " + i
            + ": stored bytes differ from the reference's");
      }
      ReplayReport ra = replay(reference.ledger, t, authority);
      ReplayReport rb = replay(tested.ledger, t, tested.authorityInput());
      String ja = ra.toJson().canonicalString();
      String jb = rb.toJson().canonicalString();
      check(ja.equals(jb), "replay reports of traj:" + t.hex() + " differ:\n  reference "
          + ja + "\n  tested    " + jb);
      Run run = reference.runs.get(t);
      check(run == null || ra.worldHash().equals(run.world().hash()), "the replay of traj:"
          + t.hex() + " gives world " + ra.worldHash().hex() + ", the run holds "
          + (run == null ? "" : run.world().hash().hex()) + ": " + ra.violations());
    }
    for (Map.Entry<Hash32, Run> r : reference.runs.entrySet()) {
      Run other = tested.runs.get(r.getKey());
      check(other != null, "the backend's runtime lost run traj:" + r.getKey().hex());
      check(r.getValue().world().hash().equals(other.world().hash()), "world hashes of traj:"
          + r.getKey().hex() + " differ");
    }
  }

  /** Replays from the ledger: a branch with its source prefix (R7), anything else as stored. */
  private static ReplayReport replay(LedgerBackend ledger, Hash32 t, AuthorityInput authority) {
    return Replayer.replayBranch(ledger, t, ReplayOptions.defaults().collectAll()
        .withAuthority(authority));
  }

  private void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError("K2.2: the backend differs from the reference after "
          + steps.size() + " step(s) " + steps + " (chain seed " + seed + "): " + what);
    }
  }

  @Override
  public void close() {
    OPEN.remove(this);
    try {
      reference.close();
      tested.close();
    } finally {
      store.close();
    }
  }

  /** Closes every chain state still open (after a run, whether it passed or threw). */
  public static void closeAll() {
    Equivalence e;
    while ((e = OPEN.poll()) != null) {
      e.close();
    }
  }

  @Override
  public String toString() {
    return "Equivalence" + steps;
  }

  // --- applying one step to both sides ---------------------------------------------------

  private void openRun() {
    Writ writ = keys.writ(inputs, clock.nowMs());
    Hash32 ref = reference.open(writ);
    Hash32 test = tested.open(writ);
    check(ref.equals(test), "opening a run gave traj:" + ref.hex() + " and traj:" + test.hex());
    steps.add("open run " + ref.hex().substring(0, 8));
  }

  private void branch(int runIndex, int entryIndex) {
    Hash32 source = runAt(runIndex);
    List<byte[]> entries = reference.bytes(source);
    Hash32 at = Entry.parse(entries.get(entryIndex % entries.size())).id();
    Writ writ = keys.writ(inputs, clock.nowMs());
    Hash32 ref = reference.branch(writ, source, at);
    Hash32 test = tested.branch(writ, source, at);
    check(ref.equals(test), "branching gave traj:" + ref.hex() + " and traj:" + test.hex());
    steps.add("branch " + source.hex().substring(0, 8) + " at seq "
        + (entryIndex % entries.size()) + " -> " + ref.hex().substring(0, 8));
  }

  private void submit(int runIndex, Kind kind, String key, long value) {
    Hash32 t = runAt(runIndex);
    String tool = switch (kind) {
      case COMMIT, SUSPEND -> "kv_put";
      case REJECT -> "exec";
      case FAIL -> "kv_fail";
    };
    long v = kind == Kind.SUSPEND ? APPROVAL_ABOVE + value : Math.min(value, APPROVAL_ABOVE);
    JsonObject args = Json.object(Map.of("key", Json.string(key), "value", Json.integer(v)));
    Intent intent = Intent.of(new IntentBody(t, IntentKind.ACT, tool, args, "tck",
        Optional.empty(), Optional.empty(), Nonce.of(inputs.bytes(Nonce.LENGTH))));
    Outcome a = reference.runs.get(t).submit(intent);
    Outcome b = tested.runs.get(t).submit(intent);
    steps.add(kind.name().toLowerCase() + " " + tool + " " + key + "=" + v + " on "
        + t.hex().substring(0, 8) + " -> " + a.status());
    check(a.status().equals(b.status()), "outcomes differ: " + a.status() + " and "
        + b.status());
  }

  private void approve(int runIndex) {
    Hash32 t = runAt(runIndex);
    List<Outcome.Pending> pending = reference.runs.get(t).pending();
    if (pending.isEmpty()) {
      steps.add("approve on " + t.hex().substring(0, 8) + ": nothing pending");
      return;
    }
    ApprovalPayload vote = ApprovalPayload.sign(t, pending.getFirst().entry().id(),
        ApprovalPayload.Vote.APPROVE, Optional.of("tck"), keys.approver);
    String a = reference.runs.get(t).vote(vote).outcome().status();
    String b = tested.runs.get(t).vote(vote).outcome().status();
    steps.add("approve on " + t.hex().substring(0, 8) + " -> " + a);
    check(a.equals(b), "approval outcomes differ: " + a + " and " + b);
  }

  private void usage(int runIndex, long tokens) {
    Hash32 t = runAt(runIndex);
    reference.runs.get(t).recordUsage("tck", "scripted", tokens, tokens / 2, tokens / 10);
    tested.runs.get(t).recordUsage("tck", "scripted", tokens, tokens / 2, tokens / 10);
    steps.add("usage " + tokens + " on " + t.hex().substring(0, 8));
  }

  private void tick(long ms) {
    clock.advance(ms);
    steps.add("clock +" + ms + " ms");
  }

  private void reopen() {
    reference.reopen();
    tested.reopen();
    steps.add("reopen the store");
  }

  private Hash32 runAt(int index) {
    List<Hash32> ids = new ArrayList<>(reference.runs.keySet());
    return ids.get(index % ids.size());
  }

  private enum Kind { COMMIT, REJECT, SUSPEND, FAIL }

  // --- one runtime over one store ---------------------------------------------------------

  private final class Side {
    final String name;
    final Store store;
    final boolean closeOnReopen;
    final SeededEntropy entropy;
    final Map<Hash32, Run> runs = new LinkedHashMap<>();
    LedgerBackend ledger;
    AuthorityLedger authority;
    Kernel kernel;

    Side(String name, Store store, boolean closeOnReopen) {
      this.name = name;
      this.store = store;
      this.closeOnReopen = closeOnReopen;
      this.entropy = new SeededEntropy(seed);
      this.ledger = store.open();
      build();
    }

    void build() {
      authority = AuthorityLedger.open(ledger,
          TrustAnchors.of(TrustAnchor.anyTenant(keys.anchor.publicKey())), clock);
      kernel = Kernel.builder(ledger, authority, clock, entropy)
          .tools(ToolRegistry.builder().tool(new KvPut("kv_put", false))
              .tool(new KvPut("kv_fail", true)).build())
          .policies(PolicyEngine.of(new ThresholdApproval("kv_put", "value", APPROVAL_ABOVE,
              CHANNEL, 1)))
          .channel(ApprovalChannel.of(CHANNEL, 1, List.of(keys.approver.publicKey())))
          .build();
    }

    Hash32 open(Writ writ) {
      authority.register(writ).entryOrThrow();
      Run run = kernel.open(writ.id(), "tck run");
      runs.put(run.trajectoryId(), run);
      return run.trajectoryId();
    }

    Hash32 branch(Writ writ, Hash32 source, Hash32 at) {
      authority.register(writ).entryOrThrow();
      Run run = kernel.branch(source, at, writ.id(), "tck branch");
      runs.put(run.trajectoryId(), run);
      return run.trajectoryId();
    }

    void reopen() {
      List<Hash32> ids = new ArrayList<>(runs.keySet());
      runs.clear();
      if (closeOnReopen) {
        ledger.close();
        ledger = store.open();
      }
      build();
      for (Hash32 t : ids) {
        runs.put(t, kernel.resume(t));
      }
    }

    List<Hash32> trajectories() {
      List<Hash32> all = new ArrayList<>();
      PageRequest<Hash32> page = PageRequest.first(50);
      while (true) {
        Page<Hash32> p = ledger.trajectories(page);
        all.addAll(p.items());
        if (!p.hasMore()) {
          return all;
        }
        page = PageRequest.after(p.items().getLast(), 50);
      }
    }

    List<byte[]> bytes(Hash32 t) {
      try (Stream<byte[]> s = ledger.readBytes(t)) {
        return s.toList();
      }
    }

    AuthorityInput authorityInput() {
      Iterator<byte[]> it = bytes(AuthorityLedger.TRAJECTORY_ID).iterator();
      return AuthorityInput.fromEntries(it,
          TrustAnchors.of(TrustAnchor.anyTenant(keys.anchor.publicKey())));
    }

    void close() {
      ledger.close();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The keys of one chain: a trust anchor, the agent the writs name, one approver. */
  private static final class Signers {
    final Ed25519Signer anchor;
    final Ed25519Signer agent;
    final Ed25519Signer approver;

    Signers(long seed) {
      SeededEntropy e = new SeededEntropy(seed);
      anchor = Ed25519Signer.generate(e);
      agent = Ed25519Signer.generate(e);
      approver = Ed25519Signer.generate(e);
    }

    Writ writ(SeededEntropy nonces, long nowMs) {
      return Writ.sign(new WritBody("anchor", anchor.publicKey(), "agent", agent.publicKey(),
          Optional.empty(), "system", List.of("kv_*"), new Budget(1_000_000, 1_000, 86_400_000,
              1_000_000), Ceiling.ALL, nowMs, nowMs + 86_400_000, new DelegationLimits(0, false),
          Nonce.of(nonces.bytes(Nonce.LENGTH))), anchor);
    }
  }

  /** {@code kv_put}: create or replace {@code kv/<key>}; {@code kv_fail}: a typed tool error. */
  record KvPut(String name, boolean failing) implements Tool {

    @Override
    public ToolDescriptor descriptor() {
      return new ToolDescriptor(name, "1.0", "TCK key-value tool", (JsonObject) Json.parse(
          "{\"type\":\"object\",\"properties\":{\"key\":{\"type\":\"string\"},\"value\":"
              + "{\"type\":\"integer\"}},\"required\":[\"key\",\"value\"]}"), EffectClass.WRITE,
          RiskClass.LOW, false);
    }

    @Override
    public Budget estimate(JsonObject args) {
      return new Budget(0, 1, 0, 0);
    }

    @Override
    public ToolOutcome execute(ToolContext context) {
      if (failing) {
        return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, "kv_fail always fails");
      }
      String key = ((JsonString) context.args().get("key").orElseThrow()).value();
      ResourceKey rk = new ResourceKey("kv", key);
      Optional<ResourceState> now = context.world().stateIncludingRetracted(rk);
      Json value = context.args().get("value").orElseThrow();
      DeltaOp op = now.isEmpty() || now.get().retracted() ? new DeltaOp.Create(rk, value)
          : new DeltaOp.Replace(rk, now.get().version(), value);
      return ToolResult.of(Json.object(Map.of("ok", Json.bool(true))), Delta.of(op));
    }
  }

  // --- the actions ------------------------------------------------------------------------

  private static final class OpenRun implements Action.Dependent<Equivalence> {
    @Override
    public boolean precondition(Equivalence s) {
      return s.reference.runs.size() < MAX_RUNS;
    }

    @Override
    public Arbitrary<Transformer<Equivalence>> transformer(Equivalence s) {
      return Arbitraries.just(Transformer.mutate("open a run", Equivalence::openRun));
    }
  }

  private static final class Branch implements Action.Dependent<Equivalence> {
    @Override
    public boolean precondition(Equivalence s) {
      return !s.reference.runs.isEmpty() && s.reference.runs.size() < MAX_RUNS_WITH_BRANCHES;
    }

    @Override
    public Arbitrary<Transformer<Equivalence>> transformer(Equivalence s) {
      return Combinators.combine(Arbitraries.integers().between(0, MAX_RUNS_WITH_BRANCHES - 1),
          Arbitraries.integers().between(0, 1_000))
          .as((run, entry) -> Transformer.mutate("branch run " + run + " at entry " + entry,
              e -> e.branch(run, entry)));
    }
  }

  private static final class Submit implements Action.Dependent<Equivalence> {
    @Override
    public boolean precondition(Equivalence s) {
      return !s.reference.runs.isEmpty();
    }

    @Override
    public Arbitrary<Transformer<Equivalence>> transformer(Equivalence s) {
      Arbitrary<Kind> kinds = Arbitraries.frequency(Tuple(6, Kind.COMMIT), Tuple(2, Kind.REJECT),
          Tuple(2, Kind.SUSPEND), Tuple(1, Kind.FAIL));
      return Combinators.combine(Arbitraries.integers().between(0, MAX_RUNS_WITH_BRANCHES - 1), kinds,
          Arbitraries.of("a", "b", "c", "d"), Arbitraries.longs().between(0, 5_000))
          .as((run, kind, key, value) -> Transformer.mutate("submit " + kind + " " + key + "="
              + value, e -> e.submit(run, kind, key, value)));
    }

    private static net.jqwik.api.Tuple.Tuple2<Integer, Kind> Tuple(int w, Kind k) {
      return net.jqwik.api.Tuple.of(w, k);
    }
  }

  private static final class Approve implements Action.Dependent<Equivalence> {
    @Override
    public boolean precondition(Equivalence s) {
      return !s.reference.runs.isEmpty();
    }

    @Override
    public Arbitrary<Transformer<Equivalence>> transformer(Equivalence s) {
      return Arbitraries.integers().between(0, MAX_RUNS_WITH_BRANCHES - 1)
          .map(run -> Transformer.mutate("approve", e -> e.approve(run)));
    }
  }

  private static final class Usage implements Action.Dependent<Equivalence> {
    @Override
    public boolean precondition(Equivalence s) {
      return !s.reference.runs.isEmpty();
    }

    @Override
    public Arbitrary<Transformer<Equivalence>> transformer(Equivalence s) {
      return Combinators.combine(Arbitraries.integers().between(0, MAX_RUNS_WITH_BRANCHES - 1),
          Arbitraries.longs().between(1, 5_000))
          .as((run, tokens) -> Transformer.mutate("usage " + tokens, e -> e.usage(run, tokens)));
    }
  }

  private static final class Tick implements Action.Independent<Equivalence> {
    @Override
    public Arbitrary<Transformer<Equivalence>> transformer() {
      return Arbitraries.longs().between(1, 60_000)
          .map(ms -> Transformer.mutate("clock +" + ms, e -> e.tick(ms)));
    }
  }

  private static final class Reopen implements Action.Independent<Equivalence> {
    @Override
    public Arbitrary<Transformer<Equivalence>> transformer() {
      return Arbitraries.just(Transformer.mutate("reopen", Equivalence::reopen));
    }
  }
}
