package thymos.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import thymos.api.crypto.Hash32;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.Capability;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.StoredEntry;

/**
 * The base of one group of contract tests (a {@code @Nested} class of {@link
 * LedgerBackendVerification}): each test gets a fresh store and a handle on it in {@link #ledger},
 * and every store it opens is closed and cleaned up after it.
 */
abstract class RuleGroup {

  final LedgerBackendVerification tck;
  private final List<TckStore> stores = new ArrayList<>();
  private String testKey = "";
  /** The test's main store. */
  TckStore store;
  /** A handle on {@link #store}. */
  LedgerBackend ledger;

  RuleGroup(LedgerBackendVerification tck) {
    this.tck = tck;
  }

  @BeforeEach
  void openStore(TestInfo info) {
    testKey = info.getTestClass().map(Class::getSimpleName).orElse("") + "."
        + info.getTestMethod().map(m -> m.getName()).orElse(info.getDisplayName());
    store = store(false);
    ledger = store.open();
  }

  @AfterEach
  void closeStores() {
    for (TckStore s : stores) {
      s.close();
    }
    stores.clear();
  }

  /** Another fresh store, closed after the test. */
  TckStore store(boolean durable) {
    TckStore s = new TckStore(tck, testKey + "#" + stores.size(), durable);
    stores.add(s);
    return s;
  }

  /** Skips the test, naming the capability, unless {@code backend} declares it (K2.6). */
  static void requireCapability(LedgerBackend backend, Capability capability) {
    assumeTrue(backend.capabilities().contains(capability),
        "needs capability " + capability.name());
  }

  /** Every stored entry of {@code traj}, read through a closed stream. */
  static List<StoredEntry> stored(LedgerBackend backend, Hash32 traj) {
    try (Stream<StoredEntry> s = backend.read(traj)) {
      return s.toList();
    }
  }

  List<StoredEntry> stored(Hash32 traj) {
    return stored(ledger, traj);
  }

  /** The stored bytes of {@code traj} in {@code [from, to)}, through a closed stream. */
  static List<byte[]> storedBytes(LedgerBackend backend, Hash32 traj, long from, long to) {
    try (Stream<byte[]> s = backend.readBytes(traj, from, to)) {
      return s.toList();
    }
  }

  /**
   * Appends {@code e} expecting the refusal of L5.1: a typed {@link AppendConflict} with its code,
   * rule, trajectory and seq, and nothing stored.
   */
  AppendConflict conflict(StoredEntry e) {
    List<StoredEntry> before = stored(e.trajectoryId());
    AppendConflict c = assertThrows(AppendConflict.class, () -> ledger.append(e),
        "L5.1: appending " + e + " must conflict");
    assertEquals(before, stored(e.trajectoryId()), "L5.1: a refused append stores nothing");
    assertEquals("THY-L501", c.code());
    assertEquals(e.trajectoryId(), c.trajectoryId(), "the conflict names the trajectory");
    assertEquals(e.seq(), c.seq(), "the conflict names the refused seq");
    return c;
  }
}
