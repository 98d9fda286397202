package thymos.kernel.replay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.ApprovalPayload;
import thymos.api.model.Budget;
import thymos.api.model.CommitPayload;
import thymos.api.model.Decision;
import thymos.api.model.Delta;
import thymos.api.model.DeltaOp;
import thymos.api.model.EffectClass;
import thymos.api.model.Entry;
import thymos.api.model.ErrorInfo;
import thymos.api.model.ExecutionPayload;
import thymos.api.model.FailurePayload;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.Observation;
import thymos.api.model.Payload;
import thymos.api.model.PendingApprovalPayload;
import thymos.api.model.PolicyTrace;
import thymos.api.model.Proposal;
import thymos.api.model.ProposalBody;
import thymos.api.model.ProposalStatus;
import thymos.api.model.RejectionPayload;
import thymos.api.model.RejectionReason;
import thymos.api.model.ResourceKey;
import thymos.api.model.ResourceState;
import thymos.api.model.RiskClass;
import thymos.api.model.RootPayload;
import thymos.api.model.WorldBuilder;
import thymos.api.spi.Entropy;
import thymos.api.spi.Signer;
import thymos.kernel.KernelVersion;

/**
 * Builds realistic trajectories with the {@link Entry} factories, as the kernel would record
 * them: a root, kv-style commits, rejections, pending approvals with signed votes, execution +
 * commit of external tools, failures and compensations. Deterministic for a seed.
 */
final class TestLedger implements Entropy {

  static final Hash32 POLICY_SET = Ids.blake3("policy-set".getBytes(StandardCharsets.UTF_8));
  static final String KV = "kv";

  private final SplittableRandom random;
  final Hash32 trajectoryId;
  final Hash32 writId;
  private final Optional<Signer> runtime;
  private final List<Entry> entries = new ArrayList<>();
  private final WorldBuilder world = new WorldBuilder();
  private long clock = 10_000;

  TestLedger(long seed, Hash32 writId, Optional<Signer> runtime) {
    this.random = new SplittableRandom(seed);
    this.trajectoryId = Hash32.of(bytes(32));
    this.writId = writId;
    this.runtime = runtime;
  }

  /** A ledger with a random writ id, unsigned, with its root appended. */
  static TestLedger started(long seed) {
    return started(seed, Hash32.of(randomBytes(seed)), Optional.empty());
  }

  /** A ledger bound to {@code writId}, signed by {@code runtime} if given, root appended. */
  static TestLedger started(long seed, Hash32 writId, Optional<Signer> runtime) {
    TestLedger l = new TestLedger(seed, writId, runtime);
    l.append(RootPayload.bound(l.writId, "test run"));
    return l;
  }

  private static byte[] randomBytes(long seed) {
    byte[] b = new byte[32];
    new SplittableRandom(seed * 31 + 7).nextBytes(b);
    return b;
  }

  @Override
  public void nextBytes(byte[] out) {
    random.nextBytes(out);
  }

  Ed25519Signer newSigner() {
    return Ed25519Signer.generate(this);
  }

  void advanceClock(long ms) {
    clock += ms;
  }

  long clock() {
    return clock;
  }

  Entry append(Payload payload) {
    Optional<Hash32> parent = entries.isEmpty()
        ? Optional.empty() : Optional.of(entries.get(entries.size() - 1).id());
    long seq = entries.size();
    clock += 1;
    Entry e = runtime.isPresent()
        ? Entry.create(trajectoryId, seq, parent, clock, payload, runtime.get())
        : Entry.create(trajectoryId, seq, parent, clock, payload);
    entries.add(e);
    return e;
  }

  Intent intent(String tool, JsonObject args) {
    IntentBody body = new IntentBody(trajectoryId, IntentKind.ACT, tool, args, "scripted",
        Optional.of("because the test says so"), Optional.empty(), Nonce.of(bytes(16)));
    return Intent.of(body);
  }

  Proposal proposal(Intent intent, EffectClass effect, ProposalStatus status) {
    Decision decision = status instanceof ProposalStatus.Suspended s
        ? new Decision.RequireApproval(s.channel(), s.reason(), Optional.of(s.quorum()))
        : Decision.Permit.INSTANCE;
    ProposalBody body = new ProposalBody(intent.id(), writId, trajectoryId, intent.body().tool(),
        "1.0.0", effect, RiskClass.LOW, intent.body().args(), new Budget(0, 1, 5, 0),
        new PolicyTrace(POLICY_SET, List.of(), decision), status);
    return Proposal.of(body);
  }

  static JsonObject kvArgs(String key, String value) {
    return Json.object(Map.of("key", Json.string(key), "value", Json.string(value)));
  }

  /** The delta a kv_put of {@code key} computes against the current world. */
  Delta putDelta(String key, String value) {
    ResourceKey k = new ResourceKey(KV, key);
    Optional<ResourceState> s = world.stateIncludingRetracted(k);
    return s.isEmpty() || s.get().retracted()
        ? Delta.of(new DeltaOp.Create(k, Json.string(value)))
        : Delta.of(new DeltaOp.Replace(k, s.get().version(), Json.string(value)));
  }

  /** Appends a commit payload and folds its delta into the fixture's own world. */
  Entry commit(CommitPayload payload) {
    Entry e = append(payload);
    world.apply(payload.delta(), e.id());
    return e;
  }

  CommitPayload commitPayload(Intent intent, Proposal proposal, Delta delta,
      List<Hash32> approvals, Optional<Hash32> compensates) {
    return new CommitPayload(intent.body(), intent.id(), false, proposal, delta,
        List.of(Observation.of(intent.body().tool(), Json.string("ok"), 3)),
        new Budget(0, 1, 3, 0), KernelVersion.COMPILER_VERSION, approvals, compensates,
        Optional.empty());
  }

  /** A staged kv_put (effect write) committed. */
  Entry put(String key, String value) {
    Intent i = intent("kv_put", kvArgs(key, value));
    Proposal p = proposal(i, EffectClass.WRITE, ProposalStatus.Staged.INSTANCE);
    return commit(commitPayload(i, p, putDelta(key, value), List.of(), Optional.empty()));
  }

  Entry reject(String key) {
    Intent i = intent("kv_put", kvArgs(key, "x"));
    return append(new RejectionPayload(i.body(), i.id(), false,
        new RejectionReason("scope_denied", "tool not in writ scopes", JsonObject.EMPTY),
        Optional.empty(), POLICY_SET, Optional.empty(), KernelVersion.COMPILER_VERSION,
        Optional.empty()));
  }

  Entry fail(String key) {
    Intent i = intent("kv_put", kvArgs(key, "x"));
    Proposal p = proposal(i, EffectClass.WRITE, ProposalStatus.Staged.INSTANCE);
    return append(new FailurePayload(i.body(), i.id(), false, Optional.of(p.id()),
        new ErrorInfo("tool_error", "disk full"), KernelVersion.COMPILER_VERSION));
  }

  /** A suspended kv_put waiting for {@code quorum} of {@code approvers}. */
  Pending pending(String key, String value, List<? extends Signer> approvers, long quorum,
      Optional<Long> expiresAtMs) {
    Intent i = intent("kv_put", kvArgs(key, value));
    Proposal p = proposal(i, EffectClass.WRITE,
        new ProposalStatus.Suspended("ops", "risky", quorum));
    Entry e = append(new PendingApprovalPayload(i.body(), i.id(), false, p, "ops", "risky",
        quorum, approvers.stream().map(Signer::publicKey).toList(), expiresAtMs,
        KernelVersion.COMPILER_VERSION, Optional.empty()));
    return new Pending(e, i, p, key, value);
  }

  record Pending(Entry entry, Intent intent, Proposal proposal, String key, String value) {}

  Entry vote(Pending pending, Signer approver, ApprovalPayload.Vote decision) {
    return append(ApprovalPayload.sign(trajectoryId, pending.entry().id(), decision,
        Optional.of("looked fine"), approver));
  }

  Entry commitApproved(Pending pending, List<Entry> votes) {
    return commit(commitPayload(pending.intent(), pending.proposal(),
        putDelta(pending.key(), pending.value()), votes.stream().map(Entry::id).toList(),
        Optional.empty()));
  }

  /** An external tool call: intent + proposal; the caller appends execution and commit. */
  record External(Intent intent, Proposal proposal, Delta delta) {}

  External external(String key, String value) {
    Intent i = intent("http_post", kvArgs(key, value));
    return new External(i, proposal(i, EffectClass.EXTERNAL, ProposalStatus.Staged.INSTANCE),
        putDelta(key, value));
  }

  Entry execution(External x) {
    return append(new ExecutionPayload(x.intent().id(), x.proposal().id()));
  }

  Entry commitExternal(External x) {
    return commit(commitPayload(x.intent(), x.proposal(), x.delta(), List.of(),
        Optional.empty()));
  }

  /** Compensates the commit {@code target} that created or replaced {@code key}: retracts it. */
  Entry compensate(Entry target, String key) {
    Intent i = Intent.of(new IntentBody(trajectoryId, IntentKind.COMPENSATE, "kv_put",
        Json.object(Map.of("target", target.id().toJson())), "scripted", Optional.empty(),
        Optional.empty(), Nonce.of(bytes(16))));
    Proposal p = proposal(i, EffectClass.WRITE, ProposalStatus.Staged.INSTANCE);
    ResourceKey k = new ResourceKey(KV, key);
    Delta undo = Delta.of(new DeltaOp.Retract(k,
        world.stateIncludingRetracted(k).orElseThrow().version(), "compensated"));
    return commit(commitPayload(i, p, undo, List.of(), Optional.of(target.id())));
  }

  /**
   * Every kind of fact once: root, 3 kv_put commits (one a replace), a rejection, a pending
   * entry with two approve votes of a 2-of-3 quorum and its commit, an external execution and
   * its commit, a failure, a compensation of the commit of {@code b}, and a last external
   * execution left in doubt: 14 entries, 6 commits.
   */
  static TestLedger scenario(long seed) {
    TestLedger l = started(seed);
    l.put("a", "1");
    Entry b = l.put("b", "2");
    l.reject("c");
    l.put("a", "3");
    List<Ed25519Signer> approvers = List.of(l.newSigner(), l.newSigner(), l.newSigner());
    Pending p = l.pending("d", "4", approvers, 2, Optional.empty());
    Entry v1 = l.vote(p, approvers.get(0), ApprovalPayload.Vote.APPROVE);
    Entry v2 = l.vote(p, approvers.get(2), ApprovalPayload.Vote.APPROVE);
    l.commitApproved(p, List.of(v1, v2));
    External x = l.external("e", "5");
    l.execution(x);
    l.commitExternal(x);
    l.fail("f");
    l.compensate(b, "b");
    l.execution(l.external("g", "6"));
    return l;
  }

  /** The scenario followed by {@code extra} random facts (puts, rejections, failures). */
  static TestLedger random(long seed, int extra) {
    TestLedger l = scenario(seed);
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = 0; i < extra; i++) {
      String key = "k" + r.nextInt(4);
      switch (r.nextInt(5)) {
        case 0 -> l.reject(key);
        case 1 -> l.fail(key);
        default -> l.put(key, "v" + r.nextInt(100));
      }
    }
    return l;
  }

  List<Entry> entries() {
    return List.copyOf(entries);
  }

  List<byte[]> bytes() {
    return entries.stream().map(Entry::canonicalBytes).toList();
  }

  WorldBuilder world() {
    return world;
  }
}
