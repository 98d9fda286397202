package thymos.kernel.run;

import java.util.ArrayList;
import java.util.List;
import thymos.api.spi.Signer;
import thymos.api.spi.KeyStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
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
import thymos.api.spi.ConditionCheck;
import thymos.api.spi.ManualClock;
import thymos.api.spi.Policy;
import thymos.api.spi.Reconciliation;
import thymos.api.spi.SeededEntropy;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolDescriptor;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.authority.TrustAnchor;
import thymos.kernel.authority.TrustAnchors;
import thymos.kernel.compiler.ChainSource;
import thymos.kernel.policy.PolicyEngine;
import thymos.kernel.registry.ToolRegistry;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.ReplayReport;
import thymos.kernel.replay.Replayer;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.StoredEntry;
import thymos.ledger.spi.memory.MemoryLedger;

/**
 * A memory ledger, a manual clock, seeded keys (anchor → alice's writ; approvers ann, bob, cy; an
 * outsider), counting tools and a kernel that can be closed and reopened on the same ledger.
 */
final class RunFixture {

  static final String KV_SCHEMA = "{\"type\":\"object\",\"properties\":{\"key\":{\"type\":"
      + "\"string\"},\"value\":{}},\"required\":[\"key\",\"value\"]}";

  final SeededEntropy entropy;
  final Ed25519Signer anchor;
  final Ed25519Signer alice;
  final Ed25519Signer ann;
  final Ed25519Signer bob;
  final Ed25519Signer cy;
  final Ed25519Signer outsider;
  final ManualClock clock = ManualClock.at(2_000);
  final LedgerBackend ledger;
  final KvTool put = new KvTool("kv_put", EffectClass.WRITE, RiskClass.LOW);
  final KvTool send = new KvTool("mail_send", EffectClass.EXTERNAL, RiskClass.MEDIUM);
  final KvTool drop = new KvTool("kv_drop", EffectClass.IRREVERSIBLE, RiskClass.HIGH);
  final List<Policy> policies = new ArrayList<>();
  final List<RunEvent> events = new ArrayList<>();
  /** More tools for the registry, taking effect at the next {@link #reopen()}. */
  final List<Tool> extraTools = new ArrayList<>();
  Optional<ChainSource> view = Optional.empty();
  boolean irreversibleGate = true;
  long ttlMs = 0; // 0: pending entries never expire
  Writ writ;
  AuthorityLedger authority;
  Kernel kernel;

  RunFixture() {
    this(42, new MemoryLedger());
  }

  RunFixture(long seed, LedgerBackend ledger) {
    entropy = new SeededEntropy(seed);
    anchor = Ed25519Signer.generate(entropy);
    alice = Ed25519Signer.generate(entropy);
    ann = Ed25519Signer.generate(entropy);
    bob = Ed25519Signer.generate(entropy);
    cy = Ed25519Signer.generate(entropy);
    outsider = Ed25519Signer.generate(entropy);
    this.ledger = ledger;
    writ = writ(d -> {});
    reopen();
    authority.register(writ).entryOrThrow();
  }

  /** A root writ from the anchor to alice, changed by {@code edit}. */
  Writ writ(Consumer<Draft> edit) {
    Draft d = new Draft();
    edit.accept(d);
    return Writ.sign(new WritBody("anchor", anchor.publicKey(), "alice", alice.publicKey(),
        Optional.empty(), "system", d.scopes, d.budget, d.ceiling, 1_000, d.expiresAtMs,
        new DelegationLimits(3, true), Nonce.of(entropy.bytes(Nonce.LENGTH))), anchor);
  }

  /** Registers another writ and makes it the fixture's. */
  Writ rewrit(Consumer<Draft> edit) {
    writ = writ(edit);
    authority.register(writ).entryOrThrow();
    return writ;
  }

  /** Builds a fresh kernel on the same ledger, as a restarted process would. */
  Kernel reopen() {
    authority = AuthorityLedger.open(ledger,
        TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey())), clock);
    ToolRegistry.Builder registry = ToolRegistry.builder().tool(put).tool(send).tool(drop);
    extraTools.forEach(registry::tool);
    Kernel.Builder b = Kernel.builder(ledger, authority, clock, entropy)
        .tools(registry.build())
        .policies(PolicyEngine.of(policies))
        .irreversibleGate(irreversibleGate)
        .listener(events::add);
    ApprovalChannel ops = ApprovalChannel.of("ops", 2,
        List.of(ann.publicKey(), bob.publicKey(), cy.publicKey()));
    ApprovalChannel irr = ApprovalChannel.of("irreversible", 1, List.of(ann.publicKey()));
    if (ttlMs > 0) {
      ops = ops.expiringAfter(ttlMs);
      irr = irr.expiringAfter(ttlMs);
    }
    b.channel(ops).channel(irr);
    view.ifPresent(b::authorityView);
    kernel = b.build();
    return kernel;
  }

  /**
   * A policy named {@code name} that asks channel {@code ops} to approve an intent whose {@code
   * key} argument starts with {@code prefix}, and permits everything else.
   */
  static Policy askingFor(String name, String prefix) {
    return new Policy() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String version() {
        return "1";
      }

      @Override
      public JsonObject content() {
        return Json.object(java.util.Map.of("prefix", Json.string(prefix)));
      }

      @Override
      public thymos.api.model.Decision evaluate(thymos.api.spi.PolicyContext c) {
        boolean ask = c.intent().body().args().get("key").map(k -> k instanceof JsonString js
            && js.value().startsWith(prefix)).orElse(false);
        return ask ? new thymos.api.model.Decision.RequireApproval("ops", name + ": " + prefix,
            Optional.empty()) : thymos.api.model.Decision.Permit.INSTANCE;
      }
    };
  }

  /** A key store holding exactly {@code signers} (no aliases, cannot mint). */
  static KeyStore holding(Signer... signers) {
    return thymos.kernel.authority.TestKeyStore.holding(signers);
  }

  /** Invocations of every tool. */
  int invocations() {
    return put.invocations.get() + send.invocations.get() + drop.invocations.get();
  }

  /** Registers a fresh writ and opens a run on it (a writ binds one run). */
  Run rewritAndOpen() {
    rewrit(d -> { });
    return open();
  }

  Run open() {
    return kernel.open(writ.id(), "test run");
  }

  Intent intent(Run run, String tool, String argsJson) {
    return Intent.of(new IntentBody(run.trajectoryId(), IntentKind.ACT, tool,
        (JsonObject) Json.parse(argsJson), "scripted", Optional.empty(), Optional.empty(),
        Nonce.of(entropy.bytes(Nonce.LENGTH))));
  }

  Intent put(Run run, String key, int value) {
    return intent(run, "kv_put", "{\"key\":\"" + key + "\",\"value\":" + value + "}");
  }

  ApprovalPayload vote(Run run, Hash32 pending, ApprovalPayload.Vote decision,
      Ed25519Signer who) {
    return ApprovalPayload.sign(run.trajectoryId(), pending, decision, Optional.empty(), who);
  }

  /** Every stored entry of the run's trajectory, parsed. */
  List<Entry> entries(Hash32 trajectoryId) {
    try (var s = ledger.read(trajectoryId)) {
      return s.map(e -> Entry.parse(e.canonicalBytes())).toList();
    }
  }

  List<byte[]> bytes(Hash32 trajectoryId) {
    try (var s = ledger.read(trajectoryId)) {
      return s.map(StoredEntry::canonicalBytes).toList();
    }
  }

  ReplayReport replay(Hash32 trajectoryId) {
    return Replayer.replay(trajectoryId, bytes(trajectoryId).iterator(),
        ReplayOptions.defaults().collectAll());
  }

  /** A mutable writ body. */
  static final class Draft {
    List<String> scopes = List.of("kv_*", "mail_*");
    Budget budget = new Budget(10_000, 100, 600_000, 1_000_000);
    Ceiling ceiling = Ceiling.ALL;
    long expiresAtMs = 100_000;
  }

  /**
   * A tool over {@code kv/<key>} that counts its invocations: {@code create} for a new key,
   * {@code replace} of the current version otherwise. Its reconcile answer is settable.
   */
  static final class KvTool implements Tool {
    final ToolDescriptor descriptor;
    final AtomicInteger invocations = new AtomicInteger();
    final AtomicInteger reconciles = new AtomicInteger();
    Reconciliation reconcile = Reconciliation.UNKNOWN;
    RuntimeException throwing;
    volatile JsonObject seen;
    volatile boolean stale;
    ConditionCheck precondition = ConditionCheck.HOLDS;

    KvTool(String name, EffectClass effect, RiskClass risk) {
      descriptor = new ToolDescriptor(name, "1.0", "test tool " + name,
          (JsonObject) Json.parse(KV_SCHEMA), effect, risk, false);
    }

    @Override
    public ToolDescriptor descriptor() {
      return descriptor;
    }

    @Override
    public Budget estimate(JsonObject args) {
      return new Budget(0, 1, 0, 0);
    }

    @Override
    public ConditionCheck preconditions(JsonObject args, thymos.api.model.World world) {
      return precondition;
    }

    @Override
    public ToolOutcome execute(ToolContext context) {
      invocations.incrementAndGet();
      if (throwing != null) {
        throw throwing;
      }
      seen = context.args();
      if (stale) {
        return ToolResult.of(context.args(), Delta.of(new DeltaOp.Replace(new ResourceKey("kv",
            ((JsonString) context.args().get("key").orElseThrow()).value()), 7,
            Json.integer(0))));
      }
      return ToolResult.of(context.args(), delta(context));
    }

    static Delta delta(ToolContext context) {
      String key = ((JsonString) context.args().get("key").orElseThrow()).value();
      Json value = context.args().get("value").orElseThrow();
      ResourceKey rk = new ResourceKey("kv", key);
      Optional<ResourceState> current = context.world().stateIncludingRetracted(rk);
      DeltaOp op = current.isEmpty() || current.get().retracted()
          ? new DeltaOp.Create(rk, value)
          : new DeltaOp.Replace(rk, current.get().version(), value);
      return Delta.of(op);
    }

    @Override
    public Reconciliation reconcile(Hash32 idempotencyKey) {
      reconciles.incrementAndGet();
      return reconcile;
    }
  }
}
