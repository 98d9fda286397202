package thymos.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import thymos.api.crypto.Hash32;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.ReplayReport;
import thymos.kernel.replay.Replayer;
import thymos.kernel.replay.Violation;
import thymos.ledger.spi.Capability;
import thymos.ledger.spi.CorruptionHook;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.StoredEntry;

/**
 * Tamper evidence (spec 10 K2.4, I4) through the backend's {@link CorruptionHook}: the hook does
 * what it says, and after random single-byte and structural corruptions of a real kernel
 * trajectory's stored rows, replay of what the backend returns fails and its first violation
 * names the corrupted seq.
 */
abstract class TamperRules extends RuleGroup {

  private static final Hash32 T = TckEntries.traj(1);
  private static final int CASES = 40;

  TamperRules(LedgerBackendVerification tck) {
    super(tck);
  }

  private CorruptionHook hook(List<StoredEntry> rows) {
    requireCapability(ledger, Capability.CORRUPTION_HOOK);
    ledger.appendBatch(rows);
    return ledger.corruptionHook().orElseThrow(
        () -> new AssertionError("K2.6: CORRUPTION_HOOK is declared but corruptionHook() is empty"));
  }

  @Test
  @DisplayName("K2.4: replaced bytes are what reads return; the columns stay")
  void required_K2_4_replacedBytesAreReadBack() {
    List<StoredEntry> rows = TckEntries.chain(T, 4);
    hook(rows).replaceStoredBytes(T, 2, rows.get(1).canonicalBytes());
    StoredEntry tampered = stored(T).get(2);
    assertArrayEquals(rows.get(1).canonicalBytes(), tampered.canonicalBytes());
    assertEquals(rows.get(2).id(), tampered.id());
    assertEquals(2, tampered.seq());
    assertArrayEquals(rows.get(1).canonicalBytes(), storedBytes(ledger, T, 2, 3).getFirst());
    assertEquals(tampered, ledger.query(EntryQuery.all(), PageRequest.first(10)).items().get(2));
    assertEquals(Optional.of(Head.of(rows.get(3))), ledger.head(T));
  }

  @Test
  @DisplayName("K2.4: a removed row leaves a gap; removing the last moves the head back")
  void required_K2_4_removedRowsLeaveAGap() {
    List<StoredEntry> rows = TckEntries.chain(T, 4);
    CorruptionHook hook = hook(rows);
    hook.removeStored(T, 1);
    assertEquals(List.of(rows.get(0), rows.get(2), rows.get(3)), stored(T));
    assertEquals(Optional.empty(), ledger.locate(rows.get(1).id()));
    hook.removeStored(T, 3);
    hook.removeStored(T, 2);
    assertEquals(Optional.of(Head.of(rows.get(0))), ledger.head(T));
    hook.removeStored(T, 0);
    assertEquals(Optional.empty(), ledger.head(T));
    assertEquals(List.of(), ledger.trajectories(PageRequest.first(5)).items());
  }

  @Test
  @DisplayName("K2.4: tampering with a missing row, or with empty bytes, is refused")
  void required_K2_4_missingRowsCannotBeTampered() {
    CorruptionHook hook = hook(TckEntries.chain(T, 4));
    assertThrows(IllegalArgumentException.class, () -> hook.removeStored(T, 4));
    assertThrows(IllegalArgumentException.class,
        () -> hook.replaceStoredBytes(TckEntries.traj(2), 0, new byte[] {1}));
    assertThrows(IllegalArgumentException.class, () -> hook.replaceStoredBytes(T, 0,
        new byte[0]));
    hook.removeStored(T, 1);
    assertThrows(IllegalArgumentException.class, () -> hook.removeStored(T, 1));
  }

  /** One corruption of a stored trajectory and the seq replay must name first. */
  private record Case(String what, long expectedSeq, boolean pinHead) {}

  /** Applies the corruption chosen by {@code random} to the stored {@code rows}. */
  private static Case corrupt(CorruptionHook hook, List<StoredEntry> rows, SplittableRandom random,
      int kind) {
    Hash32 traj = rows.getFirst().trajectoryId();
    int n = rows.size();
    switch (kind) {
      case 0, 1, 2 -> {
        int seq = random.nextInt(n);
        byte[] bytes = rows.get(seq).canonicalBytes();
        int at = random.nextInt(bytes.length);
        bytes[at] = (byte) (bytes[at] ^ (1 + random.nextInt(255)));
        hook.replaceStoredBytes(traj, seq, bytes);
        return new Case("byte " + at + " of seq " + seq + " changed", seq, false);
      }
      case 3 -> {
        int seq = random.nextInt(n - 1);
        hook.removeStored(traj, seq);
        return new Case("seq " + seq + " removed", seq, false);
      }
      case 4 -> {
        int i = random.nextInt(n - 1);
        int j = i + 1 + random.nextInt(n - 1 - i);
        hook.replaceStoredBytes(traj, i, rows.get(j).canonicalBytes());
        hook.replaceStoredBytes(traj, j, rows.get(i).canonicalBytes());
        return new Case("seq " + i + " and " + j + " swapped", i, false);
      }
      case 5 -> {
        int i = random.nextInt(n - 1);
        hook.replaceStoredBytes(traj, i + 1, rows.get(i).canonicalBytes());
        return new Case("seq " + i + " duplicated over seq " + (i + 1), i + 1, false);
      }
      default -> {
        int cut = 1 + random.nextInt(n - 2);
        for (int s = n - 1; s >= n - cut; s--) {
          hook.removeStored(traj, s);
        }
        return new Case("last " + cut + " removed (head pinned)", n - cut - 1, true);
      }
    }
  }

  @TestFactory
  @DisplayName("K2.4, I4: random byte changes, removals, swaps and duplicates of stored rows fail"
      + " replay at the right seq")
  Stream<DynamicTest> required_K2_4_tamperedRowsFailReplayAtTheirSeq() {
    requireCapability(ledger, Capability.CORRUPTION_HOOK);
    List<DynamicTest> tests = new ArrayList<>();
    for (int c = 0; c < CASES; c++) {
      int kind = c % 7;
      long seed = TckStore.mix(store.env().seed() + c);
      tests.add(DynamicTest.dynamicTest("case " + c + " (seed " + seed + ")",
          () -> tamperCase(seed, kind)));
    }
    return tests.stream();
  }

  private void tamperCase(long seed, int kind) {
    SplittableRandom random = new SplittableRandom(seed);
    List<StoredEntry> rows = TckEntries.kvTrajectory(seed, 4 + random.nextInt(9));
    Hash32 traj = rows.getFirst().trajectoryId();
    try (TckStore s = new TckStore(tck, "tamper#" + seed, false)) {
      LedgerBackend backend = s.open();
      backend.appendBatch(rows);
      assertTrue(replay(backend, traj, Optional.empty(), kind % 2 == 0).verified(),
          "the untouched trajectory replays");
      Case c = corrupt(backend.corruptionHook().orElseThrow(), rows, random, kind);
      ReplayReport r = replay(backend, traj,
          c.pinHead() ? Optional.of(rows.getLast().id()) : Optional.empty(), kind % 2 == 0);
      String context = c.what() + "; seed " + seed + " (" + s.seedHint() + ")";
      assertFalse(r.verified(), "replay must fail: " + context);
      Violation first = r.firstViolation().orElseThrow();
      assertEquals(c.expectedSeq(), first.seq(), first.message() + "; " + context);
    }
  }

  // Alternates between the two read paths replay can use (L5.4): readBytes and read.
  private static ReplayReport replay(LedgerBackend backend, Hash32 traj, Optional<Hash32> head,
      boolean viaReadBytes) {
    ReplayOptions options = head.map(h -> ReplayOptions.defaults().pinHead(h))
        .orElse(ReplayOptions.defaults());
    if (viaReadBytes) {
      try (Stream<byte[]> bytes = backend.readBytes(traj)) {
        return Replayer.replay(traj, bytes, options);
      }
    }
    try (Stream<StoredEntry> entries = backend.read(traj)) {
      return Replayer.replay(traj, entries.map(StoredEntry::canonicalBytes), options);
    }
  }
}
