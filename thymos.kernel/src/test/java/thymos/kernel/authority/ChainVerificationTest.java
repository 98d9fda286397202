package thymos.kernel.authority;

import thymos.api.spi.SeededEntropy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static thymos.kernel.authority.Outcomes.brokeDelegation;
import static thymos.kernel.authority.Outcomes.rejected;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import thymos.api.AuthorityException;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.model.Budget;
import thymos.api.model.RevocationPayload;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;

/** Chain verification (W4): C2 stages 4–8, in order, each with its own reason. */
class ChainVerificationTest {

  private static final long NOW = 5_000;

  private SeededEntropy entropy;
  private Ed25519Signer anchor;
  private Ed25519Signer alice;
  private Ed25519Signer bob;
  private Ed25519Signer carol;
  private Ed25519Signer mallory;
  private AuthorityState state;

  @BeforeEach
  void setUp() {
    entropy = new SeededEntropy(11);
    anchor = Ed25519Signer.generate(entropy);
    alice = Ed25519Signer.generate(entropy);
    bob = Ed25519Signer.generate(entropy);
    carol = Ed25519Signer.generate(entropy);
    mallory = Ed25519Signer.generate(entropy);
    state = new AuthorityState(TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey())));
  }

  private Writ register(Writ w) {
    state.register(w).writOrThrow();
    return w;
  }

  @Test
  void required_W4_validChainIsReturnedRootFirst() {
    Writ root = register(Draft.root(anchor, alice).signBy(anchor, entropy));
    Writ child = register(Draft.childOf(root, bob).signBy(alice, entropy));
    Writ grandchild = register(Draft.childOf(child, carol).signBy(bob, entropy));
    ChainVerification v = state.verify(grandchild.id(), NOW);
    assertEquals(List.of(root, child, grandchild), v.chainOrThrow());
    ChainVerification.Valid valid = assertInstanceOf(ChainVerification.Valid.class, v);
    assertEquals(root, valid.root());
    assertEquals(grandchild, valid.leaf());
  }

  @Test
  void required_W4_unknownWritIsRejected() {
    Writ unregistered = Draft.root(anchor, alice).signBy(anchor, entropy);
    rejected(state.verify(unregistered.id(), NOW), RejectionReason.UNKNOWN_WRIT,
        unregistered.id());
  }

  @Test
  void required_W1_2_rejectsRootSignedByNonAnchor() {
    Writ root = Draft.root(mallory, alice).signBy(mallory, entropy);
    Rejection r = rejected(state.register(root), RejectionReason.UNTRUSTED_ROOT, root.id());
    assertEquals("W1.2", r.rule());
    assertTrue(state.writs().isEmpty());
  }

  @Test
  void required_W1_2_rejectsRootOfAnchorLimitedToAnotherTenant() {
    AuthorityState limited = new AuthorityState(
        TrustAnchors.of(TrustAnchor.forTenants(anchor.publicKey(), "acme")));
    Writ root = Draft.root(anchor, alice).signBy(anchor, entropy); // tenant "system"
    rejected(limited.register(root), RejectionReason.UNTRUSTED_ROOT, root.id());
    Draft acme = Draft.root(anchor, alice);
    acme.tenant = "acme";
    assertInstanceOf(Registration.Registered.class, limited.register(acme.signBy(anchor, entropy)));
  }

  @Test
  void required_E3_3_rejectsChildWithValidIssuerKeySignedByAnotherKey() {
    Writ root = register(Draft.root(anchor, alice).signBy(anchor, entropy));
    WritBody body = Draft.childOf(root, bob).body(entropy); // issuer_key = alice
    Writ forged = new Writ(Ids.id(DocType.WRIT, body.toJson()), body,
        mallory.sign(Ids.tagged(DocType.WRIT, body.toJson())));
    Rejection r = rejected(state.register(forged), RejectionReason.BAD_SIGNATURE, forged.id());
    assertEquals("/signature", r.field());
  }

  @Test
  void required_E2_2_rejectsTamperedBodyKeepingIdAndSignature() {
    Writ root = register(Draft.root(anchor, alice).signBy(anchor, entropy));
    Writ child = Draft.childOf(root, bob).signBy(alice, entropy);
    WritBody b = child.body();
    WritBody widened = new WritBody(b.issuer(), b.issuerKey(), b.subject(), b.subjectKey(),
        b.parent(), b.tenant(), b.scopes(), new Budget(1, 1, 1, 1), b.effectCeiling(),
        b.notBeforeMs(), b.expiresAtMs(), b.delegation(), b.nonce());
    Writ tampered = new Writ(child.id(), widened, child.signature());
    Rejection r = rejected(state.register(tampered), RejectionReason.BAD_SIGNATURE, child.id());
    assertEquals("/id", r.field());
    // With the id recomputed the signature no longer matches.
    Writ rehashed = new Writ(Ids.id(DocType.WRIT, widened.toJson()), widened, child.signature());
    Rejection r2 = rejected(state.register(rehashed), RejectionReason.BAD_SIGNATURE,
        rehashed.id());
    assertEquals("/signature", r2.field());
  }

  @Test
  void required_W5_2_rejectsGrandchildOfRevokedWritNamingTheRevokedWrit() {
    Writ root = register(Draft.root(anchor, alice).signBy(anchor, entropy));
    Writ child = register(Draft.childOf(root, bob).signBy(alice, entropy));
    Writ grandchild = register(Draft.childOf(child, carol).signBy(bob, entropy));
    state.revoke(RevocationPayload.sign(child.id(), "compromised", alice)).revocationOrThrow();
    Rejection r = rejected(state.verify(grandchild.id(), NOW), RejectionReason.REVOKED, child.id());
    assertEquals("W5.2", r.rule());
    assertTrue(state.verify(root.id(), NOW).isValid());
    // Nothing new can be registered below a revoked writ either (W2.2: W4 without time).
    Writ great = Draft.childOf(grandchild, mallory).signBy(carol, entropy);
    rejected(state.register(great), RejectionReason.REVOKED, child.id());
  }

  @Test
  void required_W4_rejectsOutsideWindowAtBothEndsInclusive() {
    Writ root = register(Draft.root(anchor, alice).signBy(anchor, entropy)); // [1000, 10000]
    Draft d = Draft.childOf(root, bob);
    d.notBeforeMs = 2_000;
    d.expiresAtMs = 3_000;
    Writ child = register(d.signBy(alice, entropy));
    assertTrue(state.verify(child.id(), 2_000).isValid());
    assertTrue(state.verify(child.id(), 3_000).isValid());
    Rejection early = rejected(state.verify(child.id(), 1_999), RejectionReason.OUTSIDE_WINDOW,
        child.id());
    assertEquals("/not_before_ms", early.field());
    Rejection late = rejected(state.verify(child.id(), 3_001), RejectionReason.OUTSIDE_WINDOW,
        child.id());
    assertEquals("/expires_at_ms", late.field());
    rejected(state.verify(child.id(), 10_001), RejectionReason.OUTSIDE_WINDOW, root.id());
  }

  @Test
  void required_C2_stagesReportTheFirstFailureInStageOrder() {
    TrustAnchors anchors = TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey()));
    Writ untrusted = Draft.root(mallory, alice).signBy(mallory, entropy);
    Draft wide = Draft.childOf(untrusted, bob);
    wide.budget = wide.budget.plus(new Budget(1, 0, 0, 0));
    Writ wideChild = wide.signBy(alice, entropy);
    Writ forgedChild = new Writ(wideChild.id(), wideChild.body(), untrusted.signature());
    Map<Hash32, RevocationPayload> none = Map.of();
    OptionalLong late = OptionalLong.of(99_999);
    // stage 4 before 5
    rejected(ChainVerifier.verify(List.of(untrusted, forgedChild), anchors, none, late),
        RejectionReason.BAD_SIGNATURE, wideChild.id());
    // stage 5 before 6
    rejected(ChainVerifier.verify(List.of(untrusted, wideChild), anchors, none, late),
        RejectionReason.UNTRUSTED_ROOT, untrusted.id());
    // stage 6 before 7
    Writ root = Draft.root(anchor, alice).signBy(anchor, entropy);
    Draft wide2 = Draft.childOf(root, bob);
    wide2.budget = wide2.budget.plus(new Budget(1, 0, 0, 0));
    Writ wideChild2 = wide2.signBy(alice, entropy);
    Map<Hash32, RevocationPayload> rootRevoked =
        Map.of(root.id(), RevocationPayload.sign(root.id(), "gone", anchor));
    brokeDelegation(ChainVerifier.verify(List.of(root, wideChild2), anchors, rootRevoked, late),
        DelegationRule.BUDGET_EXCEEDS_PARENT, wideChild2.id(), "/budget/tokens");
    // stage 7 before 8
    Writ goodChild = Draft.childOf(root, bob).signBy(alice, entropy);
    rejected(ChainVerifier.verify(List.of(root, goodChild), anchors, rootRevoked, late),
        RejectionReason.REVOKED, root.id());
    rejected(ChainVerifier.verify(List.of(root, goodChild), anchors, Map.of(), late),
        RejectionReason.OUTSIDE_WINDOW, root.id());
    // registration skips stage 8
    assertTrue(ChainVerifier.verify(List.of(root, goodChild), anchors, Map.of(),
        OptionalLong.empty()).isValid());
  }

  @Test
  void chainOrThrowCarriesTheTypedReasonAndRule() {
    Writ root = register(Draft.root(anchor, alice).signBy(anchor, entropy));
    ChainVerification v = state.verify(root.id(), 0);
    assertFalse(v.isValid());
    AuthorityException e = assertThrows(AuthorityException.class, v::chainOrThrow);
    assertEquals("outside_window", e.reason());
    assertEquals("W4", e.rule().orElseThrow());
    assertEquals(root.id().hex(), e.writId().orElseThrow());
  }
}
