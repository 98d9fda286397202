package thymos.kernel.authority;

import thymos.api.spi.SeededEntropy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static thymos.kernel.authority.Outcomes.brokeDelegation;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.Writ;

/** Each of the nine W3 rules rejects with its own typed reason when a child registers. */
class DelegationRulesTest {

  private SeededEntropy entropy;
  private Ed25519Signer anchor;
  private Ed25519Signer alice;
  private Ed25519Signer bob;
  private AuthorityState state;

  @BeforeEach
  void setUp() {
    entropy = new SeededEntropy(7);
    anchor = Ed25519Signer.generate(entropy);
    alice = Ed25519Signer.generate(entropy);
    bob = Ed25519Signer.generate(entropy);
    state = new AuthorityState(TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey())));
  }

  private Writ registeredRoot(Draft root) {
    Writ w = root.signBy(anchor, entropy);
    state.register(w).writOrThrow();
    return w;
  }

  private Writ root() {
    return registeredRoot(Draft.root(anchor, alice));
  }

  @Test
  void required_W3_acceptsChildEqualToParentWithLowerDepth() {
    Writ child = Draft.childOf(root(), bob).signBy(alice, entropy);
    assertInstanceOf(Registration.Registered.class, state.register(child));
  }

  @Test
  void required_W3_1_rejectsChildNamingAnotherParent() {
    Writ root = root();
    Writ other = Draft.root(anchor, alice).signBy(anchor, entropy);
    Writ child = Draft.childOf(other, bob).signBy(alice, entropy);
    brokeDelegation(DelegationRules.check(root, child).orElseThrow(),
        DelegationRule.PARENT_MISMATCH, child.id(), "/parent");
  }

  @Test
  void required_W3_2_rejectsChildSignedByAKeyOtherThanTheParentSubject() {
    Writ child = Draft.childOf(root(), bob).signBy(bob, entropy); // bob is not the root's subject
    brokeDelegation(state.register(child), DelegationRule.ISSUER_NOT_PARENT_SUBJECT, child.id(),
        "/issuer_key");
  }

  @Test
  void required_W3_3_rejectsChildOfParentThatMayNotSubdivide() {
    Draft r = Draft.root(anchor, alice);
    r.maySubdivide = false;
    Writ child = Draft.childOf(registeredRoot(r), bob).signBy(alice, entropy);
    brokeDelegation(state.register(child), DelegationRule.PARENT_MAY_NOT_SUBDIVIDE, child.id(),
        "/delegation/may_subdivide");
  }

  @Test
  void required_W3_4_rejectsChildWithEqualDepth() {
    Writ root = root();
    Draft d = Draft.childOf(root, bob);
    d.maxDepth = root.body().delegation().maxDepth();
    Writ child = d.signBy(alice, entropy);
    brokeDelegation(state.register(child), DelegationRule.DEPTH_NOT_DECREASING, child.id(),
        "/delegation/max_depth");
  }

  @Test
  void required_W3_4_rejectsAnyChildOfDepthZeroParent() {
    Draft r = Draft.root(anchor, alice);
    r.maxDepth = 0;
    Writ child = Draft.childOf(registeredRoot(r), bob).signBy(alice, entropy);
    assertEquals(0, child.body().delegation().maxDepth());
    brokeDelegation(state.register(child), DelegationRule.DEPTH_NOT_DECREASING, child.id(),
        "/delegation/max_depth");
  }

  @Test
  void required_W3_5_rejectsChildInAnotherTenant() {
    Draft d = Draft.childOf(root(), bob);
    d.tenant = "acme";
    Writ child = d.signBy(alice, entropy);
    brokeDelegation(state.register(child), DelegationRule.TENANT_MISMATCH, child.id(), "/tenant");
  }

  @ParameterizedTest
  @ValueSource(strings = {"net_get", "f*", "*", "fs"})
  void required_W3_6_rejectsChildWithWiderScope(String wider) {
    Draft r = Draft.root(anchor, alice);
    r.scopes = List.of("fs_*", "fs_read");
    Draft d = Draft.childOf(registeredRoot(r), bob);
    d.scopes = List.of("fs_write", wider);
    Writ child = d.signBy(alice, entropy);
    brokeDelegation(state.register(child), DelegationRule.SCOPE_NOT_COVERED, child.id(),
        "/scopes/1");
  }

  @Test
  void required_W3_6_acceptsNarrowerScopes() {
    Draft r = Draft.root(anchor, alice);
    r.scopes = List.of("fs_*");
    Draft d = Draft.childOf(registeredRoot(r), bob);
    d.scopes = List.of("fs_read", "fs_w*", "fs_*");
    assertInstanceOf(Registration.Registered.class, state.register(d.signBy(alice, entropy)));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void required_W3_7_rejectsLargerBudgetOnEachDimension(int dimension) {
    Writ root = root();
    Draft d = Draft.childOf(root, bob);
    long[] b = {d.budget.tokens(), d.budget.toolCalls(), d.budget.wallClockMs(),
        d.budget.usdMillicents()};
    b[dimension] += 1;
    d.budget = new Budget(b[0], b[1], b[2], b[3]);
    Writ child = d.signBy(alice, entropy);
    Rejection r = brokeDelegation(state.register(child), DelegationRule.BUDGET_EXCEEDS_PARENT,
        child.id(), "/budget/" + Budget.DIMENSIONS.get(dimension));
    assertEquals(Long.toString(root.body().budget().get(dimension) + 1), r.actual());
  }

  @ParameterizedTest
  @ValueSource(strings = {"read", "write", "external", "irreversible"})
  void required_W3_8_rejectsExtraCeilingBitIncludingRead(String bit) {
    Draft r = Draft.root(anchor, alice);
    r.ceiling = new Ceiling(!bit.equals("read"), !bit.equals("write"), !bit.equals("external"),
        !bit.equals("irreversible"));
    Draft d = Draft.childOf(registeredRoot(r), bob);
    d.ceiling = Ceiling.ALL;
    Writ child = d.signBy(alice, entropy);
    brokeDelegation(state.register(child), DelegationRule.CEILING_EXCEEDS_PARENT, child.id(),
        "/effect_ceiling/" + bit);
  }

  @Test
  void required_W3_9_rejectsWindowStartingEarlier() {
    Draft d = Draft.childOf(root(), bob);
    d.notBeforeMs -= 1;
    Writ child = d.signBy(alice, entropy);
    brokeDelegation(state.register(child), DelegationRule.WINDOW_EXCEEDS_PARENT, child.id(),
        "/not_before_ms");
  }

  @Test
  void required_W3_9_rejectsWindowEndingLater() {
    Draft d = Draft.childOf(root(), bob);
    d.expiresAtMs += 1;
    Writ child = d.signBy(alice, entropy);
    brokeDelegation(state.register(child), DelegationRule.WINDOW_EXCEEDS_PARENT, child.id(),
        "/expires_at_ms");
  }

  @Test
  void required_W3_rulesAreReportedInNumberedOrder() {
    // Wider on rules 5, 6, 7, 8 and 9 at once: the lowest-numbered rule decides.
    Draft r = Draft.root(anchor, alice);
    r.ceiling = Ceiling.NONE;
    r.scopes = List.of("fs_*");
    Draft d = Draft.childOf(registeredRoot(r), bob);
    d.tenant = "acme";
    d.scopes = List.of("*");
    d.budget = d.budget.plus(new Budget(1, 1, 1, 1));
    d.ceiling = Ceiling.ALL;
    d.expiresAtMs += 1;
    Writ child = d.signBy(alice, entropy);
    brokeDelegation(state.register(child), DelegationRule.TENANT_MISMATCH, child.id(), "/tenant");
    assertEquals(Optional.empty(), state.writ(child.id()));
  }
}
