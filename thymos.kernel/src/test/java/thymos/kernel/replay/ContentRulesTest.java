package thymos.kernel.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.model.ApprovalPayload;
import thymos.api.model.ApprovalPayload.Vote;
import thymos.api.model.CommitPayload;
import thymos.api.model.Delta;
import thymos.api.model.DeltaOp;
import thymos.api.model.EffectClass;
import thymos.api.model.Entry;
import thymos.api.model.ExecutionPayload;
import thymos.api.model.Intent;
import thymos.api.model.Proposal;
import thymos.api.model.ProposalBody;
import thymos.api.model.ProposalStatus;
import thymos.api.model.ResourceKey;

/** Each content rule of R2.5 has a failing case naming the offending entry. */
class ContentRulesTest {

  private static final Hash32 OTHER = Hash32.of(new byte[] {
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
      17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

  /** Replays in fail-fast mode and asserts the one violation is {@code reason} at {@code bad}. */
  private static Violation failsAt(TestLedger l, Entry bad, Violation.Reason reason) {
    ReplayReport r = Replayer.replay(l.trajectoryId, l.bytes().iterator());
    Violation v = r.firstViolation().orElseThrow(() -> new AssertionError("verified"));
    assertEquals(reason, v.reason(), v.message());
    assertEquals(bad.seq(), v.seq(), v.message());
    assertEquals(Optional.of(bad.id()), v.entryId());
    assertEquals(Check.CONTENT, v.check());
    assertEquals("THY-R205", v.code());
    return v;
  }

  private static void verifies(TestLedger l) {
    assertEquals(List.of(), Replayer.replay(l.trajectoryId, l.bytes().iterator(),
        ReplayOptions.defaults().collectAll()).violations());
  }

  private static CommitPayload staged(TestLedger l, Intent i, Proposal p, boolean redacted) {
    CommitPayload c = l.commitPayload(i, p, l.putDelta(i.body().args().members().get("key")
        .toString().replace("\"", ""), "v"), List.of(), Optional.empty());
    return new CommitPayload(c.intent(), c.intentId(), redacted, c.proposal(), c.delta(),
        c.observations(), c.cost(), c.compilerVersion(), c.approvals(), c.compensates(),
        c.routingEvidence());
  }

  @Test
  void required_R2_5_intentIdMismatchFailsUnlessRedacted() {
    TestLedger l = TestLedger.started(10);
    Intent i = l.intent("kv_put", TestLedger.kvArgs("a", "1"));
    Intent wrong = new Intent(OTHER, i.body());
    Entry bad = l.commit(staged(l, wrong, l.proposal(wrong, EffectClass.WRITE,
        ProposalStatus.Staged.INSTANCE), false));
    Violation v = failsAt(l, bad, Violation.Reason.INTENT_ID_MISMATCH);
    assertEquals(OTHER.hex(), v.expected());
    assertEquals(i.id().hex(), v.actual());

    TestLedger redacted = TestLedger.started(10);
    Intent j = redacted.intent("kv_put", TestLedger.kvArgs("a", "1"));
    Intent kept = new Intent(OTHER, j.body());
    redacted.commit(staged(redacted, kept, redacted.proposal(kept, EffectClass.WRITE,
        ProposalStatus.Staged.INSTANCE), true));
    verifies(redacted);
  }

  @Test
  void required_R2_5_proposalIdMismatchFailsUnlessRedacted() {
    for (boolean redacted : new boolean[] {false, true}) {
      TestLedger l = TestLedger.started(11);
      Intent i = l.intent("kv_put", TestLedger.kvArgs("a", "1"));
      Proposal p = l.proposal(i, EffectClass.WRITE, ProposalStatus.Staged.INSTANCE);
      Entry bad = l.commit(staged(l, i, new Proposal(OTHER, p.body()), redacted));
      if (redacted) {
        verifies(l);
      } else {
        assertEquals(p.id().hex(), failsAt(l, bad, Violation.Reason.PROPOSAL_ID_MISMATCH)
            .actual());
      }
    }
  }

  @Test
  void required_L3_2_proposalUnderAnotherWritFails() {
    TestLedger l = TestLedger.started(12);
    Intent i = l.intent("kv_put", TestLedger.kvArgs("a", "1"));
    ProposalBody b = l.proposal(i, EffectClass.WRITE, ProposalStatus.Staged.INSTANCE).body();
    Proposal other = Proposal.of(new ProposalBody(b.intentId(), OTHER, b.trajectoryId(),
        b.tool(), b.toolVersion(), b.effect(), b.risk(), b.args(), b.estimate(),
        b.policyTrace(), b.status()));
    Entry bad = l.commit(staged(l, i, other, false));
    failsAt(l, bad, Violation.Reason.WRIT_BINDING);
  }

  @Test
  void required_X4_secondOutcomeForAnIntentFails() {
    TestLedger l = TestLedger.started(13);
    Intent i = l.intent("kv_put", TestLedger.kvArgs("a", "1"));
    Proposal p = l.proposal(i, EffectClass.WRITE, ProposalStatus.Staged.INSTANCE);
    l.commit(staged(l, i, p, false));
    Entry again = l.commit(staged(l, i, p, false));
    failsAt(l, again, Violation.Reason.DUPLICATE_INTENT);
  }

  @Test
  void required_X4_executionAfterTheOutcomeFails() {
    TestLedger l = TestLedger.started(14);
    TestLedger.External x = l.external("a", "1");
    l.execution(x);
    l.commitExternal(x);
    Entry again = l.execution(x);
    failsAt(l, again, Violation.Reason.DUPLICATE_INTENT);
  }

  @Test
  void required_X5_1_externalCommitWithoutExecutionFails() {
    TestLedger l = TestLedger.started(15);
    Entry bad = l.commitExternal(l.external("a", "1"));
    failsAt(l, bad, Violation.Reason.MISSING_EXECUTION);

    TestLedger wrongProposal = TestLedger.started(15);
    TestLedger.External x = wrongProposal.external("a", "1");
    wrongProposal.append(new ExecutionPayload(x.intent().id(), OTHER));
    failsAt(wrongProposal, wrongProposal.commitExternal(x), Violation.Reason.MISSING_EXECUTION);
  }

  @Test
  void required_X5_3_localToolNeedsNoExecution() {
    TestLedger l = TestLedger.started(16);
    l.put("a", "1");
    verifies(l);
  }

  // --- approvals (X3) ---

  private record Setup(TestLedger l, List<Ed25519Signer> approvers, TestLedger.Pending p) {}

  private static Setup twoOfThree(long seed, Optional<Long> expires) {
    TestLedger l = TestLedger.started(seed);
    List<Ed25519Signer> a = List.of(l.newSigner(), l.newSigner(), l.newSigner());
    return new Setup(l, a, l.pending("a", "1", a, 2, expires));
  }

  @Test
  void required_X3_4_quorumOfDistinctApprovesVerifies() {
    Setup s = twoOfThree(20, Optional.empty());
    Entry v1 = s.l.vote(s.p, s.approvers.get(0), Vote.APPROVE);
    Entry v2 = s.l.vote(s.p, s.approvers.get(1), Vote.APPROVE);
    s.l.commitApproved(s.p, List.of(v1, v2));
    verifies(s.l);
  }

  @Test
  void required_X3_4_belowQuorumFails() {
    Setup s = twoOfThree(21, Optional.empty());
    Entry v1 = s.l.vote(s.p, s.approvers.get(0), Vote.APPROVE);
    s.l.vote(s.p, s.approvers.get(1), Vote.APPROVE);
    failsAt(s.l, s.l.commitApproved(s.p, List.of(v1)), Violation.Reason.APPROVAL_NOT_SATISFIED);
  }

  @Test
  void required_X3_4_sameVoteListedTwiceIsOneApprover() {
    Setup s = twoOfThree(22, Optional.empty());
    Entry v1 = s.l.vote(s.p, s.approvers.get(0), Vote.APPROVE);
    failsAt(s.l, s.l.commitApproved(s.p, List.of(v1, v1)),
        Violation.Reason.APPROVAL_NOT_SATISFIED);
  }

  @Test
  void required_X3_3_anyDenyFailsTheCommit() {
    Setup s = twoOfThree(23, Optional.empty());
    Entry v1 = s.l.vote(s.p, s.approvers.get(0), Vote.APPROVE);
    Entry v2 = s.l.vote(s.p, s.approvers.get(1), Vote.APPROVE);
    s.l.vote(s.p, s.approvers.get(2), Vote.DENY);
    failsAt(s.l, s.l.commitApproved(s.p, List.of(v1, v2)),
        Violation.Reason.APPROVAL_NOT_SATISFIED);
  }

  @Test
  void required_I1_commitOfSuspendedProposalWithoutApprovalsFails() {
    Setup s = twoOfThree(24, Optional.empty());
    failsAt(s.l, s.l.commitApproved(s.p, List.of()), Violation.Reason.APPROVAL_NOT_SATISFIED);
  }

  @Test
  void required_X3_5_approvalsListedWithoutPendingFail() {
    Setup s = twoOfThree(25, Optional.empty());
    Entry v1 = s.l.vote(s.p, s.approvers.get(0), Vote.APPROVE);
    Intent i = s.l.intent("kv_put", TestLedger.kvArgs("z", "1"));
    Entry bad = s.l.commit(s.l.commitPayload(i, s.l.proposal(i, EffectClass.WRITE,
        ProposalStatus.Staged.INSTANCE), s.l.putDelta("z", "1"), List.of(v1.id()),
        Optional.empty()));
    failsAt(s.l, bad, Violation.Reason.APPROVAL_NOT_SATISFIED);
  }

  @Test
  void required_X3_5_listedEntryThatIsNoVoteFails() {
    Setup s = twoOfThree(26, Optional.empty());
    Entry v1 = s.l.vote(s.p, s.approvers.get(0), Vote.APPROVE);
    Entry notAVote = s.l.put("q", "1");
    failsAt(s.l, s.l.commitApproved(s.p, List.of(v1, notAVote)),
        Violation.Reason.APPROVAL_NOT_SATISFIED);
  }

  @Test
  void required_X3_2_voteFromKeyOutsideTheChannelFails() {
    Setup s = twoOfThree(27, Optional.empty());
    failsAt(s.l, s.l.vote(s.p, s.l.newSigner(), Vote.APPROVE), Violation.Reason.BAD_VOTE);
  }

  @Test
  void required_X3_2_secondVoteBySameKeyFails() {
    Setup s = twoOfThree(28, Optional.empty());
    s.l.vote(s.p, s.approvers.get(0), Vote.APPROVE);
    failsAt(s.l, s.l.vote(s.p, s.approvers.get(0), Vote.APPROVE), Violation.Reason.BAD_VOTE);
  }

  @Test
  void required_X3_2_forgedVoteSignatureFails() {
    Setup s = twoOfThree(29, Optional.empty());
    // Signed for another trajectory: a valid signature, but not over this vote.
    ApprovalPayload forged = ApprovalPayload.sign(OTHER, s.p.entry().id(), Vote.APPROVE,
        Optional.empty(), s.approvers.get(0));
    failsAt(s.l, s.l.append(forged), Violation.Reason.BAD_VOTE);
  }

  @Test
  void required_X3_6_voteAfterExpiryFails() {
    Setup s = twoOfThree(30, Optional.of(20_000L));
    s.l.advanceClock(20_000);
    failsAt(s.l, s.l.vote(s.p, s.approvers.get(0), Vote.APPROVE), Violation.Reason.BAD_VOTE);
  }

  @Test
  void required_X3_2_voteOnResolvedPendingFails() {
    Setup s = twoOfThree(31, Optional.empty());
    Entry v1 = s.l.vote(s.p, s.approvers.get(0), Vote.APPROVE);
    Entry v2 = s.l.vote(s.p, s.approvers.get(1), Vote.APPROVE);
    s.l.commitApproved(s.p, List.of(v1, v2));
    failsAt(s.l, s.l.vote(s.p, s.approvers.get(2), Vote.APPROVE), Violation.Reason.BAD_VOTE);
  }

  // --- compensation (X6) and delta (M5.1) ---

  @Test
  void required_X6_2_compensatingANonCommitFails() {
    TestLedger l = TestLedger.started(40);
    l.put("a", "1");
    Entry rejection = l.reject("b");
    failsAt(l, l.compensate(rejection, "a"), Violation.Reason.BAD_COMPENSATION);
  }

  @Test
  void required_X6_2_compensatingTwiceFails() {
    TestLedger l = TestLedger.started(41);
    Entry a = l.put("a", "1");
    l.compensate(a, "a");
    l.put("a", "2"); // re-create, so the second undo's delta applies and only the target is wrong
    failsAt(l, l.compensate(a, "a"), Violation.Reason.BAD_COMPENSATION);
  }

  @Test
  void required_M5_1_deltaThatDoesNotApplyFails() {
    TestLedger l = TestLedger.started(42);
    l.put("a", "1");
    Intent i = l.intent("kv_put", TestLedger.kvArgs("a", "2"));
    Delta stale = Delta.of(new DeltaOp.Replace(new ResourceKey("kv", "a"), 7, Json.string("2")));
    CommitPayload c = l.commitPayload(i, l.proposal(i, EffectClass.WRITE,
        ProposalStatus.Staged.INSTANCE), stale, List.of(), Optional.empty());
    Entry bad = l.append(c);
    Violation v = failsAt(l, bad, Violation.Reason.DELTA_CONFLICT);
    assertTrue(v.actual().contains("expected version 7, actual version 1"), v.actual());
  }
}
