package thymos.kernel.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import thymos.api.ConfigurationException;
import thymos.api.LedgerException;
import thymos.api.RequestRefused;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.ApprovalPayload;
import thymos.api.model.BranchPayload;
import thymos.api.model.Budget;
import thymos.api.model.CommitPayload;
import thymos.api.model.CompensationPayload;
import thymos.api.model.DelegationPayload;
import thymos.api.model.Delta;
import thymos.api.model.EffectClass;
import thymos.api.model.Entry;
import thymos.api.model.EntryRef;
import thymos.api.model.ErrorInfo;
import thymos.api.model.ExecutionPayload;
import thymos.api.model.FailurePayload;
import thymos.api.model.Intent;
import thymos.api.model.Observation;
import thymos.api.model.Payload;
import thymos.api.model.PendingApprovalPayload;
import thymos.api.model.Proposal;
import thymos.api.model.RejectionPayload;
import thymos.api.model.RejectionReason;
import thymos.api.model.RootPayload;
import thymos.api.model.RoutingEvidence;
import thymos.api.model.UsagePayload;
import thymos.api.model.World;
import thymos.api.model.Writ;
import thymos.api.spi.ConditionCheck;
import thymos.api.spi.Reconciliation;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;
import thymos.kernel.KernelVersion;
import thymos.kernel.authority.ChainVerification;
import thymos.api.crypto.Nonce;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.kernel.compiler.ChainSource;
import thymos.kernel.compiler.CompensationStages;
import thymos.kernel.compiler.CompileContext;
import thymos.kernel.compiler.CompileResult;
import thymos.kernel.compiler.Compiler;
import thymos.kernel.redaction.Redacted;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.LedgerUnavailable;
import thymos.ledger.spi.StoredEntry;

/**
 * A run: one trajectory bound to one writ (X1), where submitted intents are compiled against the
 * writ, the policy set and the world (04 §C1), then rejected, suspended for approval or executed,
 * and every outcome is appended to the ledger before it takes effect (I3).
 *
 * <p>Guarantees: no tool runs unless this call staged its proposal or recorded votes satisfy its
 * quorum and the authority re-check passes (I1, X3.5); each intent id is processed at most once
 * (X4); a tool whose effect is {@code external} or {@code irreversible} runs only after an {@code
 * execution} entry, and is never re-invoked once one exists (X5); everything persisted is redacted
 * first (X8). Submissions are serialised; when another process appended to the trajectory first
 * (an append conflict, L5.1), the run reloads and decides again on the new head (X1.3, X5.4).
 *
 * <p>Obtain one from {@link Kernel#open} or {@link Kernel#resume}. Thread-safe.
 */
public final class Run {

  /** How many times one call reloads after losing an append race before giving up (X1.3). */
  public static final int MAX_ATTEMPTS = 32;

  private final Kernel k;
  private final RunState state;
  private final Hash32 writId;
  private final Redaction redaction;
  /** The parent to watch for this child's close (09 §D2); set at the first submission. */
  private Optional<ParentWatch> parentWatch;
  /** Intents of open pending entries as submitted, for those whose stored form is redacted. */
  private final Map<Hash32, Intent> originals = new HashMap<>();

  Run(Kernel kernel, RunState state, Hash32 writId) {
    this.k = kernel;
    this.state = state;
    this.writId = writId;
    this.redaction = new Redaction(kernel.redactor);
    state.childUsage(kernel::usageOf);
  }

  /** The trajectory this run appends to. */
  public Hash32 trajectoryId() {
    return state.trajectoryId();
  }

  /** The writ the trajectory is bound to (L3.2). */
  public Hash32 writId() {
    return writId;
  }

  /** The world: the fold of the committed deltas so far (M5.3). */
  public synchronized World world() {
    return state.world();
  }

  /** What the trajectory has spent: commit costs and recorded model usage (M7, X7). */
  public synchronized Budget spent() {
    return state.spent();
  }

  /**
   * The dimensions in which the spend exceeds the bound writ's budget — usage is recorded after
   * the fact and may overshoot (X7.2); empty while within budget.
   */
  public synchronized List<String> overspent() {
    return k.authority.writ(writId).map(w -> state.spent().exceeded(w.body().budget()))
        .orElse(List.of());
  }

  /** The bound writ (registered, W2.2). */
  public Writ writ() {
    return k.authority.writ(writId).orElseThrow(
        () -> new IllegalStateException(writId.display("writ") + " is no longer registered"));
  }

  /** The id of the trajectory's last entry. */
  public synchronized Hash32 head() {
    return state.headId().orElseThrow();
  }

  /** The number of entries in the trajectory. */
  public synchronized long size() {
    return state.nextSeq();
  }

  /** The proposals waiting for votes (X3), oldest first. */
  public synchronized List<Outcome.Pending> pending() {
    List<Outcome.Pending> out = new ArrayList<>();
    for (RunState.OpenPending p : state.openPendings()) {
      out.add((Outcome.Pending) Outcome.of(entryAt(state.seqOf(p.entryId).getAsLong())));
    }
    return out;
  }

  /** The intents executed but neither committed nor failed (X5.2), oldest first. */
  public synchronized List<Outcome.InDoubt> inDoubt() {
    return state.openExecutions().stream()
        .map(x -> new Outcome.InDoubt(x.intentId(), x.proposalId(), x.entryId())).toList();
  }

  /** The outcome recorded for an intent, if it has one (X4). */
  public synchronized Optional<Outcome> outcome(Hash32 intentId) {
    return recorded(intentId);
  }

  /**
   * Submits a {@code delegate} intent (09 §D1–D3); see {@link Delegation#delegate}.
   *
   * @return the child run, or the rejection recorded in this trajectory
   */
  public synchronized Delegation.Result delegate(Intent intent) {
    Objects.requireNonNull(intent, "intent");
    return retrying(() -> Delegation.delegate(this, intent, Optional.empty(), k.clock.nowMs()));
  }

  /** Compile inputs for delegation (09 §D1). */
  CompileContext compileContext(long now) {
    k.authority.refresh();
    catchUpIfStale();
    return context(now);
  }

  /**
   * Closes a child this run delegated to (09 §D2): appends a {@code delegation_result} with the
   * child's head; the unspent part of the reservation is released and what the child used (its
   * spend and open reservations, at most the reservation) is charged to this run.
   *
   * @throws RequestRefused {@code unknown_child} (D2) if this run has no open delegation to it
   */
  public synchronized Entry closeChild(Hash32 childTrajectory, String outcome,
      Optional<String> finalAnswer) {
    Objects.requireNonNull(childTrajectory, "childTrajectory");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(finalAnswer, "finalAnswer");
    return retrying(() -> {
      catchUpIfStale();
      if (!state.childOpen(childTrajectory)) {
        throw new RequestRefused("D2", "unknown_child", trajectoryId().display("traj")
            + " has no open delegation to " + childTrajectory.display("traj"));
      }
      Hash32 head;
      try (Stream<StoredEntry> last = k.ledger.read(childTrajectory)) {
        head = last.reduce((a, b) -> b).orElseThrow().id();
      }
      return append(new thymos.api.model.DelegationResultPayload(childTrajectory, head, outcome,
          finalAnswer), k.clock.nowMs());
    });
  }

  /** Whether this run delegated to {@code child} and has not closed it (09 §D2). */
  public synchronized boolean childOpen(Hash32 child) {
    return state.childOpen(Objects.requireNonNull(child, "child"));
  }

  /** The payloads of every {@code delegation} entry of this trajectory, in ledger order. */
  List<DelegationPayload> delegations() {
    return state.delegationEntries().stream()
        .map(id -> (DelegationPayload) entry(id).payload()).toList();
  }

  /** The payloads of the {@code delegation} entries whose child is still open, in ledger order. */
  public synchronized List<DelegationPayload> openDelegations() {
    return state.openChildren().stream()
        .map(id -> (DelegationPayload) entry(id).payload()).toList();
  }

  /** Records a compile rejection of {@code intent} in this trajectory (X2). */
  Outcome reject(Intent intent, CompileResult.Rejected r, Optional<RoutingEvidence> evidence,
      long now) {
    Redaction.StoredIntent stored = redaction.intent(intent.body());
    return Outcome.of(append(new RejectionPayload(stored.body(), intent.id(), stored.redacted(),
        redaction.reason(r.reason()), Optional.empty(), r.policySet(), r.policyTrace(),
        KernelVersion.COMPILER_VERSION, redaction.evidence(evidence)), now));
  }

  /** The entry {@code id} of this trajectory, which it holds. */
  Entry entry(Hash32 id) {
    return entryAt(state.seqOf(id).orElseThrow());
  }

  RunState state() {
    return state;
  }

  /** Whether this run is a delegated child whose parent has closed it (09 §D2). */
  synchronized boolean closedByParent() {
    if (parentWatch == null) {
      parentWatch = entryAt(0).payload() instanceof RootPayload r && r.delegatedFrom().isPresent()
          ? Optional.of(new ParentWatch(k.ledger, r.delegatedFrom().get().trajectoryId(),
              trajectoryId()))
          : Optional.empty();
    }
    return parentWatch.isPresent() && parentWatch.get().closed();
  }

  private static Outcome.Delegated delegated(Hash32 intentId, Entry e) {
    return new Outcome.Delegated(intentId, e, (DelegationPayload) e.payload());
  }

  /** As {@link #submit(Intent, Optional)} without routing evidence. */
  public Outcome submit(Intent intent) {
    return submit(intent, Optional.empty());
  }

  /**
   * Submits an intent (X2): returns its recorded outcome if it has one (X4, nothing executed or
   * appended), otherwise compiles it and records a rejection, a pending approval, or — after
   * executing the staged proposal — a commit or a failure. An intent that is already in doubt is
   * offered to its tool's {@code reconcile} hook, never re-invoked (X5.2).
   *
   * @param intent the intent as cognition proposed it; a malformed one is a rejection (C2 stage 1)
   * @param evidence routing evidence to record with the outcome (X9.1)
   * @return the outcome
   * @throws ConfigurationException {@code THY-X301} if the proposal suspends on a channel that is
   *     not configured or asks for more approvals than it has approvers; nothing is appended
   * @throws LedgerException for a backend failure (nothing recorded for this intent
   *     unless the failure came after the tool ran, see X5.2)
   */
  public synchronized Outcome submit(Intent intent, Optional<RoutingEvidence> evidence) {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(evidence, "evidence");
    return retrying(() -> submitOnce(intent, evidence));
  }

  private Outcome submitOnce(Intent intent, Optional<RoutingEvidence> evidence) {
    k.authority.refresh();
    catchUpIfStale();
    long now = k.clock.nowMs();
    expire(now);
    if (intent.body().kind() != IntentKind.COMPENSATE && closedByParent()
        && recorded(intent.id()).isEmpty()) {
      return reject(intent, new CompileResult.Rejected(new RejectionReason("budget_exhausted",
          trajectoryId().display("traj") + " was closed by its parent "
              + parentWatch.get().parent().display("traj") + " (09 D2): its reservation is"
              + " settled, so it starts no new work", Json.object(Map.of("rule",
                  Json.string("D2"), "parent", parentWatch.get().parent().toJson()))),
          k.policies.policySet(), Optional.empty()), evidence, now);
    }
    if (intent.body().kind() == IntentKind.DELEGATE) {
      return switch (Delegation.delegate(this, intent, evidence, now)) {
        case Delegation.Delegated d -> delegated(intent.id(), d.entry());
        case Delegation.Refused r -> r.outcome();
      };
    }
    Optional<Outcome> known = recorded(intent.id());
    if (known.isPresent()) {
      if (known.get() instanceof Outcome.Pending && intent.idMatchesBody()) {
        originals.putIfAbsent(intent.id(), intent); // lets an approval after restart run (X8.3)
      }
      if (known.get() instanceof Outcome.InDoubt) {
        return reconcile(state.execution(intent.id()).orElseThrow(), Optional.of(intent));
      }
      return known.get();
    }
    CompileResult result = compile(intent, now);
    Redaction.StoredIntent stored = redaction.intent(intent.body());
    Optional<RoutingEvidence> storedEvidence = redaction.evidence(evidence);
    return switch (result) {
      case CompileResult.Rejected r -> Outcome.of(append(new RejectionPayload(stored.body(),
          intent.id(), stored.redacted(), redaction.reason(r.reason()), Optional.empty(),
          r.policySet(), r.policyTrace(), KernelVersion.COMPILER_VERSION, storedEvidence), now));
      case CompileResult.Suspended s -> suspend(intent, stored, s, storedEvidence, now);
      case CompileResult.Staged s -> execute(intent, stored, s.proposal(), List.of(),
          storedEvidence);
    };
  }

  private Outcome suspend(Intent intent, Redaction.StoredIntent stored, CompileResult.Suspended s,
      Optional<RoutingEvidence> evidence, long now) {
    ApprovalChannel channel = k.channel(s.channel()).orElseThrow(() -> new ConfigurationException(
        "THY-X301", "X3.1", "proposal for " + s.proposal().body().tool() + " suspended on approval"
            + " channel \"" + s.channel() + "\", which is not configured",
        List.copyOf(k.channels.keySet()), null));
    // X3.1: the channel's quorum is the default; a suspension source may only raise it.
    long quorum = Math.max(channel.quorum(), s.quorum());
    if (quorum > channel.approvers().size()) {
      throw new ConfigurationException("THY-X301", "X3.1", "proposal for "
          + s.proposal().body().tool() + " asks for " + quorum + " approvals on channel "
          + channel.name() + ", which has " + channel.approvers().size() + " approvers",
          List.of(), null);
    }
    Optional<Long> expires = channel.ttlMs().isPresent()
        ? Optional.of(now + channel.ttlMs().getAsLong()) : Optional.empty();
    Entry e = append(new PendingApprovalPayload(stored.body(), intent.id(), stored.redacted(),
        redaction.proposal(s.proposal()), channel.name(), redaction.text(s.reason()), quorum,
        channel.approvers(), expires, KernelVersion.COMPILER_VERSION, evidence), now);
    originals.put(intent.id(), intent);
    return Outcome.of(e);
  }

  /**
   * Records a vote on a pending proposal (X3.2) and, when it decides the proposal, its outcome: one
   * {@code deny} rejects it ({@code approval_denied}, X3.3); the M-th distinct {@code approve}
   * (X3.4) re-checks stages 3–13 (X3.5) and then executes it once, or rejects it if the writ was
   * revoked or expired or the budget was spent meanwhile.
   *
   * @param vote the signed vote; its signature covers {@code {trajectory_id, pending, decision}}
   * @return the approval entry and the proposal's outcome ({@link Outcome.Pending} while the
   *     quorum is not reached)
   * @throws RequestRefused and records nothing: {@code unknown_pending}, {@code pending_resolved},
   *     {@code approver_not_listed}, {@code duplicate_vote}, {@code bad_signature} (X3.2), {@code
   *     pending_expired} (X3.6)
   */
  public synchronized VoteResult vote(ApprovalPayload vote) {
    Objects.requireNonNull(vote, "vote");
    return retrying(() -> voteOnce(vote));
  }

  private VoteResult voteOnce(ApprovalPayload vote) {
    long now = k.clock.nowMs();
    Hash32 pendingId = vote.pending();
    RunState.OpenPending p = state.pending(pendingId).orElseThrow(() ->
        state.resolutionOf(pendingId).isPresent()
            ? new RequestRefused("X3.2", "pending_resolved", pendingId.display("entry")
                + " was already resolved by the entry at seq "
                + state.resolutionOf(pendingId).getAsLong())
            : new RequestRefused("X3.2", "unknown_pending", pendingId.display("entry")
                + " is not a pending_approval entry of " + trajectoryId().display("traj")));
    String voter = vote.approverKey().hex();
    if (p.approved() || p.deny.isPresent() || state.execution(p.payload.intentId()).isPresent()) {
      throw new RequestRefused("X3.7", "pending_resolved", pendingId.display("entry")
          + " already has its decision; resume the run to finish it");
    }
    if (!p.payload.approvers().contains(vote.approverKey())) {
      throw new RequestRefused("X3.2", "approver_not_listed", "key " + voter
          + " is not an approver of channel " + p.payload.channel() + " on "
          + pendingId.display("entry"));
    }
    if (p.voted.contains(vote.approverKey())) {
      throw new RequestRefused("X3.2", "duplicate_vote", "key " + voter + " already voted on "
          + pendingId.display("entry"));
    }
    if (p.expiredAt(now)) {
      throw new RequestRefused("X3.6", "pending_expired", pendingId.display("entry")
          + " expired at " + p.payload.expiresAtMs().get() + " ms; now " + now + " ms");
    }
    if (!vote.signatureVerifies(trajectoryId())) {
      throw new RequestRefused("X3.2", "bad_signature", "vote of key " + voter + " on "
          + pendingId.display("entry") + " does not verify (E3.3)");
    }
    Entry recorded = append(new ApprovalPayload(vote.pending(), vote.decision(),
        vote.approverKey(), vote.reason().map(redaction::text), vote.approverSignature()), now);
    return new VoteResult(recorded, decide(p, now));
  }

  /** Resolves a pending entry whose votes decided it, or reports it still pending. */
  private Outcome decide(RunState.OpenPending p, long now) {
    if (p.deny.isPresent()) {
      return Outcome.of(append(rejection(p, new RejectionReason("approval_denied",
          "approval denied by vote " + p.deny.get().display("entry"),
          detail("vote", p.deny.get().hex()))), now));
    }
    if (p.approved()) {
      return runApproved(p, now);
    }
    return Outcome.of(entryAt(state.seqOf(p.entryId).getAsLong()));
  }

  /** X3.5: re-runs stages 3–13, then executes the approved proposal or rejects it. */
  private Outcome runApproved(RunState.OpenPending p, long now) {
    PendingApprovalPayload pending = p.payload;
    Optional<Intent> original = Optional.ofNullable(originals.get(pending.intentId()))
        .or(() -> pending.redacted() ? Optional.empty() : Optional.of(pending.asIntent()));
    if (original.isEmpty()) {
      return Outcome.of(append(new FailurePayload(pending.intent(), pending.intentId(), true,
          Optional.of(pending.proposal().id()), new ErrorInfo("args_unavailable",
              "approved, but the intent's arguments were redacted when recorded and the "
                  + "original intent was not resubmitted to this runtime (X8.3)"),
          KernelVersion.COMPILER_VERSION), now));
    }
    Optional<RejectionReason> recheck = Compiler.recheck(original.get(), writId, context(now));
    if (recheck.isPresent()) {
      return Outcome.of(append(rejection(p, redaction.reason(recheck.get())), now));
    }
    Optional<RejectionReason> undone = compensationTarget(original.get())
        .flatMap(t -> CompensationStages.recheck(t, pending.proposal().body().tool()));
    if (undone.isPresent()) {
      return Outcome.of(append(rejection(p, undone.get()), now));
    }
    return execute(original.get(), new Redaction.StoredIntent(pending.intent(),
        pending.redacted()), pending.proposal(), List.copyOf(p.approves.keySet()),
        pending.routingEvidence());
  }

  private RejectionPayload rejection(RunState.OpenPending p, RejectionReason reason) {
    PendingApprovalPayload pending = p.payload;
    return new RejectionPayload(pending.intent(), pending.intentId(), pending.redacted(), reason,
        Optional.of(pending.proposal().id()), k.policies.policySet(), Optional.empty(),
        KernelVersion.COMPILER_VERSION, pending.routingEvidence());
  }

  /**
   * Executes a staged or approved proposal (X2 step 5, X5): the {@code execution} entry first
   * for external and irreversible tools, then the tool, then a commit or a failure.
   */
  private Outcome execute(Intent intent, Redaction.StoredIntent stored, Proposal proposal,
      List<Hash32> approvals, Optional<RoutingEvidence> evidence) {
    String name = proposal.body().tool();
    Tool tool = k.tools.find(name).orElseThrow(() -> new IllegalStateException(
        "tool " + name + " left the registry after compiling"));
    EffectClass effect = proposal.body().effect();
    if (effect == EffectClass.EXTERNAL || effect == EffectClass.IRREVERSIBLE) {
      append(new ExecutionPayload(intent.id(), proposal.id()), k.clock.nowMs());
    }
    publish(new RunEvent.ExecutionStarted(trajectoryId(), intent.id(), proposal.id(), name));
    World before = state.world();
    long start = k.clock.nowMs();
    ToolOutcome out;
    Optional<CompensationStages.Target> compensating = compensationTarget(intent);
    try {
      out = compensating.isPresent()
          ? tool.compensate(compensating.get().commit(), before)
          : tool.execute(new ToolContext(intent.body().args(), before, intent.id(),
              start + k.toolTimeoutMs, ToolContext.Cancellation.NEVER, Optional.empty()));
      if (out == null) {
        out = new ToolFailure(ToolFailure.Kind.TOOL_ERROR, name + " returned no outcome");
      }
    } catch (RuntimeException e) {
      out = new ToolFailure(ToolFailure.Kind.TOOL_ERROR, name + " threw " + describe(e));
    }
    long latency = Math.max(0, k.clock.nowMs() - start);
    publish(new RunEvent.ExecutionFinished(trajectoryId(), intent.id(), name, latency,
        out instanceof ToolResult));
    if (out instanceof ToolResult result && compensating.isEmpty()) {
      ConditionCheck post;
      try {
        post = tool.postconditions(intent.body().args(), result, before);
      } catch (RuntimeException e) {
        post = ConditionCheck.fails(name + " postconditions threw " + describe(e));
      }
      if (post instanceof ConditionCheck.Fails f) {
        out = new ToolFailure(ToolFailure.Kind.POSTCONDITION_FAILED, f.reason());
      }
    }
    Proposal storedProposal = redaction.proposal(proposal);
    return switch (out) {
      case ToolFailure f -> finish(intent.id(), () -> failure(stored, intent.id(), proposal.id(),
          f.toErrorInfo()));
      case ToolResult r -> commit(intent.id(), stored, storedProposal, r.output(), r.delta(),
          cost(r.cost(), latency), latency, approvals, evidence,
          compensating.map(CompensationStages.Target::entryId));
    };
  }

  private Outcome commit(Hash32 intentId, Redaction.StoredIntent stored, Proposal proposal,
      Json output, Delta delta, Budget cost, long latency, List<Hash32> approvals,
      Optional<RoutingEvidence> evidence) {
    return commit(intentId, stored, proposal, output, delta, cost, latency, approvals, evidence,
        Optional.empty());
  }

  private Outcome commit(Hash32 intentId, Redaction.StoredIntent stored, Proposal proposal,
      Json output, Delta delta, Budget cost, long latency, List<Hash32> approvals,
      Optional<RoutingEvidence> evidence, Optional<Hash32> compensates) {
    Redacted<Json> out = redaction.value(output);
    Redacted<Delta> storedDelta = redaction.delta(delta);
    long hits = (long) out.count() + storedDelta.count();
    Observation obs = new Observation(proposal.body().tool(), out.value(), latency,
        Optional.empty(), hits == 0 ? Optional.empty() : Optional.of(hits));
    CommitPayload commit = new CommitPayload(stored.body(), intentId, stored.redacted(), proposal,
        storedDelta.value(), List.of(obs), cost, KernelVersion.COMPILER_VERSION, approvals,
        compensates, evidence);
    // X5.4: on every attempt the delta is checked against the head the commit will follow.
    return finish(intentId, () -> state.check(storedDelta.value())
        .<Payload>map(c -> failure(stored, intentId, proposal.id(),
            new ErrorInfo("delta_conflict", c.message())))
        .orElse(commit));
  }

  private FailurePayload failure(Redaction.StoredIntent stored, Hash32 intentId,
      Hash32 proposalId, ErrorInfo error) {
    return new FailurePayload(stored.body(), intentId, stored.redacted(), Optional.of(proposalId),
        new ErrorInfo(error.kind(), redaction.text(error.message())),
        KernelVersion.COMPILER_VERSION);
  }

  /**
   * Appends the final entry of an executed intent (X1.3, X5.4): after a lost race the run reloads;
   * if the other writer recorded an outcome for the intent that one stands, otherwise the entry is
   * rebuilt on the new head.
   */
  private Outcome finish(Hash32 intentId, Supplier<Payload> payload) {
    for (int attempt = 1; ; attempt++) {
      try {
        return Outcome.of(append(payload.get(), k.clock.nowMs()));
      } catch (AppendConflict conflict) {
        catchUp();
        OptionalLong seq = state.finalOutcomeSeq(intentId);
        if (seq.isPresent()) {
          return Outcome.of(entryAt(seq.getAsLong()));
        }
        if (attempt >= MAX_ATTEMPTS) {
          // Not an AppendConflict: the tool ran, so the caller must not retry the submission.
          throw new LedgerUnavailable("gave up recording the outcome of intent "
              + intentId.hex() + " after " + MAX_ATTEMPTS + " lost append races", conflict);
        }
        Thread.yield();
      }
    }
  }

  /** X7.1: one tool call unless the tool reports more, the measured wall clock, tool-reported
   * tokens and money. */
  private static Budget cost(Optional<Budget> reported, long latency) {
    Budget r = reported.orElse(Budget.ZERO);
    return new Budget(r.tokens(), Math.max(1, r.toolCalls()), latency, r.usdMillicents());
  }

  /**
   * Records one cognition step's model usage (X7.2) and debits it; it is recorded even when it
   * overshoots the budget, which then rejects later intents at stage 13.
   *
   * @return the {@code usage} entry; its {@code step} counts usage entries from 0 in this run
   */
  public synchronized Entry recordUsage(String provider, String model, long inputTokens,
      long outputTokens, long usdMillicents) {
    return recordUsage(state.usageSteps(), provider, model, inputTokens, outputTokens,
        usdMillicents);
  }

  /**
   * As {@link #recordUsage(String, String, long, long, long)} for agent-loop step {@code step}.
   *
   * @throws IllegalArgumentException for a negative step
   */
  public synchronized Entry recordUsage(long step, String provider, String model,
      long inputTokens, long outputTokens, long usdMillicents) {
    return retrying(() -> append(new UsagePayload(provider, model, step, inputTokens,
        outputTokens, usdMillicents), k.clock.nowMs()));
  }

  /** The next agent-loop step: one past the highest step with recorded usage, else 0. */
  public synchronized long nextStep() {
    return state.usageSteps();
  }

  /**
   * Resolves every pending entry past its expiry as an {@code approval_expired} rejection (X3.6).
   * Submitting does this too; call it to sweep without submitting.
   *
   * @return the rejections appended, oldest first
   */
  public synchronized List<Outcome> expireDue() {
    return retrying(() -> expire(k.clock.nowMs()));
  }

  private List<Outcome> expire(long now) {
    List<Outcome> out = new ArrayList<>();
    for (RunState.OpenPending p : state.openPendings()) {
      if (p.expiredAt(now) && !p.approved() && p.deny.isEmpty()
          && state.execution(p.payload.intentId()).isEmpty()) {
        out.add(Outcome.of(append(rejection(p, new RejectionReason("approval_expired",
            "approval expired at " + p.payload.expiresAtMs().get() + " ms with "
                + p.approves.size() + " of " + p.payload.quorum() + " approvals",
            detail("expires_at_ms", Long.toString(p.payload.expiresAtMs().get())))), now)));
        originals.remove(p.payload.intentId());
      }
    }
    return out;
  }

  /**
   * Finishes what the ledger decided but the run did not complete (X1.2): denied, approved or
   * expired pending entries, and in-doubt executions offered to their tools' reconcile hooks.
   */
  synchronized void finishRecorded() {
    retrying(() -> {
      long now = k.clock.nowMs();
      for (RunState.OpenPending p : state.openPendings()) {
        if (state.execution(p.payload.intentId()).isEmpty()
            && (p.deny.isPresent() || p.approved())) {
          decide(p, now);
        }
      }
      expire(now);
      for (RunState.OpenExecution x : state.openExecutions()) {
        reconcile(x, Optional.empty());
      }
      return null;
    });
  }

  /**
   * Offers every in-doubt intent whose intent is known to its tool's reconcile hook (X5.2).
   *
   * @return what became of each in-doubt intent: committed, failed, or still in doubt
   */
  public synchronized List<Outcome> reconcile() {
    return retrying(() -> {
      List<Outcome> out = new ArrayList<>();
      for (RunState.OpenExecution x : state.openExecutions()) {
        out.add(reconcile(x, Optional.empty()));
      }
      return out;
    });
  }

  /**
   * X5.2: asks the tool whether the in-doubt call took effect. Done → commit with the reconciled
   * observation; not done → failure; unknown, or the intent is not known to this runtime → still
   * in doubt, reported to listeners. Never re-invokes the tool.
   */
  private Outcome reconcile(RunState.OpenExecution x, Optional<Intent> submitted) {
    Outcome.InDoubt doubt = new Outcome.InDoubt(x.intentId(), x.proposalId(), x.entryId());
    Optional<RunState.OpenPending> pending = x.pending().flatMap(state::pending);
    Optional<Intent> intent = submitted.filter(Intent::idMatchesBody)
        .or(() -> Optional.ofNullable(originals.get(x.intentId())))
        .or(() -> pending.filter(p -> !p.payload.redacted()).map(p -> p.payload.asIntent()));
    Optional<Proposal> proposal = pending.map(p -> p.payload.proposal());
    if (intent.isPresent() && proposal.isEmpty()) {
      // A staged proposal is not in the ledger: compile again and use it only if it is the same.
      long now = k.clock.nowMs();
      if (compile(intent.get(), now) instanceof CompileResult.Staged s
          && s.proposal().id().equals(x.proposalId())) {
        proposal = Optional.of(s.proposal());
      }
    }
    Optional<Tool> tool = intent.flatMap(i -> k.tools.find(i.body().tool()));
    if (intent.isEmpty() || proposal.isEmpty() || tool.isEmpty()) {
      publish(new RunEvent.InDoubtFound(trajectoryId(), doubt));
      return doubt;
    }
    Reconciliation answer;
    try {
      answer = tool.get().reconcile(x.intentId());
    } catch (RuntimeException e) {
      answer = Reconciliation.UNKNOWN;
    }
    Redaction.StoredIntent stored = pending
        .map(p -> new Redaction.StoredIntent(p.payload.intent(), p.payload.redacted()))
        .orElseGet(() -> redaction.intent(intent.get().body()));
    Proposal p = proposal.get();
    return switch (answer) {
      case Reconciliation.Done done -> commit(x.intentId(), stored, redaction.proposal(p),
          done.output(), done.delta(), new Budget(0, 1, 0, 0), 0,
          pending.map(o -> List.copyOf(o.approves.keySet())).orElse(List.of()),
          pending.flatMap(o -> o.payload.routingEvidence()));
      case Reconciliation.NotDone notDone -> finish(x.intentId(), () -> failure(stored,
          x.intentId(), p.id(), new ErrorInfo("not_done",
              tool.get().descriptor().name() + " reports the call did not take effect")));
      case Reconciliation.Unknown unknown -> {
        publish(new RunEvent.InDoubtFound(trajectoryId(), doubt));
        yield doubt;
      }
    };
  }

  // ---- compensation (X6)

  /**
   * Undoes, newest first, every commit after {@code target} that is not itself a compensation and
   * not already compensated (X6.2): each undo is a {@code compensate} intent compiled through the
   * authority, budget and policy stages and committed with {@code compensates}. A commit that
   * cannot be undone — its tool is not compensable, or its compensation is rejected, suspended or
   * fails — stops the walk (X6.4); what was undone stays undone, and calling again continues where
   * it stopped without undoing anything twice. Cross-trajectory compensation through {@code
   * delegation} entries (X6.3) is not part of this method; see docs/decisions.md.
   *
   * @param target an entry of this trajectory; the commits after it are undone
   * @return what was undone, what remains, and why the walk stopped if it did
   * @throws RequestRefused {@code THY-X602} ({@code unknown_target}) if {@code target} is not an
   *     entry of this trajectory; nothing is recorded
   */
  public synchronized CompensationReport compensateTo(Hash32 target) {
    Objects.requireNonNull(target, "target");
    return retrying(() -> compensateOnce(target));
  }

  private CompensationReport compensateOnce(Hash32 target) {
    k.authority.refresh();
    catchUpIfStale();
    OptionalLong from = state.seqOf(target);
    if (from.isEmpty()) {
      throw new RequestRefused("X6.2", "unknown_target", target.display("entry")
          + " is not an entry of " + trajectoryId().display("traj"));
    }
    List<CompensationReport.Undone> undone = new ArrayList<>();
    List<Hash32> open = Compensations.open(this::entryAt, state, from.getAsLong());
    for (int i = 0; i < open.size(); i++) {
      Hash32 commitId = open.get(i);
      List<Hash32> remaining = List.copyOf(open.subList(i, open.size()));
      if (entryAt(state.seqOf(commitId).getAsLong()).payload() instanceof DelegationPayload d) {
        Optional<CompensationReport.Stop> stop = compensateChild(commitId, d, undone);
        if (stop.isPresent()) {
          return new CompensationReport(target, undone, remaining, stop);
        }
        continue;
      }
      CommitPayload c = (CommitPayload) entryAt(state.seqOf(commitId).getAsLong()).payload();
      String tool = c.proposal().body().tool();
      Optional<Tool> found = k.tools.find(tool);
      if (found.isEmpty() || !found.get().descriptor().compensable()) {
        return new CompensationReport(target, undone, remaining, Optional.of(
            new CompensationReport.Stop(commitId, "not_compensable", tool
                + (found.isEmpty() ? " is not in the registry" : " is not compensable"),
                Optional.empty())));
      }
      Intent intent = Intent.of(new IntentBody(trajectoryId(), IntentKind.COMPENSATE, tool,
          CompensationStages.argsFor(commitId), "kernel", Optional.of("compensate_to "
          + target.hex()), state.headId(), Nonce.of(k.entropy.bytes(Nonce.LENGTH))));
      Outcome o = submitOnce(intent, Optional.empty());
      if (o instanceof Outcome.Committed done) {
        undone.add(new CompensationReport.Undone(trajectoryId(), commitId, done.entry().id()));
        continue;
      }
      String kind = switch (o) {
        case Outcome.Rejected r -> "rejected";
        case Outcome.Pending p -> "suspended";
        case Outcome.Failed f -> "failed";
        default -> "in_doubt";
      };
      String why = switch (o) {
        case Outcome.Rejected r -> r.payload().reason().kind() + ": "
            + r.payload().reason().message();
        case Outcome.Pending p -> "waiting for approval on channel " + p.payload().channel();
        case Outcome.Failed f -> f.payload().error().kind() + ": " + f.payload().error().message();
        default -> "the compensation is in doubt (X5.2)";
      };
      return new CompensationReport(target, undone, remaining, Optional.of(
          new CompensationReport.Stop(commitId, kind, why, Optional.of(o))));
    }
    return new CompensationReport(target, undone, List.of(), Optional.empty());
  }

  /**
   * X6.3: compensates the child of delegation entry {@code delegationId} back to its root, under
   * the child's writ (the child's compensations land in the child's trajectory), and, when that
   * completes, appends a {@code compensation} summary here naming the delegation entry as {@code
   * target} and listing, with trajectory ids, every commit the child and its descendants
   * compensated (read from the child's ledger, so a retried or resumed walk lists them all). Adds
   * what this call undid to {@code undone}.
   *
   * @return why the walk stops here, if the child's walk stopped ({@code child_stopped})
   */
  private Optional<CompensationReport.Stop> compensateChild(Hash32 delegationId,
      DelegationPayload d, List<CompensationReport.Undone> undone) {
    Run child = k.resume(d.childTrajectoryId());
    Hash32 childRoot = child.entryAt(0).id();
    CompensationReport r = child.compensateTo(childRoot);
    undone.addAll(r.undone());
    if (r.stop().isPresent()) {
      CompensationReport.Stop s = r.stop().get();
      return Optional.of(new CompensationReport.Stop(delegationId, "child_stopped",
          d.childTrajectoryId().display("traj") + " stopped at " + s.commit().display("entry")
              + ": " + s.kind() + ": " + s.message(), s.outcome()));
    }
    append(new CompensationPayload(delegationId, child.compensatedRefs()), k.clock.nowMs());
    return Optional.empty();
  }

  /**
   * Every commit this trajectory compensated and every commit its {@code compensation} summaries
   * list, with trajectory ids, in ledger order (X6.3).
   */
  private List<EntryRef> compensatedRefs() {
    List<EntryRef> out = new ArrayList<>();
    try (Stream<StoredEntry> entries = k.ledger.read(trajectoryId())) {
      entries.forEach(s -> {
        switch (Entry.parse(s.canonicalBytes()).payload()) {
          case CommitPayload c when c.compensates().isPresent() ->
              out.add(new EntryRef(trajectoryId(), c.compensates().get()));
          case CompensationPayload summary -> out.addAll(summary.undone());
          default -> { }
        }
      });
    }
    return out;
  }

  private CompileResult compile(Intent intent, long now) {
    return intent.body().kind() == IntentKind.COMPENSATE
        ? CompensationStages.compile(intent, writId, context(now), this::target)
        : Compiler.compile(intent, writId, context(now));
  }

  /** A commit of this trajectory (X6.2), for the compensation stages. */
  private Optional<CompensationStages.Target> target(Hash32 entryId) {
    OptionalLong seq = state.seqOf(entryId);
    if (seq.isEmpty()) {
      return Optional.empty();
    }
    Entry e = entryAt(seq.getAsLong());
    return e.payload() instanceof CommitPayload c
        ? Optional.of(new CompensationStages.Target(entryId, c, state.compensated(entryId)))
        : Optional.empty();
  }

  /** The commit a compensate intent undoes; empty for other kinds (X6.2). */
  private Optional<CompensationStages.Target> compensationTarget(Intent intent) {
    if (intent.body().kind() != IntentKind.COMPENSATE) {
      return Optional.empty();
    }
    Hash32 id = CompensationStages.targetOf(intent.body().args());
    return Optional.of(target(id).orElseThrow(() -> new IllegalStateException(
        id.display("commit") + " compiled as a compensation target but is not a commit")));
  }

  // ---- state, ledger and events

  Kernel kernel() {
    return k;
  }

  /** The bound writ's chain verified at the clock's reading now (W4). */
  ChainVerification authorityNow() {
    return k.authority.verify(writId, k.clock.nowMs());
  }

  private CompileContext context(long now) {
    return new CompileContext(trajectoryId(), writId, authority(), k.tools, state.world(),
        k.policies, state.spent(), state.reserved(), state.stats(), now, k.irreversibleGate,
        k.riskThreshold);
  }

  /** The authority ledger's current facts, without copying them per compile. */
  private ChainSource authority() {
    if (k.authorityView.isPresent()) {
      return k.authorityView.get();
    }
    return new ChainSource() {
      @Override
      public Optional<Writ> writ(Hash32 id) {
        return k.authority.writ(id);
      }

      @Override
      public ChainVerification verify(Hash32 id, long nowMs) {
        return k.authority.verify(id, nowMs);
      }
    };
  }

  private Optional<Outcome> recorded(Hash32 intentId) {
    OptionalLong seq = state.finalOutcomeSeq(intentId);
    if (seq.isPresent()) {
      return Optional.of(Outcome.of(entryAt(seq.getAsLong())));
    }
    if (state.delegates()) {
      Optional<Hash32> d = state.delegationOf(
          Delegation.childTrajectoryId(trajectoryId(), intentId));
      if (d.isPresent()) {
        return Optional.of(delegated(intentId, entry(d.get())));
      }
    }
    Optional<RunState.OpenExecution> x = state.execution(intentId);
    if (x.isPresent()) {
      return Optional.of(new Outcome.InDoubt(intentId, x.get().proposalId(), x.get().entryId()));
    }
    return state.pendingOfIntent(intentId)
        .map(p -> Outcome.of(entryAt(state.seqOf(p.entryId).getAsLong())));
  }

  /** Runs {@code step}, reloading and retrying when another writer appended first (X1.3). */
  private <T> T retrying(Supplier<T> step) {
    for (int attempt = 1; ; attempt++) {
      try {
        return step.get();
      } catch (AppendConflict conflict) {
        if (attempt >= MAX_ATTEMPTS) {
          throw conflict;
        }
        catchUp();
        Thread.yield();
      }
    }
  }

  /** Folds what another writer appended, if the stored head is not this run's (X1.3). */
  private void catchUpIfStale() {
    if (!k.ledger.head(trajectoryId()).map(h -> h.id()).equals(state.headId())) {
      catchUp();
    }
  }

  /** Folds the entries other writers appended since this run's head (X1.3). */
  private void catchUp() {
    try (Stream<StoredEntry> fresh = k.ledger.read(trajectoryId(), state.nextSeq(),
        Long.MAX_VALUE)) {
      fresh.forEach(s -> state.apply(Entry.parse(s.canonicalBytes())));
    }
  }

  private Entry entryAt(long seq) {
    try (Stream<StoredEntry> one = k.ledger.read(trajectoryId(), seq, seq + 1)) {
      return Entry.parse(one.findFirst().orElseThrow(() -> new IllegalStateException(
          "entry seq " + seq + " of " + trajectoryId().display("traj") + " vanished"))
          .canonicalBytes());
    }
  }

  /** Builds the next entry, appends it (L5.1), folds it and publishes it (not the root/branch). */
  Entry append(Payload payload, long now) {
    Optional<Hash32> parent = state.headId();
    long seq = state.nextSeq();
    Entry.Encoded encoded = Entry.encode(trajectoryId(), seq, parent, now, payload,
        k.runtimeSigner);
    Entry e = encoded.entry();
    k.ledger.append(new StoredEntry(e.id(), e.trajectoryId(), seq, parent, e.kind(), now,
        encoded.canonicalBytes()));
    state.apply(e);
    if (!(payload instanceof RootPayload) && !(payload instanceof BranchPayload)) {
      publish(new RunEvent.EntryAppended(trajectoryId(), e));
    }
    return e;
  }

  void publish(RunEvent event) {
    for (RunListener l : k.listeners) {
      try {
        l.on(event);
      } catch (RuntimeException ignored) {
        // X11: listeners observe; they cannot change an outcome.
      }
    }
  }

  private static JsonObject detail(String key, String value) {
    return Json.object(Map.of(key, Json.string(value)));
  }

  private static String describe(RuntimeException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
