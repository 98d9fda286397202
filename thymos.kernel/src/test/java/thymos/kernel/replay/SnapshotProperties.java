package thymos.kernel.replay;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.ByteRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.Entry;
import thymos.api.model.World;
import thymos.api.spi.SeededEntropy;
import thymos.kernel.KernelVersion;
import thymos.ledger.spi.StoredEntry;
import thymos.ledger.spi.memory.MemoryLedger;

/**
 * R6 over random ledgers (every kind of fact, open approvals and executions at random cuts):
 * snapshot-assisted replay gives byte for byte the report of a full replay (R6.2, R6.3), and a
 * snapshot with any field changed, or checked against another key, is refused (R6.2).
 */
class SnapshotProperties {

  private static final Ed25519Signer RUNTIME = Ed25519Signer.generate(new SeededEntropy(7));
  private static final Ed25519Signer OTHER = Ed25519Signer.generate(new SeededEntropy(8));

  private static MemoryLedger store(TestLedger l) {
    MemoryLedger ledger = new MemoryLedger();
    for (Entry e : l.entries()) {
      ledger.append(StoredEntry.of(e));
    }
    return ledger;
  }

  private static ReplayOptions options(int pick, TestLedger l) {
    ReplayOptions o = pick % 2 == 0 ? ReplayOptions.defaults() : ReplayOptions.defaults()
        .collectAll();
    return switch (pick % 5) {
      case 2 -> o.pinCompilerVersions(KernelVersion.COMPILER_VERSION);
      case 3 -> o.pinCompilerVersions("0.0.0-other"); // breaks in the prefix: falls back
      case 4 -> o.pinSigners(RUNTIME.publicKey()); // unsigned ledger: fails at seq 0
      default -> o.pinPolicySets(TestLedger.POLICY_SET);
    };
  }

  @Property(tries = 200)
  void required_R6_2_snapshotAssistedReplayEqualsFullReplay(
      @ForAll @LongRange(min = 1, max = 10_000) long seed,
      @ForAll @IntRange(min = 0, max = 12) int extra, @ForAll @IntRange(min = 0) int cut,
      @ForAll @IntRange(min = 0, max = 9) int optionPick) {
    TestLedger l = TestLedger.random(seed, extra);
    MemoryLedger ledger = store(l);
    long seq = cut % l.entries().size();
    ReplayOptions o = options(optionPick, l);

    Snapshot s = Snapshots.make(ledger, l.trajectoryId, seq, RUNTIME);
    ReplayReport full;
    try (var bytes = ledger.readBytes(l.trajectoryId)) {
      full = Replayer.replay(l.trajectoryId, bytes, o);
    }
    ReplayReport assisted = Snapshots.replay(ledger, l.trajectoryId, s, RUNTIME.publicKey(), o);

    assertEquals(new String(full.canonicalBytes(), StandardCharsets.UTF_8),
        new String(assisted.canonicalBytes(), StandardCharsets.UTF_8));
  }

  @Property(tries = 100)
  void required_R6_2_tamperedSuffixGivesTheFullReplaysViolations(
      @ForAll @LongRange(min = 1, max = 10_000) long seed,
      @ForAll @IntRange(min = 0, max = 8) int extra, @ForAll @IntRange(min = 0) int cut,
      @ForAll @IntRange(min = 0) int entryPick, @ForAll @IntRange(min = 0) int bytePick,
      @ForAll @ByteRange(min = 1) byte flip, @ForAll boolean collectAll) {
    TestLedger l = TestLedger.random(seed, extra);
    MemoryLedger ledger = store(l);
    int n = l.entries().size();
    long seq = cut % (n - 1);
    Snapshot s = Snapshots.make(ledger, l.trajectoryId, seq, RUNTIME);
    int index = (int) (seq + 1 + entryPick % (n - 1 - seq));
    byte[] changed = l.bytes().get(index).clone();
    changed[bytePick % changed.length] ^= flip;
    ledger.corruptionHook().orElseThrow().replaceStoredBytes(l.trajectoryId, index, changed);
    ReplayOptions o = collectAll ? ReplayOptions.defaults().collectAll()
        : ReplayOptions.defaults();

    ReplayReport full;
    try (var bytes = ledger.readBytes(l.trajectoryId)) {
      full = Replayer.replay(l.trajectoryId, bytes, o);
    }
    ReplayReport assisted = Snapshots.replay(ledger, l.trajectoryId, s, RUNTIME.publicKey(), o);

    assertEquals(ReplayReport.Verdict.FAILED, full.verdict());
    assertArrayEquals(full.canonicalBytes(), assisted.canonicalBytes());
  }

  @Property(tries = 100)
  void required_R6_2_tamperedSnapshotFieldIsRefused(
      @ForAll @LongRange(min = 1, max = 10_000) long seed, @ForAll @IntRange(min = 0) int cut,
      @ForAll @IntRange(min = 0, max = 7) int field) {
    TestLedger l = TestLedger.random(seed, 3);
    MemoryLedger ledger = store(l);
    long seq = cut % (l.entries().size() - 1);
    Snapshot s = Snapshots.make(ledger, l.trajectoryId, seq, RUNTIME);
    Snapshot other = Snapshots.make(ledger, l.trajectoryId, seq + 1, RUNTIME);
    Snapshot t = switch (field) {
      case 0 -> new Snapshot(Hash32.of(new byte[32]), s.seq(), s.entryId(), s.worldHash(),
          s.world(), s.spend(), s.replay(), s.signer(), s.signature());
      case 1 -> new Snapshot(s.trajectoryId(), s.seq() + 1, s.entryId(), s.worldHash(),
          s.world(), s.spend(), s.replay(), s.signer(), s.signature());
      case 2 -> new Snapshot(s.trajectoryId(), s.seq(), other.entryId(), s.worldHash(),
          s.world(), s.spend(), s.replay(), s.signer(), s.signature());
      case 3 -> new Snapshot(s.trajectoryId(), s.seq(), s.entryId(), Hash32.of(new byte[32]),
          s.world(), s.spend(), s.replay(), s.signer(), s.signature());
      case 4 -> new Snapshot(s.trajectoryId(), s.seq(), s.entryId(), s.worldHash(),
          World.EMPTY, s.spend(), s.replay(), s.signer(), s.signature());
      case 5 -> new Snapshot(s.trajectoryId(), s.seq(), s.entryId(), s.worldHash(), s.world(),
          s.spend().plus(new Budget(1, 0, 0, 0)), s.replay(), s.signer(),
          s.signature());
      case 6 -> new Snapshot(s.trajectoryId(), s.seq(), s.entryId(), s.worldHash(), s.world(),
          s.spend(), tweak(s.replay()), s.signer(), s.signature());
      default -> new Snapshot(s.trajectoryId(), s.seq(), s.entryId(), s.worldHash(), s.world(),
          s.spend(), s.replay(), s.signer(), other.signature());
    };
    // A snapshot taken before the first commit has an empty world already: no tampering there.
    net.jqwik.api.Assume.that(!t.equals(s));
    SnapshotRefused e = assertThrows(SnapshotRefused.class, () -> Snapshots.replay(ledger,
        l.trajectoryId, t, RUNTIME.publicKey(), ReplayOptions.defaults()));
    assertEquals("THY-R602", e.code());
  }

  @Property(tries = 30)
  void required_R6_2_snapshotCheckedAgainstAnotherKeyIsRefused(
      @ForAll @LongRange(min = 1, max = 10_000) long seed, @ForAll @IntRange(min = 0) int cut) {
    TestLedger l = TestLedger.random(seed, 2);
    MemoryLedger ledger = store(l);
    Snapshot s = Snapshots.make(ledger, l.trajectoryId, cut % l.entries().size(), RUNTIME);
    SnapshotRefused e = assertThrows(SnapshotRefused.class, () -> Snapshots.replay(ledger,
        l.trajectoryId, s, OTHER.publicKey(), ReplayOptions.defaults()));
    assertEquals("signer", e.check());
  }

  @Property(tries = 30)
  void required_R6_1_snapshotJsonRoundTripsAndKeepsItsSignature(
      @ForAll @LongRange(min = 1, max = 10_000) long seed, @ForAll @IntRange(min = 0) int cut) {
    TestLedger l = TestLedger.random(seed, 4);
    MemoryLedger ledger = store(l);
    Snapshot s = Snapshots.make(ledger, l.trajectoryId, cut % l.entries().size(), RUNTIME);
    Snapshot back = Snapshot.fromJson(Json.parse(s.toJson().canonicalBytes()), "");
    assertEquals(s, back);
    assertEquals(true, back.signatureVerifies());
    assertEquals(s.id(), back.id());
  }

  private static JsonObject tweak(JsonObject replay) {
    JsonObject.Builder b = JsonObject.builder();
    replay.members().forEach(b::put);
    return b.put("unsigned", Json.integer(12345)).build();
  }

  @net.jqwik.api.Example
  void required_R6_1_snapshotOfAFailingPrefixIsRefused() {
    TestLedger l = TestLedger.random(3, 2);
    MemoryLedger ledger = store(l);
    byte[] changed = l.bytes().get(2).clone();
    changed[changed.length - 3] ^= 1;
    ledger.corruptionHook().orElseThrow().replaceStoredBytes(l.trajectoryId, 2, changed);
    SnapshotRefused e = assertThrows(SnapshotRefused.class,
        () -> Snapshots.make(ledger, l.trajectoryId, 4, RUNTIME));
    assertEquals("THY-R601", e.code());
    assertEquals(Optional.of("R6.1"), e.rule());
  }
}
