package thymos.kernel.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.RequestRefused;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.model.Budget;
import thymos.api.model.CommitPayload;
import thymos.api.model.Decision;
import thymos.api.model.Delta;
import thymos.api.model.DeltaOp;
import thymos.api.model.EffectClass;
import thymos.api.model.Entry;
import thymos.api.model.EntryKind;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.ResourceKey;
import thymos.api.model.ResourceState;
import thymos.api.model.RevocationPayload;
import thymos.api.model.RiskClass;
import thymos.api.model.World;
import thymos.api.spi.Policy;
import thymos.api.spi.PolicyContext;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolDescriptor;
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;
import thymos.kernel.replay.ReplayReport;
import thymos.kernel.replay.Violation;

/**
 * X6: {@code compensate} intents through the compiler, {@code compensate_to} newest first with
 * stop-and-resume, replay of compensations, and the irreversible gate (C2 stage 16) end to end.
 */
class CompensationTest {

  /** A compensable kv tool: creates {@code kv/<key>}; its compensation retracts the key (X6.1). */
  static final class UndoKv implements Tool {
    final ToolDescriptor descriptor;
    final AtomicInteger executions = new AtomicInteger();
    final AtomicInteger compensations = new AtomicInteger();

    UndoKv(String name, EffectClass effect) {
      descriptor = new ToolDescriptor(name, "1.0", "compensable test tool " + name,
          (JsonObject) Json.parse(RunFixture.KV_SCHEMA), effect, RiskClass.LOW, true);
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
    public ToolOutcome execute(ToolContext context) {
      executions.incrementAndGet();
      return ToolResult.of(context.args(), RunFixture.KvTool.delta(context));
    }

    @Override
    public ToolOutcome compensate(CommitPayload commit, World world) {
      compensations.incrementAndGet();
      String key = ((JsonString) commit.intent().args().get("key").orElseThrow()).value();
      ResourceKey rk = new ResourceKey("kv", key);
      Optional<ResourceState> now = world.get(rk);
      if (now.isEmpty()) {
        return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, "kv/" + key + " is gone");
      }
      return ToolResult.of(Json.string("retracted " + key),
          Delta.of(new DeltaOp.Retract(rk, now.get().version(), "compensated")));
    }
  }

  /** Denies every {@code compensate} intent (P1 sees {@code intent.kind}). */
  static class NoCompensation implements Policy {
    @Override
    public String name() {
      return "test.no_compensation";
    }

    @Override
    public String version() {
      return "1";
    }

    @Override
    public JsonObject content() {
      return JsonObject.EMPTY;
    }

    @Override
    public Decision evaluate(PolicyContext c) {
      return c.intent().body().kind() == IntentKind.COMPENSATE
          ? new Decision.Deny("no compensations here") : Decision.Permit.INSTANCE;
    }
  }

  /** Asks channel {@code ops} to approve every {@code compensate} intent. */
  static final class ApproveCompensations extends NoCompensation {
    @Override
    public String name() {
      return "test.approve_compensations";
    }

    @Override
    public Decision evaluate(PolicyContext c) {
      return c.intent().body().kind() == IntentKind.COMPENSATE
          ? new Decision.RequireApproval("ops", "undo needs a human", Optional.empty())
          : Decision.Permit.INSTANCE;
    }
  }

  private final RunFixture f = new RunFixture();
  private final UndoKv undo = new UndoKv("kv_undo", EffectClass.WRITE);
  private final UndoKv burn = new UndoKv("kv_burn", EffectClass.IRREVERSIBLE);

  CompensationTest() {
    f.extraTools.add(undo);
    f.extraTools.add(burn);
    f.reopen();
  }

  private Intent act(Run run, String tool, String key, int value) {
    return f.intent(run, tool, "{\"key\":\"" + key + "\",\"value\":" + value + "}");
  }

  private Entry commit(Run run, String tool, String key, int value) {
    return assertInstanceOf(Outcome.Committed.class, run.submit(act(run, tool, key, value)))
        .entry();
  }

  private Intent compensate(Run run, String tool, Hash32 target) {
    return Intent.of(new IntentBody(run.trajectoryId(), IntentKind.COMPENSATE, tool,
        Json.object(java.util.Map.of("target", Json.string(target.hex()))), "scripted",
        Optional.empty(), Optional.empty(), Nonce.of(f.entropy.bytes(Nonce.LENGTH))));
  }

  private Hash32 rootOf(Run run) {
    return f.entries(run.trajectoryId()).getFirst().id();
  }

  private List<Hash32> compensatedTargets(Run run) {
    List<Hash32> out = new ArrayList<>();
    for (Entry e : f.entries(run.trajectoryId())) {
      if (e.payload() instanceof CommitPayload c && c.compensates().isPresent()) {
        out.add(c.compensates().get());
      }
    }
    return out;
  }

  @Test
  @DisplayName("X6.2: a compensate intent calls the tool's compensate and commits with compensates")
  void required_X6_2_compensateIntentCommitsWithCompensatesLink() {
    Run run = f.open();
    Entry a = commit(run, "kv_undo", "a", 1);
    Outcome o = run.submit(compensate(run, "kv_undo", a.id()));
    CommitPayload c = assertInstanceOf(Outcome.Committed.class, o).payload();
    assertEquals(Optional.of(a.id()), c.compensates());
    assertEquals(IntentKind.COMPENSATE, c.intent().kind());
    assertEquals(1, undo.compensations.get());
    assertEquals(1, undo.executions.get());
    assertTrue(run.world().get(new ResourceKey("kv", "a")).isEmpty());
    f.replay(run.trajectoryId()).verifiedOrThrow();
  }

  @Test
  @DisplayName("X6.2: compensating twice, or compensating a compensation, is a rejection")
  void required_X6_2_neverCompensatedTwice() {
    Run run = f.open();
    Entry a = commit(run, "kv_undo", "a", 1);
    Entry comp = assertInstanceOf(Outcome.Committed.class,
        run.submit(compensate(run, "kv_undo", a.id()))).entry();
    Outcome.Rejected again = assertInstanceOf(Outcome.Rejected.class,
        run.submit(compensate(run, "kv_undo", a.id())));
    assertEquals("precondition_failed", again.kind());
    Outcome.Rejected ofComp = assertInstanceOf(Outcome.Rejected.class,
        run.submit(compensate(run, "kv_undo", comp.id())));
    assertEquals("precondition_failed", ofComp.kind());
    Outcome.Rejected wrongTool = assertInstanceOf(Outcome.Rejected.class,
        run.submit(compensate(run, "kv_burn", a.id())));
    assertEquals("invalid_args", wrongTool.kind());
    Outcome.Rejected notCommit = assertInstanceOf(Outcome.Rejected.class,
        run.submit(compensate(run, "kv_undo", rootOf(run))));
    assertEquals("invalid_args", notCommit.kind());
    assertEquals(1, undo.compensations.get());
    f.replay(run.trajectoryId()).verifiedOrThrow();
  }

  @Test
  @DisplayName("X6.2: malformed compensate arguments are invalid_args rejections, nothing undone")
  void required_X6_2_malformedCompensateArgsRejected() {
    Run run = f.open();
    Entry a = commit(run, "kv_undo", "a", 1);
    for (String args : List.of("{}", "{\"target\":\"xyz\"}", "{\"target\":7}",
        "{\"target\":\"" + a.id().hex() + "\",\"extra\":1}",
        "{\"target\":\"" + a.id().hex().toUpperCase(java.util.Locale.ROOT) + "\"}")) {
      Intent bad = Intent.of(new IntentBody(run.trajectoryId(), IntentKind.COMPENSATE, "kv_undo",
          (JsonObject) Json.parse(args), "scripted", Optional.empty(), Optional.empty(),
          Nonce.of(f.entropy.bytes(Nonce.LENGTH))));
      Outcome.Rejected r = assertInstanceOf(Outcome.Rejected.class, run.submit(bad), args);
      assertEquals("invalid_args", r.kind(), args);
      assertEquals(EntryKind.REJECTION, f.entries(run.trajectoryId()).getLast().kind());
    }
    assertEquals(0, undo.compensations.get());
    assertTrue(run.world().get(new ResourceKey("kv", "a")).isPresent());
    f.replay(run.trajectoryId()).verifiedOrThrow();
  }

  @Test
  @DisplayName("X6.2: compensating a commit of a non-compensable tool is rejected, tool untouched")
  void required_X6_4_nonCompensableToolRejected() {
    Run run = f.open();
    Entry p = commit(run, "kv_put", "p", 1);
    Outcome.Rejected r = assertInstanceOf(Outcome.Rejected.class,
        run.submit(compensate(run, "kv_put", p.id())));
    assertEquals("precondition_failed", r.kind());
    assertEquals(1, f.put.invocations.get());
  }

  @Test
  @DisplayName("X6.2: compensate_to undoes newest first, skipping compensations and undone commits")
  void required_X6_2_newestFirstSkippingCompensations() {
    Run run = f.open();
    Entry a = commit(run, "kv_undo", "a", 1);
    Entry b = commit(run, "kv_undo", "b", 2);
    Entry c = commit(run, "kv_undo", "c", 3);
    Entry d = commit(run, "kv_undo", "d", 4);
    // c is already compensated by hand: the walk must not touch it nor its compensation.
    assertInstanceOf(Outcome.Committed.class, run.submit(compensate(run, "kv_undo", c.id())));
    CompensationReport report = run.compensateTo(a.id());
    assertTrue(report.complete());
    assertEquals(List.of(d.id(), b.id()),
        report.undone().stream().map(CompensationReport.Undone::commit).toList());
    assertEquals(List.of(c.id(), d.id(), b.id()), compensatedTargets(run));
    assertTrue(run.world().get(new ResourceKey("kv", "a")).isPresent());
    assertEquals(1, run.world().live().size());
    // Idempotent: a second call has nothing left to undo and records nothing.
    long size = run.size();
    CompensationReport again = run.compensateTo(a.id());
    assertTrue(again.complete());
    assertTrue(again.undone().isEmpty());
    assertEquals(size, run.size());
    f.replay(run.trajectoryId()).verifiedOrThrow();
  }

  @Test
  @DisplayName("X6.4: a non-compensable commit stops the walk; the next call continues, no double")
  void required_X6_4_stopAndResumeWithoutUndoingTwice() {
    Run run = f.open();
    Entry a = commit(run, "kv_undo", "a", 1);
    Entry p = commit(run, "kv_put", "p", 1);
    Entry b = commit(run, "kv_undo", "b", 2);
    CompensationReport first = run.compensateTo(rootOf(run));
    assertFalse(first.complete());
    assertEquals(List.of(b.id()),
        first.undone().stream().map(CompensationReport.Undone::commit).toList());
    assertEquals(List.of(p.id(), a.id()), first.remaining());
    CompensationReport.Stop stop = first.stop().orElseThrow();
    assertEquals(p.id(), stop.commit());
    assertEquals("not_compensable", stop.kind());
    // What was undone stays undone; resuming below the blocker continues and never re-undoes b.
    CompensationReport second = run.compensateTo(p.id());
    assertTrue(second.complete());
    assertTrue(second.undone().isEmpty());
    CompensationReport third = run.compensateTo(rootOf(run));
    assertEquals(List.of(p.id(), a.id()), third.remaining());
    assertTrue(third.undone().isEmpty());
    assertEquals(List.of(b.id()), compensatedTargets(run));
    assertEquals(1, undo.compensations.get());
    f.replay(run.trajectoryId()).verifiedOrThrow();
  }

  @Test
  @DisplayName("X6.2: a target outside the trajectory is refused and records nothing")
  void required_X6_2_unknownTargetRefused() {
    Run run = f.open();
    commit(run, "kv_undo", "a", 1);
    long size = run.size();
    RequestRefused e = assertThrows(RequestRefused.class,
        () -> run.compensateTo(Hash32.of(new byte[32])));
    assertEquals("unknown_target", e.reason());
    assertEquals("THY-X602", e.code());
    assertEquals(size, run.size());
  }

  @Test
  @DisplayName("X6.2: a policy denying intent.kind = compensate blocks compensate_to")
  void required_X6_2_policySeesCompensateKind() {
    f.policies.add(new NoCompensation());
    f.reopen();
    Run run = f.open();
    Entry a = commit(run, "kv_undo", "a", 1);
    CompensationReport r = run.compensateTo(rootOf(run));
    assertEquals("rejected", r.stop().orElseThrow().kind());
    Outcome.Rejected rej = assertInstanceOf(Outcome.Rejected.class,
        r.stop().get().outcome().orElseThrow());
    assertEquals("policy_denied", rej.kind());
    assertEquals(List.of(a.id()), r.remaining());
    assertEquals(0, undo.compensations.get());
    assertEquals(EntryKind.REJECTION, f.entries(run.trajectoryId()).getLast().kind());
  }

  @Test
  @DisplayName("X6.2, X3.5: a compensation suspended by policy runs compensate once approved")
  void required_X6_2_suspendedCompensationRunsAfterApproval() {
    f.policies.add(new ApproveCompensations());
    f.reopen();
    Run run = f.open();
    Entry a = commit(run, "kv_undo", "a", 1);
    CompensationReport r = run.compensateTo(rootOf(run));
    CompensationReport.Stop stop = r.stop().orElseThrow();
    assertEquals("suspended", stop.kind());
    Outcome.Pending p = assertInstanceOf(Outcome.Pending.class, stop.outcome().orElseThrow());
    assertEquals(0, undo.compensations.get());
    run.vote(f.vote(run, p.entry().id(), thymos.api.model.ApprovalPayload.Vote.APPROVE, f.ann));
    VoteResult last = run.vote(f.vote(run, p.entry().id(),
        thymos.api.model.ApprovalPayload.Vote.APPROVE, f.bob));
    CommitPayload c = assertInstanceOf(Outcome.Committed.class, last.outcome()).payload();
    assertEquals(Optional.of(a.id()), c.compensates());
    assertEquals(1, undo.compensations.get());
    assertEquals(1, undo.executions.get());
    assertTrue(run.world().get(new ResourceKey("kv", "a")).isEmpty());
    CompensationReport after = run.compensateTo(rootOf(run));
    assertTrue(after.complete());
    assertTrue(after.undone().isEmpty());
    f.replay(run.trajectoryId()).verifiedOrThrow();
  }

  @Test
  @DisplayName("X6.2, X3.5: an approved compensation whose target was undone meanwhile is rejected")
  void required_X6_2_approvedCompensationOfAnUndoneTargetIsRejected() {
    f.policies.add(new ApproveCompensations());
    f.reopen();
    Run run = f.open();
    Entry a = commit(run, "kv_undo", "a", 1);
    Outcome.Pending first = assertInstanceOf(Outcome.Pending.class,
        run.submit(compensate(run, "kv_undo", a.id())));
    Outcome.Pending second = assertInstanceOf(Outcome.Pending.class,
        run.submit(compensate(run, "kv_undo", a.id())));
    run.vote(f.vote(run, second.entry().id(), thymos.api.model.ApprovalPayload.Vote.APPROVE,
        f.ann));
    VoteResult done = run.vote(f.vote(run, second.entry().id(),
        thymos.api.model.ApprovalPayload.Vote.APPROVE, f.bob));
    assertEquals(Optional.of(a.id()),
        assertInstanceOf(Outcome.Committed.class, done.outcome()).payload().compensates());
    run.vote(f.vote(run, first.entry().id(), thymos.api.model.ApprovalPayload.Vote.APPROVE,
        f.ann));
    VoteResult late = run.vote(f.vote(run, first.entry().id(),
        thymos.api.model.ApprovalPayload.Vote.APPROVE, f.bob));
    Outcome.Rejected rej = assertInstanceOf(Outcome.Rejected.class, late.outcome());
    assertEquals("precondition_failed", rej.kind());
    assertEquals(1, undo.compensations.get());
    f.replay(run.trajectoryId()).verifiedOrThrow(); // never a second compensates link
  }

  @Test
  @DisplayName("X6.2: a revoked writ blocks compensation at the authority stages")
  void required_X6_2_revokedWritBlocksCompensation() {
    Run run = f.open();
    Entry a = commit(run, "kv_undo", "a", 1);
    f.authority.revoke(RevocationPayload.sign(f.writ.id(), "compromised", f.anchor));
    CompensationReport r = run.compensateTo(rootOf(run));
    Outcome.Rejected rej = assertInstanceOf(Outcome.Rejected.class,
        r.stop().orElseThrow().outcome().orElseThrow());
    assertEquals("revoked", rej.kind());
    assertEquals(List.of(a.id()), r.remaining());
    assertEquals(0, undo.compensations.get());
  }

  @Test
  @DisplayName("X6.2: compensations are budgeted: an exhausted budget rejects them")
  void required_X6_2_budgetAppliesToCompensation() {
    f.rewrit(d -> d.budget = new Budget(10_000, 1, 600_000, 1_000_000));
    Run run = f.open();
    Entry a = commit(run, "kv_undo", "a", 1);
    CompensationReport r = run.compensateTo(rootOf(run));
    Outcome.Rejected rej = assertInstanceOf(Outcome.Rejected.class,
        r.stop().orElseThrow().outcome().orElseThrow());
    assertEquals("budget_exhausted", rej.kind());
    assertEquals(List.of(a.id()), r.remaining());
  }

  @Test
  @DisplayName("R2.5: replay detects a forged compensates link")
  void required_R2_5_replayDetectsForgedCompensatesLink() {
    Run run = f.open();
    Entry a = commit(run, "kv_undo", "a", 1);
    Entry b = commit(run, "kv_undo", "b", 2);
    run.compensateTo(a.id());
    List<byte[]> bytes = new ArrayList<>(f.bytes(run.trajectoryId()));
    Entry last = Entry.parse(bytes.getLast());
    CommitPayload c = (CommitPayload) last.payload();
    assertEquals(Optional.of(b.id()), c.compensates());
    // Re-link the compensation to the root (not a commit), then to an id the trajectory does not
    // hold, re-hashing the last entry so chain and ids stay valid: only the link is wrong.
    for (Hash32 forged : List.of(rootOf(run), Hash32.of(new byte[32]))) {
      CommitPayload bad = new CommitPayload(c.intent(), c.intentId(), c.redacted(), c.proposal(),
          c.delta(), c.observations(), c.cost(), c.compilerVersion(), c.approvals(),
          Optional.of(forged), c.routingEvidence());
      List<byte[]> forgedBytes = new ArrayList<>(bytes);
      forgedBytes.set(forgedBytes.size() - 1, Entry.encode(last.trajectoryId(), last.seq(),
          last.parent(), last.recordedMs(), bad, Optional.empty()).canonicalBytes());
      ReplayReport report = thymos.kernel.replay.Replayer.replay(run.trajectoryId(),
          forgedBytes.iterator(), thymos.kernel.replay.ReplayOptions.defaults().collectAll());
      assertFalse(report.verified());
      assertTrue(report.violations().stream()
          .anyMatch(v -> v.reason() == Violation.Reason.BAD_COMPENSATION), report.toString());
    }
  }

  @Test
  @DisplayName("R2.5: replay detects a commit compensated twice")
  void required_R2_5_replayDetectsDoubleCompensation() {
    Run run = f.open();
    Entry a = commit(run, "kv_undo", "a", 1);
    Entry b = commit(run, "kv_undo", "b", 2);
    run.compensateTo(b.id()); // nothing after b
    Entry comp = assertInstanceOf(Outcome.Committed.class,
        run.submit(compensate(run, "kv_undo", b.id()))).entry();
    Entry compA = assertInstanceOf(Outcome.Committed.class,
        run.submit(compensate(run, "kv_undo", a.id()))).entry();
    assertTrue(f.replay(run.trajectoryId()).verified());
    List<byte[]> bytes = new ArrayList<>(f.bytes(run.trajectoryId()));
    CommitPayload c = (CommitPayload) compA.payload();
    CommitPayload twice = new CommitPayload(c.intent(), c.intentId(), c.redacted(), c.proposal(),
        c.delta(), c.observations(), c.cost(), c.compilerVersion(), c.approvals(),
        Optional.of(b.id()), c.routingEvidence());
    bytes.set(bytes.size() - 1, Entry.encode(compA.trajectoryId(), compA.seq(), compA.parent(),
        compA.recordedMs(), twice, Optional.empty()).canonicalBytes());
    ReplayReport report = thymos.kernel.replay.Replayer.replay(run.trajectoryId(),
        bytes.iterator(), thymos.kernel.replay.ReplayOptions.defaults().collectAll());
    assertTrue(report.violations().stream()
        .anyMatch(v -> v.reason() == Violation.Reason.BAD_COMPENSATION), report.toString());
    assertEquals(Optional.of(b.id()), ((CommitPayload) comp.payload()).compensates());
  }

  @Test
  @DisplayName("C2 stage 16: an irreversible non-compensable tool suspends on channel irreversible")
  void required_C2_16_irreversibleNonCompensableSuspends() {
    Run run = f.open();
    Outcome.Pending p = assertInstanceOf(Outcome.Pending.class,
        run.submit(act(run, "kv_drop", "x", 1)));
    assertEquals("irreversible", p.payload().channel());
    assertEquals(0, f.drop.invocations.get());
    f.replay(run.trajectoryId()).verifiedOrThrow();
  }

  @Test
  @DisplayName("C2 stage 16: an irreversible compensable tool commits, after its execution entry")
  void required_C2_16_irreversibleCompensableCommits() {
    Run run = f.open();
    Entry c = commit(run, "kv_burn", "x", 1);
    List<Entry> all = f.entries(run.trajectoryId());
    assertEquals(EntryKind.EXECUTION, all.get(all.size() - 2).kind());
    assertEquals(c.id(), all.getLast().id());
    CompensationReport r = run.compensateTo(rootOf(run));
    assertTrue(r.complete());
    assertEquals(1, burn.compensations.get());
    f.replay(run.trajectoryId()).verifiedOrThrow();
  }

  /** Denies compensating the commits in {@link #held} (a test switch, released one by one). */
  static final class Hold extends NoCompensation {
    final java.util.Set<String> held = new java.util.HashSet<>();

    @Override
    public String name() {
      return "test.hold";
    }

    @Override
    public Decision evaluate(PolicyContext c) {
      boolean hold = c.intent().body().kind() == IntentKind.COMPENSATE
          && c.intent().body().args().get("target")
              .map(t -> held.contains(((JsonString) t).value())).orElse(false);
      return hold ? new Decision.Deny("held") : Decision.Permit.INSTANCE;
    }
  }

  /**
   * X6.2/X6.4 over random sequences of compensable commits, compensable commits whose
   * compensation a policy holds back until released, and non-compensable commits: repeated
   * {@code compensate_to(root)} calls stop at each hold (a {@code rejection} is recorded), continue
   * where they stopped once it is released, and stop for good at the newest non-compensable
   * commit; each compensable commit newer than it is undone exactly once, newest first, and replay
   * verifies the trajectory.
   */
  @Property(tries = 30)
  void required_X6_4_repeatedCompensateToUndoesEachCompensableCommitOnce(
      @ForAll @Size(max = 8) List<@net.jqwik.api.constraints.IntRange(max = 2) Integer> kinds) {
    CompensationTest t = new CompensationTest(); // a fresh ledger per try
    Hold hold = new Hold();
    t.f.policies.add(hold);
    t.f.reopen();
    Run run = t.f.open();
    Hash32 root = t.rootOf(run);
    List<Hash32> newestFirst = new ArrayList<>();
    List<Hash32> blockers = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      Entry e = t.commit(run, kinds.get(i) == 2 ? "kv_put" : "kv_undo", "k" + i, i);
      newestFirst.add(0, e.id());
      if (kinds.get(i) == 2) {
        blockers.add(0, e.id());
      } else if (kinds.get(i) == 1) {
        hold.held.add(e.id().hex());
      }
    }
    List<Hash32> undoneOrder = new ArrayList<>();
    int holdsMet = 0;
    for (int call = 0; call <= kinds.size() + 1; call++) {
      CompensationReport r = run.compensateTo(root);
      r.undone().forEach(u -> undoneOrder.add(u.commit()));
      if (r.complete()) {
        assertTrue(blockers.isEmpty());
        break;
      }
      CompensationReport.Stop stop = r.stop().orElseThrow();
      assertEquals(stop.commit(), r.remaining().getFirst());
      if (stop.kind().equals("not_compensable")) {
        assertEquals(blockers.getFirst(), stop.commit());
        long size = run.size();
        assertTrue(run.compensateTo(root).undone().isEmpty()); // records and undoes nothing
        assertEquals(size, run.size());
        break;
      }
      assertEquals("rejected", stop.kind());
      holdsMet++;
      assertTrue(hold.held.remove(stop.commit().hex()), "stopped at a commit that is not held");
    }
    // Undone: exactly the compensable commits newer than the newest blocker, newest first, once.
    List<Hash32> expected = new ArrayList<>();
    for (Hash32 id : newestFirst) {
      if (blockers.contains(id)) {
        break;
      }
      expected.add(id);
    }
    assertEquals(expected, undoneOrder);
    assertEquals(expected, t.compensatedTargets(run));
    assertEquals(expected.size(), t.undo.compensations.get());
    long rejections = t.f.entries(run.trajectoryId()).stream()
        .filter(e -> e.kind() == EntryKind.REJECTION).count();
    assertEquals(holdsMet, rejections);
    t.f.replay(run.trajectoryId()).verifiedOrThrow();
  }
}
