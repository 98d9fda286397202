package thymos.kernel.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.RequestRefused;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.model.ApprovalPayload;
import thymos.api.model.ApprovalPayload.Vote;
import thymos.api.model.EntryKind;
import thymos.api.model.Intent;
import thymos.api.model.RevocationPayload;

/** X3: signed votes, M-of-N quorum per channel, veto, expiry, the X3.5 re-check, restarts. */
class ApprovalTest {

  private final RunFixture f = new RunFixture();

  ApprovalTest() {
    f.policies.add(RunFixture.askingFor("test.big", "big"));
    f.reopen();
  }

  private Outcome.Pending suspend(Run run, Intent intent) {
    Outcome.Pending p = assertInstanceOf(Outcome.Pending.class, run.submit(intent));
    assertEquals(2, p.payload().quorum());
    assertEquals(List.of(f.ann.publicKey(), f.bob.publicKey(), f.cy.publicKey()),
        p.payload().approvers());
    return p;
  }

  private void refused(Run run, String reason, ApprovalPayload vote) {
    long size = run.size();
    RequestRefused e = assertThrows(RequestRefused.class, () -> run.vote(vote));
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(size, run.size(), "a refused vote recorded something");
    assertEquals(size, f.entries(run.trajectoryId()).size());
  }

  @Test
  @DisplayName("X3.2: a vote by a key outside the channel is refused and records nothing")
  void outsider() {
    Run run = f.open();
    Outcome.Pending p = suspend(run, f.put(run, "big1", 1));
    refused(run, "approver_not_listed", f.vote(run, p.entry().id(), Vote.APPROVE, f.outsider));
  }

  @Test
  @DisplayName("X3.2: a second vote by the same key is refused and records nothing")
  void duplicate() {
    Run run = f.open();
    Outcome.Pending p = suspend(run, f.put(run, "big1", 1));
    run.vote(f.vote(run, p.entry().id(), Vote.APPROVE, f.ann));
    refused(run, "duplicate_vote", f.vote(run, p.entry().id(), Vote.APPROVE, f.ann));
    refused(run, "duplicate_vote", f.vote(run, p.entry().id(), Vote.DENY, f.ann));
    assertEquals(0, f.put.invocations.get());
  }

  @Test
  @DisplayName("X3.2: a vote whose signature is forged is refused and records nothing")
  void forged() {
    Run run = f.open();
    Outcome.Pending p = suspend(run, f.put(run, "big1", 1));
    ApprovalPayload byBob = f.vote(run, p.entry().id(), Vote.APPROVE, f.bob);
    ApprovalPayload claimsAnn = new ApprovalPayload(byBob.pending(), byBob.decision(),
        f.ann.publicKey(), Optional.empty(), byBob.approverSignature());
    refused(run, "bad_signature", claimsAnn);
    // A vote signed for another trajectory does not verify here either.
    ApprovalPayload elsewhere = ApprovalPayload.sign(Hash32.of(new byte[32]),
        p.entry().id(), Vote.APPROVE, Optional.empty(), f.ann);
    refused(run, "bad_signature", elsewhere);
    Hash32 root = f.entries(run.trajectoryId()).getFirst().id();
    refused(run, "unknown_pending", f.vote(run, root, Vote.APPROVE, f.ann));
  }

  @Test
  @DisplayName("X3.6: after expiry votes are refused with nothing recorded; the next touch resolves approval_expired")
  void expiry() {
    f.ttlMs = 1_000;
    f.reopen();
    Run run = f.open();
    Outcome.Pending p = suspend(run, f.put(run, "big1", 1));
    assertEquals(Optional.of(2_000L + 1_000L), p.payload().expiresAtMs());
    f.clock.set(3_000);
    run.vote(f.vote(run, p.entry().id(), Vote.APPROVE, f.ann)); // at expiry: still accepted
    f.clock.set(3_001);
    refused(run, "pending_expired", f.vote(run, p.entry().id(), Vote.APPROVE, f.bob));
    List<Outcome> expired = run.expireDue();
    assertEquals(1, expired.size());
    assertEquals("approval_expired", ((Outcome.Rejected) expired.get(0)).kind());
    refused(run, "pending_resolved", f.vote(run, p.entry().id(), Vote.APPROVE, f.bob));
    assertEquals(0, f.put.invocations.get());
    assertTrue(f.replay(run.trajectoryId()).verified());
  }

  @Test
  @DisplayName("X3.4, X3.7: quorum 2 of 3 executes exactly once; a third vote is refused")
  void quorum() {
    Run run = f.open();
    Outcome.Pending p = suspend(run, f.put(run, "big1", 1));
    VoteResult first = run.vote(f.vote(run, p.entry().id(), Vote.APPROVE, f.ann));
    assertInstanceOf(Outcome.Pending.class, first.outcome());
    assertEquals(0, f.put.invocations.get());
    VoteResult second = run.vote(f.vote(run, p.entry().id(), Vote.APPROVE, f.cy));
    Outcome.Committed c = assertInstanceOf(Outcome.Committed.class, second.outcome());
    assertEquals(List.of(first.approval().id(), second.approval().id()), c.payload().approvals());
    assertEquals(1, f.put.invocations.get());
    refused(run, "pending_resolved", f.vote(run, p.entry().id(), Vote.APPROVE, f.bob));
    assertEquals(c, run.submit(p.payload().asIntent()), "resubmission returns the commit (X4)");
    assertEquals(1, f.put.invocations.get());
    assertTrue(f.replay(run.trajectoryId()).verified(), f.replay(run.trajectoryId())::toString);
  }

  @Test
  @DisplayName("X3.3: one deny vetoes whatever the approvals")
  void veto() {
    Run run = f.open();
    Outcome.Pending p = suspend(run, f.put(run, "big1", 1));
    run.vote(f.vote(run, p.entry().id(), Vote.APPROVE, f.ann));
    VoteResult deny = run.vote(f.vote(run, p.entry().id(), Vote.DENY, f.bob));
    Outcome.Rejected r = assertInstanceOf(Outcome.Rejected.class, deny.outcome());
    assertEquals("approval_denied", r.kind());
    assertEquals(Optional.of(p.payload().proposal().id()), r.payload().proposalId());
    refused(run, "pending_resolved", f.vote(run, p.entry().id(), Vote.APPROVE, f.cy));
    assertEquals(0, f.put.invocations.get());
  }

  @Test
  @DisplayName("X3.5: a writ revoked while the proposal waits ends in a rejection, not an execution")
  void revokedWhileWaiting() {
    Run run = f.open();
    Outcome.Pending p = suspend(run, f.put(run, "big1", 1));
    run.vote(f.vote(run, p.entry().id(), Vote.APPROVE, f.ann));
    f.authority.revoke(RevocationPayload.sign(f.writ.id(), "compromised", f.anchor));
    VoteResult last = run.vote(f.vote(run, p.entry().id(), Vote.APPROVE, f.bob));
    Outcome.Rejected r = assertInstanceOf(Outcome.Rejected.class, last.outcome());
    assertEquals("revoked", r.kind());
    assertEquals(0, f.put.invocations.get());
    assertEquals(EntryKind.REJECTION, f.entries(run.trajectoryId()).getLast().kind());
  }

  @Test
  @DisplayName("X3.5: a writ that expired while the proposal waited ends in outside_window")
  void expiredWritWhileWaiting() {
    Run run = f.open();
    Outcome.Pending p = suspend(run, f.put(run, "big1", 1));
    run.vote(f.vote(run, p.entry().id(), Vote.APPROVE, f.ann));
    f.clock.set(100_001);
    VoteResult last = run.vote(f.vote(run, p.entry().id(), Vote.APPROVE, f.bob));
    assertEquals("outside_window", ((Outcome.Rejected) last.outcome()).kind());
    assertEquals(0, f.put.invocations.get());
  }

  @Test
  @DisplayName("X3.7: approval state survives closing and reopening the runtime")
  void survivesRestart() {
    Run run = f.open();
    Outcome.Pending p = suspend(run, f.put(run, "big1", 1));
    run.vote(f.vote(run, p.entry().id(), Vote.APPROVE, f.ann));

    f.reopen();
    Run resumed = f.kernel.resume(run.trajectoryId());
    assertEquals(List.of(p), resumed.pending());
    RequestRefused again = assertThrows(RequestRefused.class,
        () -> resumed.vote(f.vote(resumed, p.entry().id(), Vote.APPROVE, f.ann)));
    assertEquals("duplicate_vote", again.reason());
    VoteResult second = resumed.vote(f.vote(resumed, p.entry().id(), Vote.APPROVE, f.bob));
    assertInstanceOf(Outcome.Committed.class, second.outcome());
    assertEquals(1, f.put.invocations.get());

    f.reopen();
    Run third = f.kernel.resume(run.trajectoryId());
    assertEquals(List.of(), third.pending());
    RequestRefused late = assertThrows(RequestRefused.class,
        () -> third.vote(f.vote(third, p.entry().id(), Vote.APPROVE, f.cy)));
    assertEquals("pending_resolved", late.reason());
    assertEquals(1, f.put.invocations.get());
    assertTrue(f.replay(run.trajectoryId()).verified());
  }

  @Test
  @DisplayName("X1.2: a quorum recorded before a crash is executed once on resume")
  void quorumRecordedBeforeCrash() {
    Run run = f.open();
    Outcome.Pending p = suspend(run, f.put(run, "big1", 1));
    // Two approve votes appended by another process: this run never executed the proposal.
    for (Ed25519Signer who : List.of(f.ann, f.bob)) {
      var vote = f.vote(run, p.entry().id(), Vote.APPROVE, who);
      var e = thymos.api.model.Entry.create(run.trajectoryId(), f.entries(run.trajectoryId())
          .size(), Optional.of(f.entries(run.trajectoryId()).getLast().id()), 2_000, vote);
      f.ledger.append(thymos.ledger.spi.StoredEntry.of(e));
    }
    f.reopen();
    Run resumed = f.kernel.resume(run.trajectoryId());
    assertEquals(1, f.put.invocations.get());
    assertEquals(List.of(), resumed.pending());
    assertInstanceOf(Outcome.Committed.class, resumed.outcome(p.payload().intentId()).get());
    f.reopen();
    f.kernel.resume(run.trajectoryId());
    assertEquals(1, f.put.invocations.get());
  }
}
