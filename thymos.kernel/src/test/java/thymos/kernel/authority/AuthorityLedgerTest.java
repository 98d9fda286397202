package thymos.kernel.authority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static thymos.kernel.authority.AuthorityFixture.entries;
import static thymos.kernel.authority.AuthorityFixture.head;
import static thymos.kernel.authority.AuthorityFixture.registered;
import static thymos.kernel.authority.Outcomes.rejected;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import thymos.api.AuthorityException;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.model.Entry;
import thymos.api.model.RevocationPayload;
import thymos.api.model.RootPayload;
import thymos.api.model.WritPayload;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.memory.MemoryLedger;

/** The authority trajectory (W2) as the runtime's memory of writs and revocations (W5.3). */
class AuthorityLedgerTest {

  private final AuthorityFixture f = new AuthorityFixture(41);
  private final MemoryLedger ledger = new MemoryLedger();

  @Test
  void required_W2_1_openingCreatesTheAuthoritySystemRootOnce() {
    f.open(ledger);
    f.open(ledger);
    assertEquals(Ids.id(DocType.TRAJECTORY, Json.object(Map.of("authority", Json.string("v1")))),
        AuthorityLedger.TRAJECTORY_ID);
    List<Entry> es = entries(ledger);
    assertEquals(1, es.size());
    RootPayload root = assertInstanceOf(RootPayload.class, es.get(0).payload());
    assertEquals(Optional.of("authority"), root.system());
  }

  @Test
  void required_W2_1_eachFactIsAnEntryAppendedBeforeTheStateChanges() {
    AuthorityLedger authority = f.open(ledger);
    AuthorityEntry rootEntry = registered(authority, f.root);
    AuthorityEntry childEntry = registered(authority, f.child);
    List<Entry> es = entries(ledger);
    assertEquals(3, es.size());
    assertEquals(new WritPayload(f.root), es.get(1).payload());
    assertEquals(new WritPayload(f.child), es.get(2).payload());
    assertEquals(new AuthorityEntry(1, es.get(1).id(), es.get(1).recordedMs()), rootEntry);
    assertEquals(new AuthorityEntry(2, es.get(2).id(), es.get(2).recordedMs()), childEntry);
    assertEquals(Optional.of(childEntry), authority.writEntry(f.child.id()));
  }

  @Test
  void required_W5_3_revocationAndRegistrationsSurviveARestart() {
    AuthorityLedger first = f.open(ledger);
    registered(first, f.root);
    registered(first, f.child);
    registered(first, f.grandchild);
    AuthorityEntry revoked = first.revoke(RevocationPayload.sign(f.child.id(), "rotated", f.alice))
        .entryOrThrow();
    assertTrue(first.isVoid(f.grandchild.id()));

    AuthorityLedger restarted = f.open(ledger);
    assertTrue(restarted.isVoid(f.grandchild.id()));
    assertTrue(restarted.isVoid(f.child.id()));
    assertFalse(restarted.isVoid(f.root.id()));
    assertEquals(first.writs(), restarted.writs());
    assertEquals(first.revocations(), restarted.revocations());
    assertEquals(OptionalLong.of(revoked.recordedMs()), restarted.revokedAtMs(f.child.id()));
    assertEquals(Map.of(f.child.id(), revoked.recordedMs()), restarted.revokedAtMs());
    for (var w : List.of(f.root, f.child, f.grandchild)) {
      assertEquals(first.verify(w.id(), 5_000), restarted.verify(w.id(), 5_000));
      assertEquals(first.writEntry(w.id()), restarted.writEntry(w.id()));
    }
    rejected(restarted.verify(f.grandchild.id(), 5_000), RejectionReason.REVOKED, f.child.id());
  }

  @Test
  void required_W2_2_reRegisteringIsANoOpReturningTheFirstEntryAndAppendingNothing() {
    AuthorityLedger authority = f.open(ledger);
    AuthorityEntry first = registered(authority, f.root);
    Head before = head(ledger);
    Recorded<Registration> again = authority.register(f.root);
    assertInstanceOf(Registration.AlreadyRegistered.class, again.outcome());
    assertEquals(Optional.of(first), again.entry());
    assertEquals(before, head(ledger));
    Recorded<Registration> afterRestart = f.open(ledger).register(f.root);
    assertEquals(Optional.of(first), afterRestart.entry());
    assertEquals(before, head(ledger));
  }

  @Test
  void required_W5_4_revokingARevokedWritIsANoOpReturningTheFirstEntry() {
    AuthorityLedger authority = f.open(ledger);
    registered(authority, f.root);
    registered(authority, f.child);
    AuthorityEntry first = authority.revoke(RevocationPayload.sign(f.child.id(), "a", f.alice))
        .entryOrThrow();
    Head before = head(ledger);
    Recorded<RevocationOutcome> again =
        authority.revoke(RevocationPayload.sign(f.child.id(), "b", f.anchor));
    assertInstanceOf(RevocationOutcome.AlreadyRevoked.class, again.outcome());
    assertEquals(Optional.of(first), again.entry());
    assertEquals(before, head(ledger));
  }

  @Test
  void required_W2_2_rejectedRegistrationsAppendNothing() {
    AuthorityLedger authority = f.open(ledger);
    Head before = head(ledger);
    Recorded<Registration> orphan = authority.register(f.grandchild);
    rejected(orphan.outcome(), RejectionReason.UNKNOWN_PARENT, f.grandchild.id());
    assertEquals(Optional.empty(), orphan.entry());
    Recorded<Registration> unanchored =
        authority.register(Draft.root(f.mallory, f.alice).signBy(f.mallory, f.entropy));
    assertInstanceOf(Rejection.class, unanchored.outcome());
    assertThrows(AuthorityException.class, unanchored::entryOrThrow);
    assertEquals(before, head(ledger));
    assertEquals(List.of(), authority.writs());
  }

  @Test
  void required_W5_1_W5_4_rejectedRevocationsAppendNothing() {
    AuthorityLedger authority = f.open(ledger);
    registered(authority, f.root);
    registered(authority, f.child);
    Head before = head(ledger);
    rejected(authority.revoke(RevocationPayload.sign(f.grandchild.id(), "x", f.bob)).outcome(),
        RejectionReason.UNKNOWN_WRIT, f.grandchild.id());
    rejected(authority.revoke(RevocationPayload.sign(f.child.id(), "x", f.mallory)).outcome(),
        RejectionReason.REVOKER_NOT_ALLOWED, f.child.id());
    assertEquals(before, head(ledger));
    assertFalse(authority.isVoid(f.child.id()));
  }

  @Test
  void required_W2_1_snapshotIsIndependentOfTheLedger() {
    AuthorityLedger authority = f.open(ledger);
    registered(authority, f.root);
    AuthorityState copy = authority.snapshot();
    assertEquals(List.of(f.root), copy.writs());
    assertInstanceOf(Registration.Registered.class, copy.register(f.child));
    assertEquals(List.of(f.root), authority.writs());
    assertEquals(2, head(ledger).seq() + 1);
  }
}
