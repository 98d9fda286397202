package thymos.kernel.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.Decision;
import thymos.api.model.DelegationLimits;
import thymos.api.model.EffectClass;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.RiskClass;
import thymos.api.model.World;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;
import thymos.api.spi.ConditionCheck;
import thymos.api.spi.Policy;
import thymos.api.spi.PolicyContext;
import thymos.api.spi.SeededEntropy;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolDescriptor;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.TrajectoryStats;
import thymos.kernel.authority.AuthorityState;
import thymos.kernel.authority.TrustAnchor;
import thymos.kernel.authority.TrustAnchors;
import thymos.kernel.policy.PolicyEngine;
import thymos.kernel.registry.ToolRegistry;

/**
 * Real signed writs (anchor → alice), counting tools and policies, and a mutable context, so each
 * test changes the one input it is about.
 */
final class CompilerFixture {

  static final String SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"required\":[\"n\"]}";

  final SeededEntropy entropy = new SeededEntropy(7);
  final Ed25519Signer anchor = Ed25519Signer.generate(entropy);
  final Ed25519Signer alice = Ed25519Signer.generate(entropy);
  final Ed25519Signer mallory = Ed25519Signer.generate(entropy);
  final AuthorityState state =
      new AuthorityState(TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey())));
  final Hash32 trajectoryId = Hash32.of(new byte[32]);
  final CountingTool put = new CountingTool("kv_put", EffectClass.WRITE, RiskClass.LOW, false);
  final CountingTool drop =
      new CountingTool("kv_drop", EffectClass.IRREVERSIBLE, RiskClass.HIGH, false);
  final List<Policy> policies = new ArrayList<>();
  Writ writ;
  ChainSource authority = ChainSource.of(state);
  Budget spent = Budget.ZERO;
  long nowMs = 2_000;
  boolean irreversibleGate = true;
  Optional<RiskClass> riskThreshold = Optional.empty();

  CompilerFixture() {
    writ = register(d -> {});
  }

  /** Signs and registers a root writ issued by the anchor to alice, changed by {@code edit}. */
  Writ register(Consumer<WritDraft> edit) {
    Writ w = draft(edit);
    state.register(w).changed();
    return w;
  }

  Writ draft(Consumer<WritDraft> edit) {
    return signedBy(anchor, edit);
  }

  /** A writ signed by {@code signer}, whose key is the issuer key unless {@code edit} says. */
  Writ signedBy(Ed25519Signer signer, Consumer<WritDraft> edit) {
    WritDraft d = new WritDraft();
    d.issuerKey = signer.publicKey();
    d.subjectKey = alice.publicKey();
    edit.accept(d);
    return Writ.sign(d.body(entropy), signer);
  }

  CompileContext context() {
    return new CompileContext(trajectoryId, writ.id(), authority,
        ToolRegistry.builder().tool(put).tool(drop).build(), World.EMPTY,
        PolicyEngine.of(policies), spent, Budget.ZERO, TrajectoryStats.fresh(trajectoryId), nowMs,
        irreversibleGate, riskThreshold);
  }

  Intent intent(String tool, String argsJson) {
    return intent(IntentKind.ACT, tool, argsJson);
  }

  Intent intent(IntentKind kind, String tool, String argsJson) {
    return Intent.of(new IntentBody(trajectoryId, kind, tool, (JsonObject) Json.parse(argsJson),
        "scripted", Optional.empty(), Optional.empty(), Nonce.of(entropy.bytes(Nonce.LENGTH))));
  }

  CompileResult compile(Intent intent) {
    return Compiler.compile(intent, writ.id(), context());
  }

  /** A mutable root writ body. */
  static final class WritDraft {
    thymos.api.crypto.PublicKey issuerKey;
    thymos.api.crypto.PublicKey subjectKey;
    Optional<Hash32> parent = Optional.empty();
    List<String> scopes = List.of("kv_*");
    Budget budget = new Budget(1000, 3, 60_000, 500_000);
    Ceiling ceiling = Ceiling.ALL;
    long notBeforeMs = 1_000;
    long expiresAtMs = 10_000;

    WritBody body(SeededEntropy entropy) {
      return new WritBody("anchor", issuerKey, "alice", subjectKey, parent, "system", scopes,
          budget, ceiling, notBeforeMs, expiresAtMs, new DelegationLimits(3, true),
          Nonce.of(entropy.bytes(Nonce.LENGTH)));
    }
  }

  /** A tool counting the compiler's calls to {@code estimate} and {@code preconditions}. */
  static final class CountingTool implements Tool {
    final ToolDescriptor descriptor;
    final AtomicInteger estimates = new AtomicInteger();
    final AtomicInteger preconditionChecks = new AtomicInteger();
    ConditionCheck precondition = ConditionCheck.HOLDS;

    CountingTool(String name, EffectClass effect, RiskClass risk, boolean compensable) {
      descriptor = new ToolDescriptor(name, "1.2", "test tool " + name,
          (JsonObject) Json.parse(SCHEMA), effect, risk, compensable);
    }

    int consulted() {
      return estimates.get() + preconditionChecks.get();
    }

    @Override
    public ToolDescriptor descriptor() {
      return descriptor;
    }

    @Override
    public Budget estimate(JsonObject args) {
      estimates.incrementAndGet();
      return new Budget(10, 1, 0, 0);
    }

    @Override
    public ConditionCheck preconditions(JsonObject args, World world) {
      preconditionChecks.incrementAndGet();
      return precondition;
    }

    @Override
    public ToolOutcome execute(ToolContext context) {
      throw new AssertionError("the compiler never runs a tool (C1)");
    }
  }

  /** A policy with a fixed decision that counts its evaluations. */
  record CountingPolicy(String name, Optional<String> rule,
      Function<PolicyContext, Decision> behaviour, AtomicInteger calls) implements Policy {

    static CountingPolicy of(String name, Decision decision) {
      return new CountingPolicy(name, Optional.of("r1"), c -> decision, new AtomicInteger());
    }

    @Override
    public String version() {
      return "1";
    }

    @Override
    public JsonObject content() {
      return Json.object(Map.of("name", Json.string(name)));
    }

    @Override
    public Decision evaluate(PolicyContext context) {
      calls.incrementAndGet();
      return behaviour.apply(context);
    }

    @Override
    public Ruling ruling(PolicyContext context) {
      return new Ruling(evaluate(context), rule);
    }
  }
}
