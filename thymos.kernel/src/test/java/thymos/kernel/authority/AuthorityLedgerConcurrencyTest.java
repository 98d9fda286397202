package thymos.kernel.authority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static thymos.kernel.authority.AuthorityFixture.entries;
import static thymos.kernel.authority.AuthorityFixture.head;
import static thymos.kernel.authority.AuthorityFixture.registered;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.api.model.Entry;
import thymos.api.model.RevocationPayload;
import thymos.api.model.Writ;
import thymos.api.model.WritPayload;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.memory.MemoryLedger;

/** Runtimes sharing one ledger (L5.1, L5.2, X1.3) converge on the same facts, each once. */
class AuthorityLedgerConcurrencyTest {

  private final AuthorityFixture f = new AuthorityFixture(43);
  private final MemoryLedger shared = new MemoryLedger();
  private final InterleavingLedger racy = new InterleavingLedger(shared);

  /** The writ ids recorded in the authority trajectory, in order; fails on a duplicate. */
  private List<Hash32> recordedWrits() {
    List<Hash32> ids = new ArrayList<>();
    for (Entry e : entries(shared)) {
      if (e.payload() instanceof WritPayload w) {
        ids.add(w.writ().id());
      }
    }
    assertEquals(ids.size(), new HashSet<>(ids).size(), "a writ recorded twice: " + ids);
    return ids;
  }

  @Test
  void required_L5_1_losingAnAppendRaceReloadsRechecksAndRetries() {
    AuthorityLedger a = f.open(shared);
    AuthorityLedger b = f.open(racy);
    registered(a, f.root);
    Writ mine = f.sibling();
    Writ theirs = f.sibling();
    racy.beforeAppend = () -> {
      racy.beforeAppend = () -> { };
      registered(a, theirs);
    };
    AuthorityEntry entry = registered(b, mine);
    assertEquals(2, racy.appends, "the first append lost the race and was retried once");
    assertEquals(3, entry.seq());
    assertEquals(List.of(f.root.id(), theirs.id(), mine.id()), recordedWrits());
    a.refresh();
    assertEquals(a.writs(), b.writs());
  }

  @Test
  void required_W2_2_losingARaceToTheSameWritBecomesTheNoOp() {
    AuthorityLedger a = f.open(shared);
    AuthorityLedger b = f.open(racy);
    registered(a, f.root);
    racy.beforeAppend = () -> {
      racy.beforeAppend = () -> { };
      registered(a, f.child);
    };
    Recorded<Registration> late = b.register(f.child);
    assertInstanceOf(Registration.AlreadyRegistered.class, late.outcome());
    assertEquals(a.writEntry(f.child.id()), late.entry());
    assertEquals(List.of(f.root.id(), f.child.id()), recordedWrits());
  }

  @Test
  void required_W5_3_aRevocationByAnotherRuntimeIsSeenBeforeTheNextRegistration() {
    AuthorityLedger a = f.open(shared);
    AuthorityLedger b = f.open(shared);
    registered(a, f.root);
    registered(b, f.child);
    a.revoke(RevocationPayload.sign(f.child.id(), "compromised", f.anchor)).entryOrThrow();
    Head before = head(shared);
    Recorded<Registration> refused = b.register(f.grandchild);
    Outcomes.rejected(refused.outcome(), RejectionReason.REVOKED, f.child.id());
    assertEquals(before, head(shared));
    assertTrue(b.isVoid(f.child.id()));
  }

  @Test
  void required_X1_3_aLedgerThatAlwaysLosesGivesUpWithTheConflictAfterBoundedAttempts() {
    AuthorityLedger a = f.open(shared);
    AuthorityLedger b = f.open(racy);
    registered(a, f.root);
    racy.beforeAppend = () -> registered(a, f.sibling());
    Writ mine = f.sibling();
    assertThrows(AppendConflict.class, () -> b.register(mine));
    assertEquals(AuthorityLedger.MAX_ATTEMPTS, racy.appends);
    assertEquals(Optional.empty(), f.open(shared).writ(mine.id()));
  }

  @Test
  void required_L5_2_twoRuntimesRegisteringConcurrentlyConvergeWithEveryFactOnce()
      throws Exception {
    AuthorityLedger a = f.open(shared);
    AuthorityLedger b = f.open(shared);
    registered(a, f.root);
    List<Writ> forA = new ArrayList<>();
    List<Writ> forB = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      forA.add(f.sibling());
      forB.add(f.sibling());
    }
    // Each also registers a few of the other's writs, so both sides race for the same facts.
    forA.addAll(forB.subList(0, 5));
    forB.addAll(forA.subList(0, 5));
    CyclicBarrier start = new CyclicBarrier(2);
    CompletableFuture<Void> ra = CompletableFuture.runAsync(() -> registerAll(a, forA, start));
    CompletableFuture<Void> rb = CompletableFuture.runAsync(() -> registerAll(b, forB, start));
    CompletableFuture.allOf(ra, rb).get();
    a.refresh();
    b.refresh();
    assertEquals(a.writs(), b.writs());
    Set<Hash32> expected = new HashSet<>(List.of(f.root.id()));
    forA.forEach(w -> expected.add(w.id()));
    forB.forEach(w -> expected.add(w.id()));
    assertEquals(expected, new HashSet<>(recordedWrits()));
    assertEquals(expected.size(), recordedWrits().size());
    assertEquals(a.writs(), f.open(shared).writs());
  }

  private static void registerAll(AuthorityLedger authority, List<Writ> writs,
      CyclicBarrier start) {
    try {
      start.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    for (Writ w : writs) {
      authority.register(w).entryOrThrow();
    }
  }
}
