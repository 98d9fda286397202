package thymos.kernel.authority;

import thymos.api.spi.SeededEntropy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static thymos.kernel.authority.Outcomes.alreadyRegistered;
import static thymos.kernel.authority.Outcomes.rejected;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import thymos.api.AuthorityException;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.model.RevocationPayload;
import thymos.api.model.Writ;
import thymos.api.spi.Signer;

/** Registration (W2.2) and revocation (W5) on the authority state. */
class AuthorityStateTest {

  private SeededEntropy entropy;
  private Ed25519Signer anchor;
  private Ed25519Signer alice;
  private Ed25519Signer bob;
  private Ed25519Signer carol;
  private Ed25519Signer mallory;
  private AuthorityState state;
  private Writ root;
  private Writ child;
  private Writ grandchild;

  @BeforeEach
  void setUp() {
    entropy = new SeededEntropy(23);
    anchor = Ed25519Signer.generate(entropy);
    alice = Ed25519Signer.generate(entropy);
    bob = Ed25519Signer.generate(entropy);
    carol = Ed25519Signer.generate(entropy);
    mallory = Ed25519Signer.generate(entropy);
    state = new AuthorityState(TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey())));
    // anchor → alice (root), alice → bob (child), bob → carol (grandchild)
    root = register(Draft.root(anchor, alice).signBy(anchor, entropy));
    child = register(Draft.childOf(root, bob).signBy(alice, entropy));
    grandchild = register(Draft.childOf(child, carol).signBy(bob, entropy));
  }

  private Writ register(Writ w) {
    assertInstanceOf(Registration.Registered.class, state.register(w));
    return w;
  }

  private RevocationOutcome revokeGrandchildAs(Signer signer) {
    return state.revoke(RevocationPayload.sign(grandchild.id(), "task done", signer));
  }

  @Test
  void required_W2_2_registeringTwiceIsANoOpReturningTheExistingWrit() {
    Registration again = state.register(child);
    alreadyRegistered(again, child);
    assertFalse(again.changed());
    assertEquals(List.of(root, child, grandchild), state.writs());
  }

  @Test
  void required_I3_checksAnswerLikeTheChangeButChangeNothing() {
    Writ sibling = Draft.childOf(root, mallory).signBy(alice, entropy);
    assertInstanceOf(Registration.Registered.class, state.checkRegister(sibling));
    assertEquals(java.util.Optional.empty(), state.writ(sibling.id()));
    RevocationPayload rev = RevocationPayload.sign(child.id(), "rotated", alice);
    assertInstanceOf(RevocationOutcome.Revoked.class, state.checkRevoke(rev));
    assertFalse(state.isVoid(child.id()));
    assertEquals(state.checkRegister(sibling), state.register(sibling));
    assertEquals(state.checkRevoke(rev), state.revoke(rev));
    assertTrue(state.isVoid(child.id()));
    assertInstanceOf(RevocationOutcome.AlreadyRevoked.class, state.checkRevoke(rev));
  }

  @Test
  void required_W2_2_rejectsUnknownParent() {
    Writ orphanParent = Draft.root(anchor, alice).signBy(anchor, entropy); // never registered
    Writ orphan = Draft.childOf(orphanParent, bob).signBy(alice, entropy);
    Rejection r = rejected(state.register(orphan), RejectionReason.UNKNOWN_PARENT, orphan.id());
    assertEquals("W2.2", r.rule());
    AuthorityException e = assertThrows(AuthorityException.class,
        () -> state.register(orphan).writOrThrow());
    assertEquals("unknown_parent", e.reason());
    assertEquals(3, state.writs().size());
  }

  @Test
  void required_W5_1_issuerMayRevoke() {
    assertInstanceOf(RevocationOutcome.Revoked.class, revokeGrandchildAs(bob));
  }

  @Test
  void required_W5_1_issuerOfAnAncestorMayRevoke() {
    assertInstanceOf(RevocationOutcome.Revoked.class, revokeGrandchildAs(alice));
  }

  @Test
  void required_W5_1_anchorOfTheTenantMayRevoke() {
    assertInstanceOf(RevocationOutcome.Revoked.class, revokeGrandchildAs(anchor));
  }

  @Test
  void required_W5_1_anchorOutsideTheChainMayRevokeOnlyForItsTenant() {
    Ed25519Signer second = Ed25519Signer.generate(entropy);
    Ed25519Signer foreign = Ed25519Signer.generate(entropy);
    AuthorityState s = new AuthorityState(TrustAnchors.of(
        TrustAnchor.anyTenant(anchor.publicKey()),
        TrustAnchor.forTenants(second.publicKey(), "system"),
        TrustAnchor.forTenants(foreign.publicKey(), "acme")));
    s.register(root).writOrThrow();
    s.register(child).writOrThrow();
    rejected(s.revoke(RevocationPayload.sign(child.id(), "no", foreign)),
        RejectionReason.REVOKER_NOT_ALLOWED, child.id());
    assertInstanceOf(RevocationOutcome.Revoked.class,
        s.revoke(RevocationPayload.sign(child.id(), "yes", second)));
  }

  @Test
  void required_W5_1_anyoneElseIsRefused() {
    for (Signer other : List.of(mallory, carol)) { // carol is the grandchild's subject, not issuer
      Rejection r = rejected(revokeGrandchildAs(other), RejectionReason.REVOKER_NOT_ALLOWED,
          grandchild.id());
      assertEquals("W5.1", r.rule());
    }
    // A descendant's issuer may not revoke an ancestor.
    rejected(state.revoke(RevocationPayload.sign(root.id(), "mutiny", bob)),
        RejectionReason.REVOKER_NOT_ALLOWED, root.id());
    assertTrue(state.revocations().isEmpty());
  }

  @Test
  void required_W5_1_revocationWithBadSignatureIsRefused() {
    RevocationPayload signed = RevocationPayload.sign(grandchild.id(), "task done", bob);
    RevocationPayload altered = new RevocationPayload(signed.writId(), "something else", signed.revokerKey(),
        signed.revokerSignature());
    rejected(state.revoke(altered), RejectionReason.BAD_SIGNATURE, grandchild.id());
    assertFalse(state.isVoid(grandchild.id()));
  }

  @Test
  void required_W5_1_signatureUnderAnotherDomainTagIsRefused() {
    // The revoker signs {writ_id, reason} tagged as an approval, not as a revocation (E2.1).
    Json content = RevocationPayload.signedDocument(grandchild.id(), "task done");
    RevocationPayload otherTag = new RevocationPayload(grandchild.id(), "task done",
        bob.publicKey(), bob.sign(Ids.tagged(DocType.APPROVAL, content)));
    rejected(state.revoke(otherTag), RejectionReason.BAD_SIGNATURE, grandchild.id());
    assertTrue(state.revoke(RevocationPayload.sign(grandchild.id(), "task done", bob)).changed());
  }

  @Test
  void required_W5_4_revokingUnknownWritIsATypedError() {
    Writ unknown = Draft.root(anchor, alice).signBy(anchor, entropy);
    RevocationOutcome out = state.revoke(RevocationPayload.sign(unknown.id(), "x", anchor));
    Rejection r = rejected(out, RejectionReason.UNKNOWN_WRIT, unknown.id());
    assertEquals("W5.4", r.rule());
    AuthorityException e = assertThrows(AuthorityException.class, out::revocationOrThrow);
    assertEquals("unknown_writ", e.reason());
    assertEquals("THY-W504", e.code());
  }

  @Test
  void required_W5_4_revokingTwiceIsANoOp() {
    RevocationPayload first = RevocationPayload.sign(child.id(), "first", alice);
    assertTrue(state.revoke(first).changed());
    RevocationOutcome second = state.revoke(RevocationPayload.sign(child.id(), "second", anchor));
    RevocationOutcome.AlreadyRevoked already =
        assertInstanceOf(RevocationOutcome.AlreadyRevoked.class, second);
    assertEquals(first, already.existing());
    assertFalse(second.changed());
    assertEquals(List.of(first), state.revocations());
  }

  @Test
  void required_W5_2_revocationVoidsEveryDescendantButNoAncestor() {
    state.revoke(RevocationPayload.sign(child.id(), "compromised", anchor)).revocationOrThrow();
    assertFalse(state.isVoid(root.id()));
    assertTrue(state.isVoid(child.id()));
    assertTrue(state.isVoid(grandchild.id()));
    rejected(state.verify(grandchild.id(), 5_000), RejectionReason.REVOKED, child.id());
  }

  @Test
  void required_W2_1_replayingTheSameFactsInOrderRebuildsTheSameState() {
    Writ sibling = register(Draft.childOf(root, mallory).signBy(alice, entropy));
    RevocationPayload rev = RevocationPayload.sign(child.id(), "rotated", alice);
    state.revoke(rev).revocationOrThrow();
    List<Object> facts = new ArrayList<>(List.of(root, child, grandchild, sibling, rev));
    AuthorityState replayed = new AuthorityState(state.anchors());
    for (Object fact : facts) {
      boolean changed = fact instanceof Writ w ? replayed.register(w).changed()
          : replayed.revoke((RevocationPayload) fact).changed();
      assertTrue(changed, () -> "fact was a new fact on replay: " + fact);
    }
    assertEquals(state.writs(), replayed.writs());
    assertEquals(state.revocations(), replayed.revocations());
    for (Writ w : state.writs()) {
      assertEquals(state.verify(w.id(), 5_000), replayed.verify(w.id(), 5_000));
    }
    assertSame(state.anchors(), replayed.anchors());
  }
}
