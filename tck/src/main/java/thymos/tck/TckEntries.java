package thymos.tck;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.BranchPayload;
import thymos.api.model.Budget;
import thymos.api.model.CommitPayload;
import thymos.api.model.Decision;
import thymos.api.model.Delta;
import thymos.api.model.DeltaOp;
import thymos.api.model.EffectClass;
import thymos.api.model.Entry;
import thymos.api.model.EntryKind;
import thymos.api.model.ExecutionPayload;
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
import thymos.api.model.UsagePayload;
import thymos.api.model.WorldBuilder;
import thymos.kernel.KernelVersion;
import thymos.ledger.spi.StoredEntry;

/**
 * Real kernel entries for backend tests, built with the public API ({@link Entry#create}: ids
 * computed, canonical bytes), so stored rows parse back and whole trajectories replay (R2). A
 * variant number changes the payload, so racing writers build different entries for one
 * position. Deterministic: the same arguments give byte-identical entries.
 */
public final class TckEntries {

  private static final Hash32 POLICY_SET =
      Ids.blake3("tck policy set".getBytes(StandardCharsets.UTF_8));

  private TckEntries() {}

  /** The id of trajectory {@code n}. */
  public static Hash32 traj(int n) {
    return Hash32.of(ByteBuffer.allocate(Hash32.LENGTH).put((byte) 0x7a).putInt(n).array());
  }

  /** A made-up id (a writ id, or a forged entry id), distinct for every pair. */
  public static Hash32 madeUp(int a, long b) {
    return Hash32.of(ByteBuffer.allocate(Hash32.LENGTH).put((byte) 0x3c).putInt(a).putLong(b)
        .array());
  }

  /** The row at {@code seq}: a root at 0 (bound to a writ per variant), a usage entry later. */
  public static StoredEntry row(Hash32 traj, long seq, Optional<Hash32> parent, int variant,
      long ms) {
    return row(traj, seq, parent, variant, ms, seq == 0 ? EntryKind.ROOT : EntryKind.USAGE);
  }

  /**
   * As {@link #row(Hash32, long, Optional, int, long)} of kind root or branch (seq 0), usage or
   * execution (later).
   */
  public static StoredEntry row(Hash32 traj, long seq, Optional<Hash32> parent, int variant,
      long ms, EntryKind kind) {
    return StoredEntry.of(entry(traj, seq, parent, variant, ms, kind, "v" + variant));
  }

  /**
   * The {@link Entry} behind a row, with a note of the caller's choice on a root or branch.
   *
   * @throws IllegalArgumentException for a kind other than root, branch, usage or execution
   */
  public static Entry entry(Hash32 traj, long seq, Optional<Hash32> parent, int variant, long ms,
      EntryKind kind, String note) {
    Payload payload = switch (kind) {
      case ROOT -> RootPayload.bound(madeUp(1, variant), note);
      case BRANCH -> new BranchPayload(traj(999), madeUp(2, variant), madeUp(1, variant), note);
      case USAGE -> new UsagePayload("p" + variant, "model \u00e9\u4e2d\ud83d\ude00", seq, 5, 7,
          1);
      case EXECUTION -> new ExecutionPayload(madeUp(3, seq), madeUp(4, variant));
      default -> throw new IllegalArgumentException("no TCK payload for " + kind.wire());
    };
    return Entry.create(traj, seq, parent, ms, payload);
  }

  /** {@code n} chained rows of {@code traj}, variant 0, recorded at 1000 + seq. */
  public static List<StoredEntry> chain(Hash32 traj, int n) {
    return chain(traj, 0, n, Optional.empty(), 0);
  }

  /** Rows {@code from .. from+n-1} of one variant, the first after {@code parent}. */
  public static List<StoredEntry> chain(Hash32 traj, long from, int n, Optional<Hash32> parent,
      int variant) {
    List<StoredEntry> rows = new ArrayList<>();
    Optional<Hash32> p = parent;
    for (long s = from; s < from + n; s++) {
      StoredEntry e = row(traj, s, p, variant, 1000 + s);
      rows.add(e);
      p = Optional.of(e.id());
    }
    return rows;
  }

  /**
   * A trajectory as the kernel records a governed run: a root bound to a writ, then {@code
   * size - 1} staged {@code kv_put} commits over three keys (the first put of a key creates it,
   * later ones replace it), each with its intent, proposal, policy trace, delta and observation.
   * It replays as verified (R2); deterministic for a seed.
   *
   * @throws IllegalArgumentException if {@code size < 1}
   */
  public static List<StoredEntry> kvTrajectory(long seed, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("a trajectory has at least its root, got size " + size);
    }
    SplittableRandom random = new SplittableRandom(seed);
    Hash32 traj = Hash32.of(bytes(random, 32));
    Hash32 writ = Hash32.of(bytes(random, 32));
    WorldBuilder world = new WorldBuilder();
    List<StoredEntry> rows = new ArrayList<>();
    Optional<Hash32> parent = Optional.empty();
    long clock = 1_790_000_000_000L;
    for (long seq = 0; seq < size; seq++) {
      Payload payload = seq == 0 ? RootPayload.bound(writ, "tck run")
          : put(random, world, traj, writ, "customers/" + (seq % 3), "tier-" + seq);
      clock += 1 + random.nextInt(5);
      Entry e = Entry.create(traj, seq, parent, clock, payload);
      if (payload instanceof CommitPayload c) {
        world.applyOrThrow(c.delta(), e.id());
      }
      rows.add(StoredEntry.of(e));
      parent = Optional.of(e.id());
    }
    return rows;
  }

  private static CommitPayload put(SplittableRandom random, WorldBuilder world, Hash32 traj,
      Hash32 writ, String key, String value) {
    JsonObject args = Json.object(Map.of("key", Json.string(key), "value", Json.string(value)));
    Intent intent = Intent.of(new IntentBody(traj, IntentKind.ACT, "kv_put", args, "scripted",
        Optional.of("profile changed"), Optional.empty(), Nonce.of(bytes(random, 16))));
    Proposal proposal = Proposal.of(new ProposalBody(intent.id(), writ, traj, "kv_put", "1.0.0",
        EffectClass.WRITE, RiskClass.LOW, args, new Budget(0, 1, 5, 0),
        new PolicyTrace(POLICY_SET, List.of(new PolicyTrace.Evaluation("tool.rate", "1",
            Optional.empty(), Decision.Permit.INSTANCE)), Decision.Permit.INSTANCE),
        ProposalStatus.Staged.INSTANCE));
    ResourceKey k = new ResourceKey("kv", key);
    Optional<ResourceState> s = world.stateIncludingRetracted(k);
    Delta delta = s.isEmpty() || s.get().retracted()
        ? Delta.of(new DeltaOp.Create(k, Json.string(value)))
        : Delta.of(new DeltaOp.Replace(k, s.get().version(), Json.string(value)));
    return new CommitPayload(intent.body(), intent.id(), false, proposal, delta,
        List.of(Observation.of("kv_put", Json.object(Map.of("ok", Json.bool(true))), 2)),
        new Budget(0, 1, 2, 0), KernelVersion.COMPILER_VERSION, List.of(), Optional.empty(),
        Optional.empty());
  }

  private static byte[] bytes(SplittableRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
