package thymos.kernel.authority;

import thymos.api.spi.SeededEntropy;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Optional;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.model.Entry;
import thymos.api.model.Writ;
import thymos.api.spi.ManualClock;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.StoredEntry;

/**
 * Keys, a chain {@code anchor → alice (root) → bob (child) → carol (grandchild)}, a manual clock
 * and helpers to inspect the authority trajectory of a ledger.
 */
final class AuthorityFixture {

  final SeededEntropy entropy;
  final Ed25519Signer anchor;
  final Ed25519Signer alice;
  final Ed25519Signer bob;
  final Ed25519Signer carol;
  final Ed25519Signer mallory;
  final TrustAnchors anchors;
  final ManualClock clock = ManualClock.ticking(2_000, 1);
  final Writ root;
  final Writ child;
  final Writ grandchild;

  AuthorityFixture(long seed) {
    entropy = new SeededEntropy(seed);
    anchor = Ed25519Signer.generate(entropy);
    alice = Ed25519Signer.generate(entropy);
    bob = Ed25519Signer.generate(entropy);
    carol = Ed25519Signer.generate(entropy);
    mallory = Ed25519Signer.generate(entropy);
    anchors = TrustAnchors.of(TrustAnchor.anyTenant(anchor.publicKey()));
    root = Draft.root(anchor, alice).signBy(anchor, entropy);
    child = Draft.childOf(root, bob).signBy(alice, entropy);
    grandchild = Draft.childOf(child, carol).signBy(bob, entropy);
  }

  /** A fresh child of {@link #root} issued by alice. */
  Writ sibling() {
    return Draft.childOf(root, Ed25519Signer.generate(entropy)).signBy(alice, entropy);
  }

  AuthorityLedger open(LedgerBackend ledger) {
    return AuthorityLedger.open(ledger, anchors, clock);
  }

  /** Registers {@code writ}, asserting it is a new fact. */
  static AuthorityEntry registered(AuthorityLedger authority, Writ writ) {
    Recorded<Registration> r = authority.register(writ);
    assertInstanceOf(Registration.Registered.class, r.outcome(), r::toString);
    return r.entryOrThrow();
  }

  static Head head(LedgerBackend ledger) {
    return ledger.head(AuthorityLedger.TRAJECTORY_ID).orElseThrow();
  }

  /** Every entry of the authority trajectory, parsed. */
  static List<Entry> entries(LedgerBackend ledger) {
    try (var rows = ledger.read(AuthorityLedger.TRAJECTORY_ID)) {
      return rows.map(StoredEntry::canonicalBytes).map(Entry::parse).toList();
    }
  }

  /** Appends {@code entry} after the current head of its trajectory, bypassing the kernel. */
  static Entry appendRaw(LedgerBackend ledger, long recordedMs, thymos.api.model.Payload payload) {
    Optional<Head> head = ledger.head(AuthorityLedger.TRAJECTORY_ID);
    Entry e = Entry.create(AuthorityLedger.TRAJECTORY_ID, head.map(h -> h.seq() + 1).orElse(0L),
        head.map(Head::id), recordedMs, payload);
    ledger.append(StoredEntry.of(e));
    return e;
  }
}
