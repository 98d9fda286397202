package thymos.kernel.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiFunction;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.PublicKey;
import thymos.api.model.ApprovalPayload;
import thymos.api.model.BranchPayload;
import thymos.api.model.Budget;
import thymos.api.model.CommitPayload;
import thymos.api.model.DelegationPayload;
import thymos.api.model.DelegationResultPayload;
import thymos.api.model.Delta;
import thymos.api.model.DeltaConflict;
import thymos.api.model.DeltaResult;
import thymos.api.model.Entry;
import thymos.api.model.ExecutionPayload;
import thymos.api.model.IntentOutcome;
import thymos.api.model.PendingApprovalPayload;
import thymos.api.model.RootPayload;
import thymos.api.model.UsagePayload;
import thymos.api.model.World;
import thymos.api.spi.TrajectoryStats;
import thymos.ledger.spi.LedgerCorrupted;

/**
 * Everything a run knows, folded from its trajectory's entries in seq order (X1.2): the world,
 * the spend, which intents have an outcome (X4), the open pending approvals with their votes (X3),
 * the open executions (X5.2), and the statistics policies read (P1). Applying the same entries
 * always gives the same state, which is why a resumed run decides as the original would have.
 * Not thread-safe; the {@link Run} that owns it serialises access.
 */
final class RunState {

  /** An open {@code pending_approval} entry and its valid votes (X3). */
  static final class OpenPending {
    final Hash32 entryId;
    final PendingApprovalPayload payload;
    /** Approve vote entry ids in ledger order, and who cast them. */
    final Map<Hash32, PublicKey> approves = new LinkedHashMap<>();
    final Set<PublicKey> voted = new LinkedHashSet<>();
    Optional<Hash32> deny = Optional.empty();

    OpenPending(Hash32 entryId, PendingApprovalPayload payload) {
      this.entryId = entryId;
      this.payload = payload;
    }

    /** Whether the M-th distinct approve arrived (X3.4) and no deny (X3.3). */
    boolean approved() {
      return deny.isEmpty() && approves.size() >= payload.quorum();
    }

    boolean expiredAt(long nowMs) {
      return payload.expiresAtMs().isPresent() && nowMs > payload.expiresAtMs().get();
    }
  }

  /**
   * An {@code execution} entry not yet followed by a commit or failure for its intent (X5.2).
   *
   * @param intentId the intent
   * @param proposalId the proposal being executed
   * @param entryId the execution entry
   * @param pending the pending entry the proposal was approved on, if it was suspended
   */
  record OpenExecution(Hash32 intentId, Hash32 proposalId, Hash32 entryId,
      Optional<Hash32> pending) {}

  private final Hash32 trajectoryId;
  private Optional<Hash32> boundWrit = Optional.empty();
  private long nextSeq;
  private Hash32 headId;
  /** Persistent: each commit makes a new snapshot in O(ops log n) (M5.3). */
  private World world = World.EMPTY;
  private Budget spent = Budget.ZERO;
  private Budget reserved = Budget.ZERO;
  private final Map<Hash32, Hash32> delegationByChild = new HashMap<>();
  private final Map<Hash32, Budget> reservationByChild = new HashMap<>();
  /**
   * What a closed child used up to its recorded head (its spend and open reservations), read from
   * the ledger (D2): {@code (child, child_head) -> usage}; {@code null} charges the reservation.
   */
  private BiFunction<Hash32, Hash32, Budget> childUsage;
  private long commits;
  private final Map<String, Long> toolCalls = new HashMap<>();
  private final Map<Hash32, Long> seqById = new HashMap<>();
  /** Intent id → seq of its final outcome (commit, rejection, failure). */
  private final Map<Hash32, Long> finalOutcomes = new HashMap<>();
  private final Map<Hash32, OpenPending> pendingByEntry = new LinkedHashMap<>();
  private final Map<Hash32, Hash32> pendingByIntent = new HashMap<>();
  /** Pending entry id → seq of the outcome that resolved it. */
  private final Map<Hash32, Long> resolvedPendings = new HashMap<>();
  private final Map<Hash32, OpenExecution> executions = new LinkedHashMap<>();
  /** Proposal id → the pending entry it waits on, for executions of approved proposals. */
  private final Map<Hash32, Hash32> pendingByProposal = new HashMap<>();
  private long usageSteps;
  /** Commit entry ids a later commit compensates (X6.2). */
  private final Set<Hash32> compensated = new HashSet<>();

  RunState(Hash32 trajectoryId) {
    this(trajectoryId, World.EMPTY);
  }

  /**
   * A state whose world starts at {@code base}: for a branch, the source world at the branch
   * point (R7, M5.3); spend and statistics start at zero (the branch runs under its own writ).
   */
  RunState(Hash32 trajectoryId, World base) {
    this.trajectoryId = Objects.requireNonNull(trajectoryId, "trajectoryId");
    this.world = Objects.requireNonNull(base, "base");
  }

  /**
   * Folds the next entry (X1.2).
   *
   * @throws LedgerCorrupted if the entry does not continue the chain (L3.1) or its delta does not
   *     apply (M5.1): the stored trajectory is not one the kernel wrote
   */
  void apply(Entry e) {
    if (!e.trajectoryId().equals(trajectoryId) || e.seq() != nextSeq
        || !e.parent().equals(Optional.ofNullable(headId))) {
      throw new LedgerCorrupted(trajectoryId.display("traj") + " seq " + e.seq()
          + ": entry does not continue the chain at seq " + nextSeq + " (L3.1)");
    }
    Hash32 id = e.id();
    switch (e.payload()) {
      case RootPayload r -> boundWrit = r.writId();
      case BranchPayload b -> boundWrit = Optional.of(b.writId());
      case PendingApprovalPayload p -> {
        OpenPending open = new OpenPending(id, p);
        pendingByEntry.put(id, open);
        pendingByIntent.put(p.intentId(), id);
        pendingByProposal.put(p.proposal().id(), id);
      }
      case ApprovalPayload a -> {
        OpenPending p = pendingByEntry.get(a.pending());
        if (p != null && p.voted.add(a.approverKey())) {
          switch (a.decision()) {
            case APPROVE -> p.approves.put(id, a.approverKey());
            case DENY -> p.deny = Optional.of(id);
          }
        }
      }
      case ExecutionPayload x -> executions.put(x.intentId(), new OpenExecution(x.intentId(),
          x.proposalId(), id, Optional.ofNullable(pendingByProposal.get(x.proposalId()))));
      case CommitPayload c -> {
        world = switch (world.apply(c.delta(), id)) {
          case DeltaResult.Applied a -> a.world();
          case DeltaConflict conflict -> throw new LedgerCorrupted(trajectoryId.display("traj")
              + " seq " + e.seq() + ": recorded delta does not apply: " + conflict.message());
        };
        spent = spent.plus(c.cost());
        commits++;
        toolCalls.merge(c.proposal().body().tool(), 1L, Long::sum);
        c.compensates().ifPresent(compensated::add);
        resolve(c, e.seq());
      }
      case UsagePayload u -> {
        spent = spent.plus(u.asCost());
        usageSteps = Math.max(usageSteps, u.step() + 1);
      }
      case DelegationPayload d -> { // 09 D2: reserved from the remainder
        reserved = reserved.plus(d.reserved());
        delegationByChild.put(d.childTrajectoryId(), id);
        reservationByChild.put(d.childTrajectoryId(), d.reserved());
      }
      case thymos.api.model.CompensationPayload s -> compensated.add(s.target()); // X6.3
      case DelegationResultPayload r -> { // 09 D2: release the unspent part, charge the rest
        Budget held = reservationByChild.remove(r.childTrajectoryId());
        if (held != null) {
          reserved = reserved.minus(held);
          Budget used = childUsage == null ? held
              : childUsage.apply(r.childTrajectoryId(), r.childHead());
          spent = spent.plus(atMost(used, held));
        }
      }
      case IntentOutcome o -> resolve(o, e.seq()); // rejection, failure
      default -> { }
    }
    seqById.put(id, e.seq());
    headId = id;
    nextSeq++;
  }

  private void resolve(IntentOutcome o, long seq) {
    finalOutcomes.put(o.intentId(), seq);
    executions.remove(o.intentId());
    Hash32 pending = pendingByIntent.remove(o.intentId());
    if (pending != null) {
      OpenPending p = pendingByEntry.remove(pending);
      pendingByProposal.remove(p.payload.proposal().id());
      resolvedPendings.put(pending, seq);
    }
  }

  Hash32 trajectoryId() {
    return trajectoryId;
  }

  Optional<Hash32> boundWrit() {
    return boundWrit;
  }

  long nextSeq() {
    return nextSeq;
  }

  Optional<Hash32> headId() {
    return Optional.ofNullable(headId);
  }

  /** The world so far (M5.3), an immutable snapshot. */
  World world() {
    return world;
  }

  /** Checks a delta against the world so far without applying it (M5.1). */
  Optional<DeltaConflict> check(Delta delta) {
    return world.check(delta);
  }

  /** Sets how a closed child's usage is read (D2); the default charges the whole reservation. */
  void childUsage(BiFunction<Hash32, Hash32, Budget> usage) {
    this.childUsage = usage;
  }

  /** Whether the child has a delegation here and no delegation_result yet. */
  boolean childOpen(Hash32 child) {
    return reservationByChild.containsKey(child);
  }

  private static Budget atMost(Budget used, Budget cap) {
    return new Budget(Math.min(used.tokens(), cap.tokens()),
        Math.min(used.toolCalls(), cap.toolCalls()),
        Math.min(used.wallClockMs(), cap.wallClockMs()),
        Math.min(used.usdMillicents(), cap.usdMillicents()));
  }

  /** The budget reserved for delegated children (M7, 09 D2). */
  Budget reserved() {
    return reserved;
  }

  /** The {@code delegation} entries whose child has no {@code delegation_result}, in seq order. */
  List<Hash32> openChildren() {
    return reservationByChild.keySet().stream().map(delegationByChild::get)
        .sorted(Comparator.comparingLong(id -> seqById.get(id))).toList();
  }

  /** Every {@code delegation} entry, in seq order. */
  List<Hash32> delegationEntries() {
    return delegationByChild.values().stream()
        .sorted(Comparator.comparingLong(id -> seqById.get(id))).toList();
  }

  /** Whether this trajectory holds any {@code delegation} entry. */
  boolean delegates() {
    return !delegationByChild.isEmpty();
  }

  /** The {@code delegation} entry that started {@code child}, if this trajectory holds one. */
  Optional<Hash32> delegationOf(Hash32 child) {
    return Optional.ofNullable(delegationByChild.get(child));
  }

  Budget spent() {
    return spent;
  }

  long usageSteps() {
    return usageSteps;
  }

  /** What policies know about the trajectory (P1). */
  TrajectoryStats stats() {
    Map<Hash32, Long> index = seqById;
    return new TrajectoryStats(commits, toolCalls, nextSeq - 1, headId, id -> {
      Long seq = index.get(id);
      return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
    });
  }

  /** The seq of the final outcome (commit, rejection, failure) of an intent (X4). */
  OptionalLong finalOutcomeSeq(Hash32 intentId) {
    Long seq = finalOutcomes.get(intentId);
    return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
  }

  Optional<OpenPending> pendingOfIntent(Hash32 intentId) {
    return Optional.ofNullable(pendingByIntent.get(intentId)).map(pendingByEntry::get);
  }

  Optional<OpenPending> pending(Hash32 pendingEntryId) {
    return Optional.ofNullable(pendingByEntry.get(pendingEntryId));
  }

  /** The seq of the outcome that resolved a pending entry, if it was one and is resolved. */
  OptionalLong resolutionOf(Hash32 pendingEntryId) {
    Long seq = resolvedPendings.get(pendingEntryId);
    return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
  }

  /** Whether a commit of this trajectory compensates the commit {@code entryId} (X6.2). */
  boolean compensated(Hash32 entryId) {
    return compensated.contains(entryId);
  }

  OptionalLong seqOf(Hash32 entryId) {
    Long seq = seqById.get(entryId);
    return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
  }

  List<OpenPending> openPendings() {
    return new ArrayList<>(pendingByEntry.values());
  }

  Optional<OpenExecution> execution(Hash32 intentId) {
    return Optional.ofNullable(executions.get(intentId));
  }

  List<OpenExecution> openExecutions() {
    return new ArrayList<>(executions.values());
  }
}
