package thymos.kernel.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.PublicKey;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;
import thymos.api.model.ApprovalPayload;
import thymos.api.model.BranchPayload;
import thymos.api.model.CommitPayload;
import thymos.api.model.CompensationPayload;
import thymos.api.model.DelegationPayload;
import thymos.api.model.EffectClass;
import thymos.api.model.Entry;
import thymos.api.model.ExecutionPayload;
import thymos.api.model.FailurePayload;
import thymos.api.model.IntentOutcome;
import thymos.api.model.PendingApprovalPayload;
import thymos.api.model.Proposal;
import thymos.api.model.RejectionPayload;
import thymos.api.model.RootPayload;
import thymos.api.model.World;
import thymos.api.model.WorldBuilder;

/**
 * The content checks of R2.5, folding the world as it goes (M5.3).
 *
 * <p>What is kept, so memory is bounded by the world and not the ledger: the world itself; a
 * compact {@link IdSet} of processed intent ids (X4), of commit ids and of compensated commit ids
 * (X6.2), 16 bytes each; the open {@code pending_approval} entries with their votes, dropped when
 * the intent resolves; the open {@code execution} entries (X5), dropped at their commit or
 * failure. No entry is kept.
 */
final class ContentChecks {

  private final Hash32 trajectoryId;
  private final Findings findings;
  private WorldBuilder world = new WorldBuilder();
  private Optional<Hash32> boundWrit = Optional.empty();
  private final IdSet processed = new IdSet();
  private final IdSet commits = new IdSet();
  private final IdSet compensated = new IdSet();
  private final Map<Hash32, OpenPending> pendingByIntent = new HashMap<>();
  private final Map<Hash32, OpenPending> pendingByEntry = new HashMap<>();
  private final Map<Hash32, Hash32> openExecutions = new HashMap<>(); // intent id → proposal id
  private Optional<Hash32> recomputedIntent = Optional.empty();
  private Optional<Hash32> recomputedProposal = Optional.empty();

  /** An unresolved {@code pending_approval} entry and the valid votes on it (X3). */
  private static final class OpenPending {
    final Hash32 entryId;
    final PendingApprovalPayload payload;
    final Set<PublicKey> approvers;
    final Map<Hash32, ApprovalPayload> votesByEntry = new HashMap<>();
    final Set<PublicKey> voted = new HashSet<>();
    Optional<Hash32> deny = Optional.empty();

    OpenPending(Hash32 entryId, PendingApprovalPayload payload) {
      this.entryId = entryId;
      this.payload = payload;
      this.approvers = Set.copyOf(payload.approvers());
    }
  }

  private final Set<Hash32> delegations = new HashSet<>();

  ContentChecks(Hash32 trajectoryId, Findings findings) {
    this.trajectoryId = trajectoryId;
    this.findings = findings;
  }

  /**
   * Checks one entry and folds it. {@code storedId} is the id as stored (the id of record, also
   * after a hash violation in collect-all mode); {@code intentId} and {@code proposalId} are the
   * ids recomputed from the stored bodies of an unredacted entry ({@link Prepared}).
   */
  void check(Entry entry, Hash32 storedId, Optional<Hash32> intentId,
      Optional<Hash32> proposalId) {
    this.recomputedIntent = intentId;
    this.recomputedProposal = proposalId;
    switch (entry.payload()) {
      case RootPayload r -> boundWrit = r.writId();
      case BranchPayload b -> boundWrit = Optional.of(b.writId());
      case CommitPayload c -> commit(entry, storedId, c);
      case PendingApprovalPayload p -> pending(storedId, p);
      case RejectionPayload r -> resolve(r);
      case FailurePayload f -> {
        resolve(f);
        openExecutions.remove(f.intentId());
      }
      case ApprovalPayload a -> vote(entry, storedId, a);
      case ExecutionPayload x -> execution(x);
      case DelegationPayload d -> delegations.add(storedId);
      case CompensationPayload s -> summary(s);
      default -> { }
    }
  }

  /** X6.3: a summary names an earlier delegation of this trajectory, once. */
  private void summary(CompensationPayload s) {
    if (!delegations.contains(s.target())) {
      findings.add(Violation.Reason.BAD_COMPENSATION,
          "an earlier delegation entry in this trajectory (X6.3)",
          s.target().display("entry") + " is not one");
    } else if (!compensated.add(s.target())) {
      findings.add(Violation.Reason.BAD_COMPENSATION, "a delegation not yet compensated (X6.3)",
          s.target().display("entry") + " was compensated before");
    }
  }

  private void commit(Entry entry, Hash32 storedId, CommitPayload c) {
    Optional<OpenPending> pending = Optional.ofNullable(pendingByIntent.get(c.intentId()));
    resolve(c);
    checkProposal(c.redacted(), c.proposal());
    EffectClass effect = c.proposal().body().effect();
    if (effect == EffectClass.EXTERNAL || effect == EffectClass.IRREVERSIBLE) {
      Hash32 executed = openExecutions.get(c.intentId());
      if (!c.proposal().id().equals(executed)) {
        findings.add(Violation.Reason.MISSING_EXECUTION,
            "an earlier execution entry for intent " + c.intentId().hex() + " and proposal "
                + c.proposal().id().hex() + " (" + effect.wire() + " tool)",
            executed == null ? "none" : "execution of proposal " + executed.hex());
      }
    }
    openExecutions.remove(c.intentId());
    approvals(c, pending);
    c.compensates().ifPresent(target -> {
      if (!commits.contains(target)) {
        findings.add(Violation.Reason.BAD_COMPENSATION, "an earlier commit in this trajectory",
            target.display("entry") + " is not one");
      } else if (!compensated.add(target)) {
        findings.add(Violation.Reason.BAD_COMPENSATION, "a commit not yet compensated",
            target.display("commit") + " was compensated before");
      }
    });
    world.apply(c.delta(), storedId).ifPresent(conflict -> findings.add(
        Violation.Reason.DELTA_CONFLICT, "the delta applies to the world so far (M5.1)",
        conflict.message()));
    commits.add(storedId);
  }

  private void approvals(CommitPayload c, Optional<OpenPending> pending) {
    if (pending.isEmpty()) {
      if (!c.approvals().isEmpty()) {
        findings.add(Violation.Reason.APPROVAL_NOT_SATISFIED,
            "approvals only for an intent with an open pending_approval entry",
            c.approvals().size() + " approvals listed, no pending entry for intent "
                + c.intentId().hex());
      }
      return;
    }
    OpenPending p = pending.get();
    String need = "approve votes from " + p.payload.quorum() + " distinct listed approvers on "
        + p.entryId.display("entry") + " and no deny";
    if (p.deny.isPresent()) {
      findings.add(Violation.Reason.APPROVAL_NOT_SATISFIED, need,
          "deny vote " + p.deny.get().display("entry"));
      return;
    }
    Set<PublicKey> approvers = new HashSet<>();
    for (Hash32 id : c.approvals()) {
      ApprovalPayload vote = p.votesByEntry.get(id);
      if (vote == null) {
        findings.add(Violation.Reason.APPROVAL_NOT_SATISFIED, need,
            id.display("entry") + " is not a valid approve vote on that pending entry");
        return;
      }
      approvers.add(vote.approverKey());
    }
    if (approvers.size() < p.payload.quorum()) {
      findings.add(Violation.Reason.APPROVAL_NOT_SATISFIED, need,
          approvers.size() + " distinct approvers in " + c.approvals().size() + " listed");
    }
  }

  private void pending(Hash32 storedId, PendingApprovalPayload p) {
    checkIntent(p);
    checkProposal(p.redacted(), p.proposal());
    if (processed.contains(p.intentId()) || pendingByIntent.containsKey(p.intentId())) {
      findings.add(Violation.Reason.DUPLICATE_INTENT, "one outcome per intent (X4)",
          "intent " + p.intentId().hex() + " already has an outcome");
      return;
    }
    OpenPending open = new OpenPending(storedId, p);
    pendingByIntent.put(p.intentId(), open);
    pendingByEntry.put(storedId, open);
  }

  /** A final outcome (commit, rejection, failure): checks the intent and marks it processed. */
  private void resolve(IntentOutcome o) {
    checkIntent(o);
    OpenPending p = pendingByIntent.remove(o.intentId());
    if (p != null) {
      pendingByEntry.remove(p.entryId);
    }
    if (!processed.add(o.intentId())) {
      findings.add(Violation.Reason.DUPLICATE_INTENT, "one outcome per intent (X4)",
          "intent " + o.intentId().hex() + " already has an outcome");
    }
  }

  private void vote(Entry entry, Hash32 storedId, ApprovalPayload a) {
    OpenPending p = pendingByEntry.get(a.pending());
    String problem = null;
    if (p == null) {
      problem = "vote on " + a.pending().display("entry")
          + ", which is not an open pending_approval entry of this trajectory";
    } else if (!p.approvers.contains(a.approverKey())) {
      problem = "approver " + a.approverKey().hex() + " is not listed in the pending entry";
    } else if (p.voted.contains(a.approverKey())) {
      problem = "second vote by approver " + a.approverKey().hex();
    } else if (p.payload.expiresAtMs().isPresent()
        && entry.recordedMs() > p.payload.expiresAtMs().get()) {
      problem = "vote recorded at " + entry.recordedMs() + " ms after expiry at "
          + p.payload.expiresAtMs().get() + " ms";
    } else if (!a.signatureVerifies(trajectoryId)) {
      problem = "approver signature does not verify";
    }
    if (problem != null) {
      findings.add(Violation.Reason.BAD_VOTE, "a vote the kernel accepts (X3.2, X3.6)", problem);
      return;
    }
    p.voted.add(a.approverKey());
    switch (a.decision()) {
      case APPROVE -> p.votesByEntry.put(storedId, a);
      case DENY -> p.deny = Optional.of(storedId);
    }
  }

  private void execution(ExecutionPayload x) {
    if (processed.contains(x.intentId()) || openExecutions.containsKey(x.intentId())) {
      findings.add(Violation.Reason.DUPLICATE_INTENT, "at most one execution per intent (X4)",
          "intent " + x.intentId().hex() + " was already executed or processed");
      return;
    }
    openExecutions.put(x.intentId(), x.proposalId());
  }

  private void checkIntent(IntentOutcome o) {
    if (o.redacted()) {
      return; // X8.3: the original id stays over a redacted body
    }
    recomputedIntent.filter(id -> !id.equals(o.intentId())).ifPresent(id -> findings.add(
        Violation.Reason.INTENT_ID_MISMATCH, o.intentId().hex(), id.hex()));
  }

  private void checkProposal(boolean redacted, Proposal proposal) {
    if (!redacted) {
      recomputedProposal.filter(id -> !id.equals(proposal.id())).ifPresent(id -> findings.add(
          Violation.Reason.PROPOSAL_ID_MISMATCH, proposal.id().hex(), id.hex()));
    }
    Hash32 writ = proposal.body().writId();
    if (boundWrit.isPresent() && !boundWrit.get().equals(writ)) {
      findings.add(Violation.Reason.WRIT_BINDING, boundWrit.get().display("writ") + " (L3.2)",
          writ.display("writ"));
    }
  }

  /**
   * The state a snapshot carries so a replay can resume after it (R6.1, R6.2): the bound writ,
   * the id indices, the open executions and the open pending entries with their votes. Lists
   * are sorted, so equal states give equal bytes.
   */
  JsonObject state() {
    JsonObject.Builder b = JsonObject.builder();
    boundWrit.ifPresent(w -> b.put("bound_writ", w.toJson()));
    b.put("processed", processed.toJson()).put("commits", commits.toJson())
        .put("compensated", compensated.toJson());
    List<Hash32> intents = new ArrayList<>(openExecutions.keySet());
    intents.sort((x, y) -> x.hex().compareTo(y.hex()));
    b.put("open_executions", Json.array(intents.stream().map(i ->
        JsonObject.builder().put("intent_id", i.toJson())
            .put("proposal_id", openExecutions.get(i).toJson()).build()).toList()));
    List<OpenPending> open = new ArrayList<>(pendingByEntry.values());
    open.sort((x, y) -> x.entryId.hex().compareTo(y.entryId.hex()));
    List<Json> pendings = new ArrayList<>();
    for (OpenPending p : open) {
      List<Hash32> votes = new ArrayList<>(p.votesByEntry.keySet());
      votes.sort((x, y) -> x.hex().compareTo(y.hex()));
      JsonObject.Builder pb = JsonObject.builder()
          .put("entry_id", p.entryId.toJson()).put("payload", p.payload.toJson())
          .put("votes", Json.array(votes.stream().map(v ->
              JsonObject.builder().put("entry_id", v.toJson())
                  .put("payload", p.votesByEntry.get(v).toJson()).build()).toList()))
          .put("voted", Json.array(p.voted.stream().map(PublicKey::hex).sorted()
              .map(Json::string).toList()));
      p.deny.ifPresent(d -> pb.put("deny", d.toJson()));
      pendings.add(pb.build());
    }
    return b.put("open_pending", Json.array(pendings)).build();
  }

  /** Restores {@link #state()} and the world into fresh checks (R6.2). */
  void restore(StrictObject o, WorldBuilder folded) {
    world = folded;
    boundWrit = Members.optHash(o, "bound_writ");
    processed.addAll(o.read("processed", IdSet::fromJson));
    commits.addAll(o.read("commits", IdSet::fromJson));
    compensated.addAll(o.read("compensated", IdSet::fromJson));
    JsonArray xs = o.array("open_executions");
    for (int i = 0; i < xs.size(); i++) {
      StrictObject x = StrictObject.of(xs.get(i),
          StrictObject.child(o.pointer("open_executions"), i));
      openExecutions.put(x.read("intent_id", Hash32::fromJson),
          x.read("proposal_id", Hash32::fromJson));
      x.end();
    }
    JsonArray ps = o.array("open_pending");
    for (int i = 0; i < ps.size(); i++) {
      StrictObject x = StrictObject.of(ps.get(i),
          StrictObject.child(o.pointer("open_pending"), i));
      OpenPending p = new OpenPending(x.read("entry_id", Hash32::fromJson),
          x.read("payload", PendingApprovalPayload::fromJson));
      JsonArray votes = x.array("votes");
      for (int j = 0; j < votes.size(); j++) {
        StrictObject v = StrictObject.of(votes.get(j),
            StrictObject.child(x.pointer("votes"), j));
        p.votesByEntry.put(v.read("entry_id", Hash32::fromJson),
            v.read("payload", ApprovalPayload::fromJson));
        v.end();
      }
      JsonArray voted = x.array("voted");
      for (int j = 0; j < voted.size(); j++) {
        p.voted.add(PublicKey.fromJson(voted.get(j),
            StrictObject.child(x.pointer("voted"), j)));
      }
      p.deny = Members.optHash(x, "deny");
      x.end();
      pendingByIntent.put(p.payload.intentId(), p);
      pendingByEntry.put(p.entryId, p);
    }
  }

  /** Small readers shared by the snapshot state. */
  static final class Members {
    private Members() {}

    static Optional<Hash32> optHash(StrictObject o, String name) {
      return o.optRead(name, Hash32::fromJson);
    }
  }

  WorldBuilder world() {
    return world;
  }

  /** Starts the world at a branch's source world (R7), before any commit is folded. */
  void startFrom(World base) {
    world = base.toBuilder();
  }

  /** Intent ids executed but neither committed nor failed (X5.2), sorted by hex. */
  List<Hash32> inDoubt() {
    List<Hash32> out = new ArrayList<>(openExecutions.keySet());
    out.sort((x, y) -> x.hex().compareTo(y.hex()));
    return out;
  }
}
