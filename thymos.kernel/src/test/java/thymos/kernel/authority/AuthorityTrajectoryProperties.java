package thymos.kernel.authority;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import thymos.api.model.RevocationPayload;
import thymos.api.model.Writ;
import thymos.api.spi.Signer;
import thymos.ledger.spi.memory.MemoryLedger;

/**
 * Fold determinism of the authority trajectory (W2.1, W5.3): for any sequence of registrations
 * and revocations, the ledgered authority answers as a plain {@link AuthorityState} does, appends
 * exactly one entry per changed fact, and a runtime reopened on the ledger rebuilds the same
 * state.
 */
class AuthorityTrajectoryProperties {

  /** Register writ {@code writ} of the pool, or revoke it signed by signer {@code signer}. */
  record Op(boolean revoke, int writ, int signer) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    // Registrations change the state more often than revocations (most revokers may not).
    return Combinators.combine(Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true)),
        Arbitraries.integers().between(0, 5),
        Arbitraries.integers().between(0, 3)).as(Op::new).list().ofMaxSize(12);
  }

  @Property(tries = 60)
  void required_W2_1_reopenedLedgerRebuildsWhatTheStateWouldHold(
      @ForAll("ops") List<Op> ops, @ForAll long seed) {
    AuthorityFixture f = new AuthorityFixture(seed);
    // Parents come before children in the pool, but ops may register them in any order.
    List<Writ> pool = List.of(f.root, f.child, f.grandchild, f.sibling(), f.sibling(),
        Draft.root(f.mallory, f.bob).signBy(f.mallory, f.entropy));
    List<Signer> revokers = List.of(f.anchor, f.alice, f.bob, f.mallory);
    MemoryLedger ledger = new MemoryLedger();
    AuthorityLedger authority = f.open(ledger);
    AuthorityState model = new AuthorityState(f.anchors);
    long changes = 0;
    for (Op op : ops) {
      Writ w = pool.get(op.writ());
      boolean changed;
      if (op.revoke()) {
        RevocationPayload r = RevocationPayload.sign(w.id(), "r", revokers.get(op.signer()));
        RevocationOutcome expected = model.revoke(r);
        assertEquals(expected, authority.revoke(r).outcome());
        changed = expected.changed();
      } else {
        Registration expected = model.register(w);
        assertEquals(expected, authority.register(w).outcome());
        changed = expected.changed();
      }
      changes += changed ? 1 : 0;
      Statistics.label("changed").collect(changed);
    }
    assertEquals(changes, AuthorityFixture.head(ledger).seq());
    AuthorityLedger reopened = f.open(ledger);
    assertEquals(model.writs(), reopened.writs());
    assertEquals(model.revocations(), reopened.revocations());
    for (Writ w : pool) {
      assertEquals(model.isVoid(w.id()), reopened.isVoid(w.id()));
      assertEquals(model.verify(w.id(), 5_000), reopened.verify(w.id(), 5_000));
    }
    // Both kinds of step occur: a generator check, with room for 60 tries' variance (the share
    // of changing steps is about 20 %; a 10 % floor failed now and then).
    Statistics.label("changed").coverage(c -> {
      c.check(true).percentage(p -> p > 3);
      c.check(false).percentage(p -> p > 3);
    });
  }
}
