package thymos.kernel.authority;

import thymos.api.spi.SeededEntropy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.Scopes;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;

/**
 * W3 "strict": any chain the verifier accepts is contained in its root on every dimension, and
 * its depth strictly decreases. Chains of 1–4 links are built by random narrowing and random
 * widening of one dimension; only accepted chains are checked, and the statistics require that
 * both outcomes are common, so the property is not vacuous.
 */
class DelegationContainmentProperties {

  private static final List<String> ROOT_SCOPES =
      List.of("*", "fs_*", "fs_read", "net_*", "db_query", "db_*");
  private static final int WIDENINGS = 14;

  /** One delegation link: narrow the parent, or narrow and then widen one dimension. */
  record Step(boolean widen, int dimension, long seed) {}

  @Provide
  Arbitrary<List<Step>> links() {
    Arbitrary<Step> step = Combinators.combine(
        Arbitraries.frequency(Tuple.of(7, false), Tuple.of(3, true)),
        Arbitraries.integers().between(0, WIDENINGS - 1),
        Arbitraries.longs()).as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 400)
  void required_W3_acceptedChainsAreContainedInTheirRoot(
      @ForAll("links") List<Step> links, @ForAll long rootSeed) {
    SeededEntropy entropy = new SeededEntropy(rootSeed);
    Ed25519Signer anchor = Ed25519Signer.generate(entropy);
    AuthorityState state =
        new AuthorityState(TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey())));
    Ed25519Signer subject = Ed25519Signer.generate(entropy);
    Writ root = randomRoot(anchor, subject, entropy, new SplittableRandom(rootSeed));
    state.register(root).writOrThrow();

    List<Writ> chain = new ArrayList<>(List.of(root));
    Ed25519Signer parentSubject = subject;
    boolean accepted = true;
    for (Step s : links) {
      Ed25519Signer childSubject = Ed25519Signer.generate(entropy);
      Writ child = build(chain.get(chain.size() - 1), parentSubject, childSubject, s, entropy);
      if (!state.register(child).changed()) {
        accepted = false;
        break;
      }
      chain.add(child);
      parentSubject = childSubject;
    }
    Statistics.label("accepted").collect(accepted);
    Statistics.label("accepted").coverage(c -> {
      c.check(true).percentage(p -> p >= 20);
      c.check(false).percentage(p -> p >= 20);
    });
    if (accepted) {
      Writ leaf = chain.get(chain.size() - 1);
      assertEquals(chain, state.verify(leaf.id(), leaf.body().notBeforeMs()).chainOrThrow());
      assertContainedInRoot(chain);
    }
  }

  private static void assertContainedInRoot(List<Writ> chain) {
    WritBody r = chain.get(0).body();
    for (int i = 1; i < chain.size(); i++) {
      WritBody w = chain.get(i).body();
      for (String scope : w.scopes()) {
        assertTrue(r.scopes().stream().anyMatch(rs -> Scopes.covers(rs, scope)), scope);
      }
      for (int d = 0; d < Budget.DIMENSIONS.size(); d++) {
        assertTrue(w.budget().get(d) <= r.budget().get(d), Budget.DIMENSIONS.get(d));
      }
      assertTrue(w.effectCeiling().within(r.effectCeiling()));
      assertTrue(r.notBeforeMs() <= w.notBeforeMs() && w.expiresAtMs() <= r.expiresAtMs());
      assertEquals(r.tenant(), w.tenant());
      assertTrue(w.delegation().maxDepth()
          < chain.get(i - 1).body().delegation().maxDepth(), "depth strictly decreases");
    }
  }

  private static Writ randomRoot(Ed25519Signer anchor, Ed25519Signer subject, SeededEntropy entropy,
      SplittableRandom rnd) {
    Draft d = Draft.root(anchor, subject);
    List<String> scopes = new ArrayList<>();
    for (String s : ROOT_SCOPES) {
      if (rnd.nextInt(3) == 0) {
        scopes.add(s);
      }
    }
    d.scopes = scopes.isEmpty() ? List.of("fs_*") : scopes;
    d.budget = new Budget(rnd.nextLong(0, 10_000), rnd.nextLong(0, 100), rnd.nextLong(0, 60_000),
        rnd.nextLong(0, 1_000_000));
    d.ceiling = new Ceiling(rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextBoolean(),
        rnd.nextBoolean());
    d.notBeforeMs = rnd.nextLong(1, 1_000);
    d.expiresAtMs = d.notBeforeMs + rnd.nextLong(0, 100_000);
    d.maxDepth = rnd.nextLong(3, 7);
    return d.signBy(anchor, entropy);
  }

  private static Writ build(Writ parent, Ed25519Signer parentSubject, Ed25519Signer childSubject,
      Step step, SeededEntropy entropy) {
    SplittableRandom rnd = new SplittableRandom(step.seed());
    WritBody p = parent.body();
    Draft d = Draft.childOf(parent, childSubject);
    d.scopes = narrowScopes(p.scopes(), rnd);
    d.budget = new Budget(below(p.budget().get(0), rnd), below(p.budget().get(1), rnd),
        below(p.budget().get(2), rnd), below(p.budget().get(3), rnd));
    Ceiling c = p.effectCeiling();
    d.ceiling = new Ceiling(c.read() && rnd.nextBoolean(), c.write() && rnd.nextBoolean(),
        c.external() && rnd.nextBoolean(), c.irreversible() && rnd.nextBoolean());
    d.notBeforeMs = rnd.nextLong(p.notBeforeMs(), p.expiresAtMs() + 1);
    d.expiresAtMs = rnd.nextLong(d.notBeforeMs, p.expiresAtMs() + 1);
    long depth = p.delegation().maxDepth();
    d.maxDepth = depth == 0 ? 0 : rnd.nextLong(0, depth);
    d.maySubdivide = rnd.nextInt(10) != 0;
    Ed25519Signer issuer = parentSubject;
    if (step.widen()) {
      switch (step.dimension()) {
        case 0 -> d.scopes = addAll(d.scopes, p.scopes().contains("*") ? "fs_read" : "*");
        case 1, 2, 3, 4 -> d.budget = widen(d.budget, p.budget(), step.dimension() - 1);
        case 5 -> d.ceiling = new Ceiling(true, c.write(), c.external(), c.irreversible());
        case 6 -> d.ceiling = new Ceiling(c.read(), true, c.external(), c.irreversible());
        case 7 -> d.ceiling = new Ceiling(c.read(), c.write(), true, c.irreversible());
        case 8 -> d.ceiling = new Ceiling(c.read(), c.write(), c.external(), true);
        case 9 -> d.notBeforeMs = p.notBeforeMs() - 1;
        case 10 -> d.expiresAtMs = p.expiresAtMs() + 1;
        case 11 -> d.maxDepth = depth;
        case 12 -> d.tenant = "other";
        case 13 -> issuer = Ed25519Signer.generate(entropy);
        default -> throw new IllegalStateException("unknown widening " + step.dimension());
      }
    }
    return d.signBy(issuer, entropy);
  }

  private static List<String> narrowScopes(List<String> parent, SplittableRandom rnd) {
    List<String> out = new ArrayList<>();
    for (String s : parent) {
      switch (rnd.nextInt(4)) {
        case 0 -> { } // dropped
        case 1 -> out.add(s);
        default -> out.add(Scopes.isPrefix(s)
            ? s.substring(0, s.length() - 1) + (char) ('a' + rnd.nextInt(26))
                + (rnd.nextBoolean() ? "*" : "x")
            : s);
      }
    }
    return out.isEmpty() ? List.of(parent.get(0)) : out;
  }

  private static List<String> addAll(List<String> scopes, String extra) {
    List<String> out = new ArrayList<>(scopes);
    out.add(extra);
    return out;
  }

  private static long below(long max, SplittableRandom rnd) {
    return rnd.nextLong(0, max + 1);
  }

  private static Budget widen(Budget b, Budget parent, int dimension) {
    long[] v = {b.get(0), b.get(1), b.get(2), b.get(3)};
    v[dimension] = parent.get(dimension) + 1;
    return new Budget(v[0], v[1], v[2], v[3]);
  }
}
