package thymos.bench;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SplittableRandom;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.CommitPayload;
import thymos.api.model.Decision;
import thymos.api.model.Delta;
import thymos.api.model.DeltaOp;
import thymos.api.model.EffectClass;
import thymos.api.model.Entry;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.Observation;
import thymos.api.model.Payload;
import thymos.api.model.PolicyTrace;
import thymos.api.model.Proposal;
import thymos.api.model.ProposalBody;
import thymos.api.model.ProposalStatus;
import thymos.api.model.ResourceKey;
import thymos.api.model.ResourceState;
import thymos.api.model.RiskClass;
import thymos.api.model.RootPayload;
import thymos.api.model.WorldBuilder;
import thymos.kernel.KernelVersion;

/**
 * Generates an unsigned trajectory as the kernel records it: a root bound to a writ, then staged
 * {@code kv_put} commits over a fixed set of keys (the first put of a key creates it, later ones
 * replace it), each with its full intent, proposal (one policy evaluation), delta and
 * observation. Streaming: only the previous id and the world of the keys are kept, so a
 * 1,000,000-entry trajectory needs no more memory than a short one. Deterministic for a seed.
 */
final class KvTrajectory implements Iterator<byte[]> {

  static final String KV = "kv";
  private static final Hash32 POLICY_SET =
      Ids.blake3("bench policy set".getBytes(StandardCharsets.UTF_8));
  private static final List<PolicyTrace.Evaluation> EVALUATED = List.of(
      new PolicyTrace.Evaluation("tool.rate", "1", Optional.empty(), Decision.Permit.INSTANCE));

  private final SplittableRandom random;
  private final long size;
  private final int keys;
  final Hash32 trajectoryId;
  private final Hash32 writId;
  private final WorldBuilder world = new WorldBuilder();
  private Optional<Hash32> parent = Optional.empty();
  private long seq;
  private long clock = 1_790_000_000_000L;
  private Delta lastDelta = Delta.EMPTY;

  /**
   * A trajectory of {@code size} entries (a root and {@code size - 1} commits) over {@code keys}
   * distinct kv keys.
   */
  KvTrajectory(long seed, long size, int keys) {
    this.random = new SplittableRandom(seed);
    this.size = size;
    this.keys = keys;
    this.trajectoryId = Hash32.of(bytes(32));
    this.writId = Hash32.of(bytes(32));
  }

  @Override
  public boolean hasNext() {
    return seq < size;
  }

  /** The canonical bytes of the next entry, as a backend stores them (L2.2). */
  @Override
  public byte[] next() {
    return nextEntry().canonicalBytes();
  }

  /** The next entry. */
  Entry nextEntry() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Payload payload;
    if (seq == 0) {
      payload = RootPayload.bound(writId, "benchmark run");
      lastDelta = Delta.EMPTY;
    } else {
      long n = seq - 1;
      String key = "customers/" + (n % keys);
      payload = put(key, "tier-" + (n % 7) + ";visits=" + n);
    }
    clock += 3;
    Entry e = Entry.create(trajectoryId, seq, parent, clock, payload);
    if (payload instanceof CommitPayload c) {
      world.applyOrThrow(c.delta(), e.id());
    }
    parent = Optional.of(e.id());
    seq++;
    return e;
  }

  /** The delta of the last entry produced ({@link Delta#EMPTY} for the root). */
  Delta lastDelta() {
    return lastDelta;
  }

  private CommitPayload put(String key, String value) {
    JsonObject args = Json.object(Map.of("key", Json.string(key), "value", Json.string(value)));
    Intent intent = Intent.of(new IntentBody(trajectoryId, IntentKind.ACT, "kv_put", args,
        "scripted", Optional.of("profile changed"),
        Optional.empty(), Nonce.of(bytes(16))));
    Proposal proposal = Proposal.of(new ProposalBody(intent.id(), writId, trajectoryId, "kv_put",
        "1.0.0", EffectClass.WRITE, RiskClass.LOW, args, new Budget(0, 1, 5, 0),
        new PolicyTrace(POLICY_SET, EVALUATED, Decision.Permit.INSTANCE),
        ProposalStatus.Staged.INSTANCE));
    ResourceKey k = new ResourceKey(KV, key);
    Optional<ResourceState> s = world.stateIncludingRetracted(k);
    Delta delta = s.isEmpty() || s.get().retracted()
        ? Delta.of(new DeltaOp.Create(k, Json.string(value)))
        : Delta.of(new DeltaOp.Replace(k, s.get().version(), Json.string(value)));
    lastDelta = delta;
    return new CommitPayload(intent.body(), intent.id(), false, proposal, delta,
        List.of(Observation.of("kv_put", Json.object(Map.of("ok", Json.bool(true))), 2)),
        new Budget(0, 1, 2, 0), KernelVersion.COMPILER_VERSION, List.of(), Optional.empty(),
        Optional.empty());
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
