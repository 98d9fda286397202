package thymos.kernel.authority;

import thymos.api.crypto.Ed25519Signer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static thymos.kernel.authority.AuthorityFixture.appendRaw;
import static thymos.kernel.authority.AuthorityFixture.head;
import static thymos.kernel.authority.AuthorityFixture.registered;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import thymos.api.model.RevocationPayload;
import thymos.api.model.RootPayload;
import thymos.api.model.WritPayload;
import thymos.kernel.replay.AuthorityInput;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.ReplayReport;
import thymos.kernel.replay.Replayer;
import thymos.ledger.spi.CorruptionHook;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.StoredEntry;
import thymos.ledger.spi.memory.MemoryLedger;

/**
 * A damaged authority trajectory refuses to load with a typed error naming the seq (W2.1); an
 * intact one replays cleanly (R2).
 */
class AuthorityTrajectoryIntegrityTest {

  private static final RootPayload AUTHORITY_ROOT = RootPayload.system("authority", "facts");

  private final AuthorityFixture f = new AuthorityFixture(47);
  private final MemoryLedger ledger = new MemoryLedger();

  private AuthorityTrajectoryCorrupted refusedToOpen(long seq) {
    Head before = head(ledger);
    AuthorityTrajectoryCorrupted e =
        assertThrows(AuthorityTrajectoryCorrupted.class, () -> f.open(ledger));
    assertEquals(seq, e.seq(), e::getMessage);
    assertEquals("THY-W201", e.code());
    assertEquals(AuthorityLedger.TRAJECTORY_ID, e.trajectoryId());
    assertEquals(before, head(ledger), "a refused open appends nothing");
    return e;
  }

  private void threeFacts() {
    AuthorityLedger authority = f.open(ledger);
    registered(authority, f.root);
    registered(authority, f.child);
    authority.revoke(RevocationPayload.sign(f.child.id(), "rotated", f.alice)).entryOrThrow();
  }

  @Test
  void required_I4_aChangedByteRefusesToOpenNamingTheSeq() {
    threeFacts();
    CorruptionHook hook = ledger.corruptionHook().orElseThrow();
    byte[] bytes = ledger.read(AuthorityLedger.TRAJECTORY_ID, 2, 3).findFirst().orElseThrow()
        .canonicalBytes();
    int at = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).indexOf("\"tenant\"") + 2;
    bytes[at] = (byte) (bytes[at] == 'e' ? 'a' : 'e');
    hook.replaceStoredBytes(AuthorityLedger.TRAJECTORY_ID, 2, bytes);
    assertEquals("parse (E1, I4)", refusedToOpen(2).check());
  }

  @Test
  void required_L3_1_aRemovedEntryRefusesToOpenNamingTheGap() {
    threeFacts();
    ledger.corruptionHook().orElseThrow().removeStored(AuthorityLedger.TRAJECTORY_ID, 2);
    assertEquals("seq (L3.1)", refusedToOpen(2).check());
  }

  @Test
  void required_L3_1_swappedEntriesRefuseToOpen() {
    threeFacts();
    List<StoredEntry> rows = ledger.read(AuthorityLedger.TRAJECTORY_ID).toList();
    CorruptionHook hook = ledger.corruptionHook().orElseThrow();
    hook.replaceStoredBytes(AuthorityLedger.TRAJECTORY_ID, 1, rows.get(2).canonicalBytes());
    hook.replaceStoredBytes(AuthorityLedger.TRAJECTORY_ID, 2, rows.get(1).canonicalBytes());
    refusedToOpen(1);
  }

  @Test
  void required_W2_2_aRecordedWritTheStateRefusesIsCorruption() {
    appendRaw(ledger, 1, AUTHORITY_ROOT);
    appendRaw(ledger, 2, new WritPayload(f.root));
    appendRaw(ledger, 3, new WritPayload(f.grandchild));
    AuthorityTrajectoryCorrupted e = refusedToOpen(2);
    assertEquals("fact (W2.2, W5)", e.check());
    assertTrue(e.actual().contains(RejectionReason.UNKNOWN_PARENT.wire()), e::getMessage);
  }

  @Test
  void required_W2_2_aWritRecordedTwiceIsCorruption() {
    appendRaw(ledger, 1, AUTHORITY_ROOT);
    appendRaw(ledger, 2, new WritPayload(f.root));
    appendRaw(ledger, 3, new WritPayload(f.root));
    assertEquals("already registered", refusedToOpen(2).actual());
  }

  @Test
  void required_W5_1_aRecordedRevocationByAForbiddenKeyIsCorruption() {
    appendRaw(ledger, 1, AUTHORITY_ROOT);
    appendRaw(ledger, 2, new WritPayload(f.root));
    appendRaw(ledger, 3, RevocationPayload.sign(f.root.id(), "takeover", f.mallory));
    assertTrue(refusedToOpen(2).actual().contains(RejectionReason.REVOKER_NOT_ALLOWED.wire()));
  }

  @Test
  void required_W2_1_aTrajectoryNotRootedAsTheAuthoritySystemIsCorruption() {
    appendRaw(ledger, 1, RootPayload.bound(f.root.id(), "a run"));
    assertEquals("kind (W2.1)", refusedToOpen(0).check());
  }

  @Test
  void required_W2_1_aBadFactAppendedByAnotherRuntimeIsRefusedOnReload() {
    AuthorityLedger authority = f.open(ledger);
    registered(authority, f.root);
    appendRaw(ledger, 9, new WritPayload(f.grandchild));
    AuthorityTrajectoryCorrupted e =
        assertThrows(AuthorityTrajectoryCorrupted.class, () -> authority.register(f.child));
    assertEquals(2, e.seq());
    assertEquals(Optional.empty(), authority.writ(f.child.id()));
  }

  @Test
  void required_R2_theAuthorityTrajectoryReplaysCleanly() {
    var runtime = Ed25519Signer.generate(f.entropy);
    AuthorityLedger authority = AuthorityLedger.open(ledger, f.anchors, f.clock, runtime);
    registered(authority, f.root);
    registered(authority, f.child);
    registered(authority, f.grandchild);
    authority.revoke(RevocationPayload.sign(f.child.id(), "rotated", f.alice)).entryOrThrow();
    ReplayReport report = Replayer.replay(AuthorityLedger.TRAJECTORY_ID,
        ledger.read(AuthorityLedger.TRAJECTORY_ID).map(StoredEntry::canonicalBytes),
        ReplayOptions.defaults().collectAll().pinSigners(runtime.publicKey()));
    assertEquals(List.of(), report.violations());
    assertEquals(5, report.entries());
    assertTrue(report.verified());
  }

  @Test
  void required_R2_6_replaysAuthorityInputAcceptsTheTrajectoryTheLedgerWrote() {
    threeFacts();
    // fromEntries throws ProtocolViolation on an entry it cannot read or a broken chain.
    AuthorityInput.fromEntries(ledger.read(AuthorityLedger.TRAJECTORY_ID)
        .map(StoredEntry::canonicalBytes).iterator(), f.anchors);
    AuthorityLedger reopened = f.open(ledger);
    assertEquals(List.of(f.root, f.child), reopened.snapshot().writs());
    assertEquals(List.of(f.child.id()), reopened.snapshot().revocations().stream()
        .map(RevocationPayload::writId).toList());
  }
}
