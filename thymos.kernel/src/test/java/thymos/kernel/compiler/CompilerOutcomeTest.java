package thymos.kernel.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import thymos.api.model.Budget;
import thymos.api.model.Decision;
import thymos.api.model.EffectClass;
import thymos.api.model.Intent;
import thymos.api.model.PolicyTrace.Evaluation;
import thymos.api.model.ProposalBody;
import thymos.api.model.ProposalStatus;
import thymos.api.model.RejectionReason;
import thymos.api.model.RevocationPayload;
import thymos.api.model.RiskClass;
import thymos.kernel.compiler.CompilerFixture.CountingPolicy;
import thymos.kernel.compiler.CompilerFixture.CountingTool;

/** Staged and suspended outcomes (C2 stages 15–18, C2.2), determinism (I6) and X3.5. */
class CompilerOutcomeTest {

  private final CompilerFixture f = new CompilerFixture();

  private static List<String> traced(CompileResult.Suspended s) {
    return s.proposal().body().policyTrace().evaluated().stream().map(Evaluation::policy)
        .toList();
  }

  @Test
  void required_C2_18_stagedProposalCarriesM4Fields() {
    Intent intent = f.intent("kv_put", "{\"n\":1}");
    CompileResult.Staged s = assertInstanceOf(CompileResult.Staged.class, f.compile(intent));
    ProposalBody b = s.proposal().body();
    assertEquals(intent.id(), b.intentId());
    assertEquals(f.writ.id(), b.writId());
    assertEquals(f.trajectoryId, b.trajectoryId());
    assertEquals("kv_put", b.tool());
    assertEquals("1.2", b.toolVersion());
    assertEquals(EffectClass.WRITE, b.effect());
    assertEquals(RiskClass.LOW, b.risk());
    assertEquals(intent.body().args(), b.args());
    assertEquals(new Budget(10, 1, 0, 0), b.estimate());
    assertEquals(ProposalStatus.Staged.INSTANCE, b.status());
    assertEquals(1, f.put.estimates.get());
    assertEquals(1, f.put.preconditionChecks.get());
    assertEquals(true, s.proposal().idMatchesBody());
  }

  @Test
  void required_I6_sameInputsGiveTheSameProposalId() {
    Intent intent = f.intent("kv_put", "{\"n\":1}");
    CompileResult first = f.compile(intent);
    CompileResult second = f.compile(intent);
    assertEquals(first, second);
    CompileResult.Staged other = assertInstanceOf(CompileResult.Staged.class,
        f.compile(f.intent("kv_put", "{\"n\":1}")));
    assertNotEquals(((CompileResult.Staged) first).proposal().id(), other.proposal().id());
  }

  @Test
  void required_C2_15_requireApprovalSuspendsWithPolicyChannelAndQuorum() {
    f.policies.add(CountingPolicy.of("threshold.approval",
        new Decision.RequireApproval("ops", "n too large", Optional.of(2L))));
    CompileResult.Suspended s = assertInstanceOf(CompileResult.Suspended.class,
        f.compile(f.intent("kv_put", "{\"n\":1}")));
    assertEquals("ops", s.channel());
    assertEquals("n too large", s.reason());
    assertEquals(2, s.quorum());
    assertEquals(new ProposalStatus.Suspended("ops", "n too large", 2),
        s.proposal().body().status());
  }

  @Test
  void required_C2_16_irreversibleNonCompensableToolSuspendsOnIrreversibleChannel() {
    CompileResult.Suspended s = assertInstanceOf(CompileResult.Suspended.class,
        f.compile(f.intent("kv_drop", "{\"n\":1}")));
    assertEquals("irreversible", s.channel());
    assertEquals(1, s.quorum());
    assertEquals(List.of(Compiler.IRREVERSIBLE_GATE), traced(s));
  }

  @Test
  void required_C2_16_irreversibleGateOffOrCompensableToolStages() {
    f.irreversibleGate = false;
    assertInstanceOf(CompileResult.Staged.class, f.compile(f.intent("kv_drop", "{\"n\":1}")));
    f.irreversibleGate = true;
    CountingTool undoable =
        new CountingTool("kv_undo", EffectClass.IRREVERSIBLE, RiskClass.LOW, true);
    CompileContext c = f.context();
    CompileContext withUndo = new CompileContext(c.trajectoryId(), c.boundWritId(),
        c.authority(), thymos.kernel.registry.ToolRegistry.builder().tool(undoable).build(),
        c.world(), c.policies(), c.spent(), c.reserved(), c.stats(), c.nowMs(), true,
        Optional.empty());
    assertInstanceOf(CompileResult.Staged.class,
        Compiler.compile(f.intent("kv_undo", "{\"n\":1}"), f.writ.id(), withUndo));
  }

  @Test
  void required_C2_17_riskAtOrAboveThresholdSuspendsOnRiskChannel() {
    f.irreversibleGate = false;
    f.riskThreshold = Optional.of(RiskClass.HIGH);
    CompileResult.Suspended s = assertInstanceOf(CompileResult.Suspended.class,
        f.compile(f.intent("kv_drop", "{\"n\":1}")));
    assertEquals("risk", s.channel());
    assertInstanceOf(CompileResult.Staged.class, f.compile(f.intent("kv_put", "{\"n\":1}")));
  }

  @Test
  void required_C2_2_firstSuspensionSourceSetsChannelAndEveryGateIsTraced() {
    f.riskThreshold = Optional.of(RiskClass.MEDIUM);
    f.policies.add(CountingPolicy.of("permit.all", Decision.Permit.INSTANCE));
    f.policies.add(CountingPolicy.of("threshold.approval",
        new Decision.RequireApproval("ops", "big", Optional.of(3L))));
    CompileResult.Suspended s = assertInstanceOf(CompileResult.Suspended.class,
        f.compile(f.intent("kv_drop", "{\"n\":1}")));
    assertEquals("ops", s.channel());
    assertEquals(3, s.quorum());
    assertEquals(List.of("permit.all", "threshold.approval", Compiler.IRREVERSIBLE_GATE,
        Compiler.RISK_GATE), traced(s));
    List<Evaluation> trace = s.proposal().body().policyTrace().evaluated();
    assertInstanceOf(Decision.RequireApproval.class, trace.get(2).decision());
    assertInstanceOf(Decision.RequireApproval.class, trace.get(3).decision());
    assertEquals("ops", ((Decision.RequireApproval) s.proposal().body().policyTrace()
        .decision()).channel());
  }

  @Test
  void required_C2_2_irreversibleGateBeforeRiskGate() {
    f.riskThreshold = Optional.of(RiskClass.LOW);
    CompileResult.Suspended s = assertInstanceOf(CompileResult.Suspended.class,
        f.compile(f.intent("kv_drop", "{\"n\":1}")));
    assertEquals("irreversible", s.channel());
    assertEquals(List.of(Compiler.IRREVERSIBLE_GATE, Compiler.RISK_GATE), traced(s));
  }

  @Test
  void required_X3_5_recheckPassesWhenNothingChanged() {
    Intent intent = f.intent("kv_drop", "{\"n\":1}");
    assertInstanceOf(CompileResult.Suspended.class, f.compile(intent));
    assertEquals(Optional.empty(), Compiler.recheck(intent, f.writ.id(), f.context()));
  }

  @Test
  void required_X3_5_recheckCatchesRevocationWhileWaiting() {
    Intent intent = f.intent("kv_drop", "{\"n\":1}");
    assertInstanceOf(CompileResult.Suspended.class, f.compile(intent));
    f.state.revoke(RevocationPayload.sign(f.writ.id(), "stop", f.anchor));
    RejectionReason r = Compiler.recheck(intent, f.writ.id(), f.context()).orElseThrow();
    assertEquals("revoked", r.kind());
  }

  @Test
  void required_X3_5_recheckCatchesExpiryAndSpendWhileWaiting() {
    Intent intent = f.intent("kv_drop", "{\"n\":1}");
    assertInstanceOf(CompileResult.Suspended.class, f.compile(intent));
    assertEquals("outside_window",
        Compiler.recheck(intent, f.writ.id(), f.context().at(10_001)).orElseThrow().kind());
    f.spent = new Budget(0, 3, 0, 0);
    assertEquals("budget_exhausted",
        Compiler.recheck(intent, f.writ.id(), f.context()).orElseThrow().kind());
  }
}
