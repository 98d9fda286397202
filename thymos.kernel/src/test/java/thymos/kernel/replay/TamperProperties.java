package thymos.kernel.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.ByteRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import thymos.api.model.Entry;

/**
 * I4 over random ledgers: any single changed byte, removed, swapped or duplicated entry makes
 * replay fail, and the first violation names the right position — in both modes.
 */
class TamperProperties {

  @Property(tries = 300)
  void required_I4_anyChangedByteFailsAtThatSeq(@ForAll @LongRange(min = 1, max = 1000) long seed,
      @ForAll @IntRange(min = 0, max = 8) int extra, @ForAll @IntRange(min = 0) int entryPick,
      @ForAll @IntRange(min = 0) int bytePick, @ForAll @ByteRange(min = 1) byte flip,
      @ForAll boolean collectAll) {
    TestLedger l = TestLedger.random(seed, extra);
    List<byte[]> bytes = new ArrayList<>(l.bytes());
    int index = entryPick % bytes.size();
    byte[] changed = bytes.get(index).clone();
    int at = bytePick % changed.length;
    changed[at] = (byte) (changed[at] ^ flip);
    bytes.set(index, changed);

    ReplayReport r = Replayer.replay(l.trajectoryId, bytes.iterator(), options(collectAll));

    Violation first = r.firstViolation().orElseThrow();
    assertEquals(index, first.seq(), first.message());
    assertTrue(Set.of(Check.FORM, Check.HASH).contains(first.check()), first.message());
    if (collectAll) {
      // Later parents are checked against the stored id, so the chain does not cascade: a
      // changed id breaks at most the next parent link. (Content may cascade: a skipped delta.)
      assertTrue(r.violations().stream().allMatch(v -> v.seq() >= index), r.toString());
      assertTrue(r.violations().stream().filter(v -> v.check() == Check.CHAIN)
          .allMatch(v -> v.seq() == index || v.seq() == index + 1), r.toString());
    }
  }

  @Property(tries = 100)
  void required_I4_removedEntryFailsAtItsPosition(@ForAll @LongRange(min = 1, max = 1000) long seed,
      @ForAll @IntRange(min = 0, max = 8) int extra, @ForAll @IntRange(min = 0) int pick,
      @ForAll boolean collectAll) {
    TestLedger l = TestLedger.random(seed, extra);
    List<byte[]> bytes = new ArrayList<>(l.bytes());
    int index = pick % (bytes.size() - 1); // the last one: see removedTailNeedsHeadPin
    bytes.remove(index);

    Violation first = Replayer.replay(l.trajectoryId, bytes.iterator(), options(collectAll))
        .firstViolation().orElseThrow();
    assertEquals(index, first.seq(), first.message());
    assertEquals(Check.CHAIN, first.check());
  }

  @Property(tries = 50)
  void required_I4_removedTailFailsUnderHeadPin(@ForAll @LongRange(min = 1, max = 1000) long seed,
      @ForAll @IntRange(min = 1, max = 5) int cut) {
    TestLedger l = TestLedger.random(seed, 3);
    List<Entry> entries = l.entries();
    List<byte[]> bytes = new ArrayList<>(l.bytes().subList(0, entries.size() - cut));
    ReplayOptions pinned = ReplayOptions.defaults()
        .pinHead(entries.get(entries.size() - 1).id());

    assertTrue(Replayer.replay(l.trajectoryId, bytes.iterator()).verified()); // a shorter run
    Violation v = Replayer.replay(l.trajectoryId, bytes.iterator(), pinned)
        .firstViolation().orElseThrow();
    assertEquals(Violation.Reason.HEAD_PIN, v.reason());
    assertEquals(bytes.size() - 1, v.seq());
  }

  @Property(tries = 100)
  void required_I4_swappedEntriesFailAtTheFirst(@ForAll @LongRange(min = 1, max = 1000) long seed,
      @ForAll @IntRange(min = 0, max = 8) int extra, @ForAll @IntRange(min = 0) int pick,
      @ForAll @IntRange(min = 1, max = 4) int distance, @ForAll boolean collectAll) {
    TestLedger l = TestLedger.random(seed, extra);
    List<byte[]> bytes = new ArrayList<>(l.bytes());
    int i = pick % (bytes.size() - distance);
    byte[] tmp = bytes.get(i);
    bytes.set(i, bytes.get(i + distance));
    bytes.set(i + distance, tmp);

    ReplayReport r = Replayer.replay(l.trajectoryId, bytes.iterator(), options(collectAll));
    assertFalse(r.verified());
    assertEquals(i, r.firstViolation().orElseThrow().seq());
  }

  @Property(tries = 100)
  void required_I4_duplicatedEntryFailsAtTheCopy(@ForAll @LongRange(min = 1, max = 1000) long seed,
      @ForAll @IntRange(min = 0, max = 8) int extra, @ForAll @IntRange(min = 0) int pick,
      @ForAll boolean collectAll) {
    TestLedger l = TestLedger.random(seed, extra);
    List<byte[]> bytes = new ArrayList<>(l.bytes());
    int i = pick % bytes.size();
    bytes.add(i + 1, bytes.get(i).clone());

    ReplayReport r = Replayer.replay(l.trajectoryId, bytes.iterator(), options(collectAll));
    assertEquals(i + 1, r.firstViolation().orElseThrow().seq());
    assertEquals(Check.CHAIN, r.firstViolation().orElseThrow().check());
  }

  @Property(tries = 30)
  void required_R2_untouchedRandomLedgersVerify(@ForAll @LongRange(min = 1, max = 1000) long seed,
      @ForAll @IntRange(min = 0, max = 20) int extra) {
    TestLedger l = TestLedger.random(seed, extra);
    ReplayReport r = Replayer.replay(l.trajectoryId, l.bytes().iterator(),
        ReplayOptions.defaults().collectAll().pinWorldHash(l.world().hash()));
    assertEquals(List.of(), r.violations());
    assertEquals(l.entries().size(), r.entries());
  }

  private static ReplayOptions options(boolean collectAll) {
    return collectAll ? ReplayOptions.defaults().collectAll() : ReplayOptions.defaults();
  }
}
