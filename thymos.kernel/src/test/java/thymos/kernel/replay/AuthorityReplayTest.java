package thymos.kernel.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.DelegationLimits;
import thymos.api.model.Entry;
import thymos.api.model.Payload;
import thymos.api.model.RevocationPayload;
import thymos.api.model.RootPayload;
import thymos.api.model.Writ;
import thymos.api.model.WritPayload;
import thymos.kernel.authority.AuthorityState;
import thymos.kernel.authority.TrustAnchor;
import thymos.kernel.authority.TrustAnchors;
import thymos.kernel.authority.WritIssuance;
import thymos.kernel.authority.WritTerms;

/** The authority check of R2.6, with the authority trajectory as input. */
class AuthorityReplayTest {

  private final TestLedger keys = TestLedger.started(70);
  private final Ed25519Signer anchor = keys.newSigner();
  private final TrustAnchors anchors = TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey()));

  private Writ writ(long notBeforeMs, long expiresAtMs) {
    WritTerms terms = new WritTerms("agent", keys.newSigner().publicKey(), List.of("*"),
        new Budget(1000, 100, 60_000, 500_000), Ceiling.ALL, notBeforeMs, expiresAtMs,
        new DelegationLimits(2, true));
    return WritIssuance.issueRoot("ops", anchor, "system", terms, keys);
  }

  /** The authority trajectory: system root, the writ, and a revocation at {@code revokeAt}. */
  private List<byte[]> authority(Writ w, Optional<Long> revokeAt) {
    Hash32 traj = Hash32.of(new byte[32]);
    List<Entry> es = new ArrayList<>();
    List<Payload> ps = new ArrayList<>(List.of(RootPayload.system("authority", "facts"),
        new WritPayload(w)));
    revokeAt.ifPresent(t -> ps.add(RevocationPayload.sign(w.id(), "compromised", anchor)));
    for (int i = 0; i < ps.size(); i++) {
      long ms = i == 2 ? revokeAt.orElseThrow() : 1 + i;
      es.add(Entry.create(traj, i, i == 0 ? Optional.empty() : Optional.of(es.get(i - 1).id()),
          ms, ps.get(i)));
    }
    return es.stream().map(Entry::canonicalBytes).toList();
  }

  private ReplayReport replay(TestLedger l, AuthorityInput input) {
    return Replayer.replay(l.trajectoryId, l.bytes().iterator(),
        ReplayOptions.defaults().collectAll().withAuthority(input));
  }

  @Test
  void required_R2_6_registeredAnchoredWritVerifies() {
    Writ w = writ(0, 1_000_000);
    TestLedger l = TestLedger.started(71, w.id(), Optional.empty());
    l.put("a", "1");
    assertEquals(List.of(), replay(l,
        AuthorityInput.fromEntries(authority(w, Optional.empty()).iterator(), anchors))
        .violations());
  }

  @Test
  void required_R2_6_unregisteredWritFailsAtTheRoot() {
    Writ w = writ(0, 1_000_000);
    TestLedger l = TestLedger.started(72, keys.writId, Optional.empty());
    Violation v = replay(l, AuthorityInput.fromEntries(authority(w, Optional.empty()).iterator(),
        anchors)).firstViolation().orElseThrow();
    assertEquals(Violation.Reason.UNKNOWN_WRIT, v.reason());
    assertEquals(0, v.seq());
    assertEquals("THY-R206", v.code());
  }

  @Test
  void required_R2_6_chainInvalidWhenOpenedFailsAtTheRoot() {
    Writ w = writ(0, 5_000); // expired before the run's root at 10,001 ms
    TestLedger l = TestLedger.started(73, w.id(), Optional.empty());
    Violation v = replay(l, AuthorityInput.fromEntries(authority(w, Optional.empty()).iterator(),
        anchors)).firstViolation().orElseThrow();
    assertEquals(Violation.Reason.INVALID_CHAIN, v.reason());
    assertTrue(v.actual().startsWith("outside_window"), v.actual());
  }

  @Test
  void required_R2_6_commitAfterRevocationFailsAndEarlierOnesPass() {
    Writ w = writ(0, 1_000_000);
    TestLedger l = TestLedger.started(74, w.id(), Optional.empty());
    l.put("a", "1");
    l.put("b", "2");
    long revokedAt = l.clock() + 5;
    l.reject("x"); // not a commit: not checked
    l.advanceClock(10);
    Entry late = l.put("c", "3");

    for (AuthorityInput input : List.of(
        AuthorityInput.fromEntries(authority(w, Optional.of(revokedAt)).iterator(), anchors),
        AuthorityInput.of(stateWithRevocation(w), Map.of(w.id(), revokedAt)))) {
      ReplayReport r = replay(l, input);
      assertEquals(1, r.violations().size(), r.toString());
      Violation v = r.violations().get(0);
      assertEquals(Violation.Reason.COMMIT_AFTER_REVOCATION, v.reason());
      assertEquals(late.seq(), v.seq());
      assertEquals(Check.AUTHORITY, v.check());
    }
  }

  private AuthorityState stateWithRevocation(Writ w) {
    AuthorityState s = new AuthorityState(anchors);
    s.register(w);
    s.revoke(RevocationPayload.sign(w.id(), "compromised", anchor));
    return s;
  }

  @Test
  void required_R2_6_withoutAuthorityInputTheCheckIsSkipped() {
    TestLedger l = TestLedger.started(75, keys.writId, Optional.empty());
    l.put("a", "1");
    assertTrue(Replayer.replay(l.trajectoryId, l.bytes().iterator()).verified());
  }
}
