package thymos.kernel.authority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import thymos.api.AuthorityException;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.json.Json;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.DelegationLimits;
import thymos.api.model.Scopes;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;
import thymos.api.spi.SeededEntropy;

/**
 * 09 §D1 with W3: whatever a {@code delegate} intent requests, a child minted from it and accepted
 * by registration never holds a scope, budget, ceiling bit, window or depth its parent lacks; a
 * request that exceeds the parent on any dimension is refused.
 */
class DelegateRequestProperties {

  private static final List<String> SCOPES = List.of("*", "fs_*", "fs_read", "fs_write",
      "net_*", "net_fetch", "db_query", "delegate");
  private static final List<String> PARENT_SCOPES = List.of("fs_*", "db_query", "delegate");
  private static final Budget PARENT_BUDGET = new Budget(1000, 10, 60_000, 500);
  private static final Ceiling PARENT_CEILING = new Ceiling(true, true, false, false);
  private static final long NOT_BEFORE = 1_000;
  private static final long EXPIRES = 100_000;
  private static final long DEPTH = 2;

  @Provide
  Arbitrary<Optional<List<String>>> scopes() {
    return Arbitraries.of(SCOPES).list().ofMinSize(1).ofMaxSize(3).optional(0.7);
  }

  @Provide
  Arbitrary<Optional<Budget>> budgets() {
    Arbitrary<Long> f = Arbitraries.longs().between(0, 1200);
    return net.jqwik.api.Combinators.combine(f, Arbitraries.longs().between(0, 12),
        Arbitraries.longs().between(0, 70_000), Arbitraries.longs().between(0, 600))
        .as(Budget::new).optional(0.7);
  }

  @Provide
  Arbitrary<Optional<Ceiling>> ceilings() {
    Arbitrary<Boolean> b = Arbitraries.of(true, false);
    return net.jqwik.api.Combinators.combine(b, b, b, b).as(Ceiling::new).optional(0.7);
  }

  @Property(tries = 300)
  void required_D1_W3_childNeverExceedsItsParent(
      @ForAll("scopes") Optional<List<String>> scopes,
      @ForAll("budgets") Optional<Budget> budget,
      @ForAll("ceilings") Optional<Ceiling> ceiling,
      @ForAll @IntRange(min = 50_000, max = 150_000) int expires, @ForAll boolean askExpires,
      @ForAll @IntRange(min = 0, max = 4) int depth, @ForAll boolean askDepth,
      @ForAll long seed) {
    DelegateRequest request = new DelegateRequest("t", scopes, budget, ceiling,
        askExpires ? Optional.of((long) expires) : Optional.empty(),
        askDepth ? Optional.of((long) depth) : Optional.empty());
    Fixture f = new Fixture(seed);
    Ed25519Signer childKey = Ed25519Signer.generate(f.entropy);
    Writ child = WritIssuance.issueChild(f.parent,
        request.termsUnder(f.parent, "child", childKey.publicKey()),
        TestKeyStore.holding(f.subject), f.entropy);
    boolean accepted = f.state.register(child).changed();
    WritBody c = child.body();
    WritBody p = f.parent.body();
    boolean contained = c.scopes().stream()
        .allMatch(s -> p.scopes().stream().anyMatch(ps -> Scopes.covers(ps, s)))
        && c.budget().fitsWithin(p.budget()) && c.effectCeiling().within(p.effectCeiling())
        && p.notBeforeMs() <= c.notBeforeMs() && c.expiresAtMs() <= p.expiresAtMs()
        && c.delegation().maxDepth() < p.delegation().maxDepth();
    Statistics.label("accepted").collect(accepted);
    Statistics.label("accepted").coverage(k -> {
      k.check(true).percentage(x -> x >= 10);
      k.check(false).percentage(x -> x >= 10);
    });
    assertEquals(contained, accepted, "registration accepts exactly the contained children");
    assertEquals(request.reservedUnder(f.parent), c.budget(), "the reservation is the budget");
  }

  @Example
  void required_D1_defaultsAreTheParentsValuesAndAreAccepted() {
    Fixture f = new Fixture(7);
    DelegateRequest request = DelegateRequest.fromJson(
        Json.object(java.util.Map.of("task", Json.string("sum"))), "/args");
    Ed25519Signer childKey = Ed25519Signer.generate(f.entropy);
    Writ child = WritIssuance.issueChild(f.parent,
        request.termsUnder(f.parent, "child", childKey.publicKey()),
        TestKeyStore.holding(f.subject), f.entropy);
    assertTrue(f.state.register(child).changed());
    assertEquals(PARENT_SCOPES, child.body().scopes());
    assertEquals(PARENT_BUDGET, child.body().budget());
    assertEquals(DEPTH - 1, child.body().delegation().maxDepth());
    assertEquals(f.parent.id(), child.body().parent().orElseThrow());
  }

  @Example
  void required_D1_W6_noSubjectKeyNoChild() {
    Fixture f = new Fixture(8);
    DelegateRequest request = new DelegateRequest("t", Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
    Ed25519Signer childKey = Ed25519Signer.generate(f.entropy);
    AuthorityException e = org.junit.jupiter.api.Assertions.assertThrows(
        AuthorityException.class, () -> WritIssuance.issueChild(f.parent,
            request.termsUnder(f.parent, "child", childKey.publicKey()),
            TestKeyStore.holding(), f.entropy));
    assertEquals("subject_key_unavailable", e.reason());
    assertFalse(f.state.writs().stream().anyMatch(w -> !w.equals(f.parent)));
  }

  @Example
  void required_D1_unknownArgumentIsRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(thymos.api.ProtocolViolation.class,
        () -> DelegateRequest.fromJson(Json.object(java.util.Map.of("task", Json.string("x"),
            "tools", Json.string("*"))), "/args"));
  }

  /** A root parent writ registered in a fresh authority state. */
  private static final class Fixture {
    final SeededEntropy entropy;
    final Ed25519Signer subject;
    final AuthorityState state;
    final Writ parent;

    Fixture(long seed) {
      entropy = new SeededEntropy(seed);
      Ed25519Signer anchor = Ed25519Signer.generate(entropy);
      subject = Ed25519Signer.generate(entropy);
      state = new AuthorityState(TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey())));
      parent = WritIssuance.issueRoot("ops", anchor, "acme", new WritTerms("agent",
          subject.publicKey(), PARENT_SCOPES, PARENT_BUDGET, PARENT_CEILING, NOT_BEFORE,
          EXPIRES, new DelegationLimits(DEPTH, true)), entropy);
      state.register(parent).writOrThrow();
    }
  }
}
