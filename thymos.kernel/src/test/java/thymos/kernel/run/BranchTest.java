package thymos.kernel.run;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import thymos.api.RequestRefused;
import thymos.api.crypto.Hash32;
import thymos.api.model.BranchPayload;
import thymos.api.model.CommitPayload;
import thymos.api.model.DeltaResult;
import thymos.api.model.Entry;
import thymos.api.model.EntryKind;
import thymos.api.model.ResourceKey;
import thymos.api.model.World;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.ReplayReport;
import thymos.kernel.replay.Replayer;
import thymos.kernel.replay.Violation;
import thymos.ledger.spi.PageRequest;

/** R7, 09 D6: branch runs open from any entry of a source, resume, and replay with the source. */
class BranchTest {

  private final RunFixture f = new RunFixture();

  /** A source run with five commits on keys k0..k2. */
  private Run source() {
    Run run = f.open();
    for (int i = 0; i < 5; i++) {
      run.submit(f.put(run, "k" + (i % 3), i));
    }
    return run;
  }

  private Run branch(Run from, long seq, String note) {
    Hash32 at = f.entries(from.trajectoryId()).get((int) seq).id();
    f.rewrit(d -> { });
    return f.kernel.branch(from.trajectoryId(), at, f.writ.id(), note);
  }

  /** The world a fresh run folds from the first {@code n} entries of a trajectory. */
  private World worldAt(Run run, long seq) {
    World w = World.EMPTY;
    for (Entry e : f.entries(run.trajectoryId()).subList(0, (int) seq + 1)) {
      if (e.payload() instanceof CommitPayload c) {
        w = ((DeltaResult.Applied) w.apply(c.delta(), e.id())).world();
      }
    }
    return w;
  }

  private ReplayReport replayBranch(Hash32 t) {
    return Replayer.replayBranch(f.ledger, t, ReplayOptions.defaults().collectAll());
  }

  @Test
  @DisplayName("R7, E2.6, L3.2: a branch from a mid-trajectory entry starts at the source world there")
  void opensAtSourceWorld() {
    Run src = source();
    Run br = branch(src, 3, "explore");
    List<Entry> entries = f.entries(br.trajectoryId());
    assertEquals(1, entries.size());
    BranchPayload b = assertInstanceOf(BranchPayload.class, entries.getFirst().payload());
    assertEquals(EntryKind.BRANCH, entries.getFirst().kind());
    assertEquals(src.trajectoryId(), b.sourceTrajectoryId());
    assertEquals(f.writ.id(), b.writId());
    assertEquals(b.trajectoryId(), br.trajectoryId(), "derived id (E2.6)");
    assertEquals(worldAt(src, 3), br.world());
    assertNotEquals(src.world(), br.world());
    assertEquals(f.writ.id(), br.writId());
  }

  @Test
  @DisplayName("R7: commits on a branch do not touch the source; the branch replays to its world")
  void commitsStayOnBranch() {
    Run src = source();
    long size = src.size();
    World before = src.world();
    Run br = branch(src, 2, "explore");
    br.submit(f.put(br, "k0", 100));
    br.submit(f.put(br, "fresh", 1));
    assertEquals(size, f.entries(src.trajectoryId()).size());
    assertEquals(before, f.kernel.resume(src.trajectoryId()).world());
    assertTrue(br.world().get(new ResourceKey("kv", "fresh")).isPresent());
    assertTrue(before.get(new ResourceKey("kv", "fresh")).isEmpty());
    ReplayReport r = replayBranch(br.trajectoryId());
    assertTrue(r.verified(), r.violations().toString());
    assertEquals(br.world().hash(), r.worldHash());
    assertEquals(3, r.entries());
    // the source replays as before, plainly and through replayBranch
    ReplayReport s = replayBranch(src.trajectoryId());
    assertTrue(s.verified(), s.violations().toString());
    assertEquals(f.replay(src.trajectoryId()).toJson(), s.toJson());
  }

  @Test
  @DisplayName("R7: a branch of a branch starts at the branch's world at its entry, recursively")
  void branchOfBranch() {
    Run src = source();
    Run b1 = branch(src, 4, "one");
    b1.submit(f.put(b1, "k1", 50));
    b1.submit(f.put(b1, "k9", 9));
    Run b2 = branch(b1, 1, "two");
    assertEquals(b1.world().get(new ResourceKey("kv", "k1")),
        b2.world().get(new ResourceKey("kv", "k1")));
    assertTrue(b2.world().get(new ResourceKey("kv", "k9")).isEmpty());
    b2.submit(f.put(b2, "k2", 77));
    ReplayReport r = replayBranch(b2.trajectoryId());
    assertTrue(r.verified(), r.violations().toString());
    assertEquals(b2.world().hash(), r.worldHash());
    assertEquals(b2.world(), f.kernel.resume(b2.trajectoryId()).world());
  }

  @Test
  @DisplayName("R7, L3.2: an unknown source entry or an unusable writ opens no branch")
  void refusals() {
    Run src = source();
    long trajectories = f.ledger.trajectories(PageRequest.first(100)).items().size();
    f.rewrit(d -> { });
    RequestRefused unknown = assertThrows(RequestRefused.class, () -> f.kernel.branch(
        src.trajectoryId(), Hash32.of(new byte[32]), f.writ.id(), "x"));
    assertEquals("unknown_source_entry", unknown.reason());
    assertEquals("THY-R700", unknown.code());
    Hash32 root = f.entries(src.trajectoryId()).getFirst().id();
    assertEquals("unknown_source_entry", assertThrows(RequestRefused.class, () ->
        f.kernel.branch(Hash32.of(new byte[32]), root, f.writ.id(), "x")).reason());
    assertEquals("writ_already_bound", assertThrows(RequestRefused.class, () ->
        f.kernel.branch(src.trajectoryId(), root, src.writId(), "x")).reason());
    assertEquals("writ_not_usable", assertThrows(RequestRefused.class, () ->
        f.kernel.branch(src.trajectoryId(), root, f.writ(d -> { }).id(), "x")).reason());
    assertEquals(trajectories, f.ledger.trajectories(PageRequest.first(100)).items().size());
    // a writ bound by a branch binds no other run
    Run br = f.kernel.branch(src.trajectoryId(), root, f.writ.id(), "x");
    assertEquals("writ_already_bound", assertThrows(RequestRefused.class, f::open).reason());
    assertEquals("writ_already_bound", assertThrows(RequestRefused.class, () ->
        f.kernel.branch(src.trajectoryId(), root, br.writId(), "again")).reason());
  }

  @Test
  @DisplayName("R7: a tampered source-prefix entry fails the branch replay; entries past the point do not")
  void tamperedSource() {
    Run src = source();
    Run br = branch(src, 3, "explore");
    br.submit(f.put(br, "k0", 5));
    assertTrue(replayBranch(br.trajectoryId()).verified());
    byte[] root = f.bytes(src.trajectoryId()).getFirst();
    String tampered = new String(root, StandardCharsets.UTF_8).replace("test run", "test rum");
    assertNotEquals(new String(root, StandardCharsets.UTF_8), tampered);
    f.ledger.corruptionHook().orElseThrow().replaceStoredBytes(src.trajectoryId(), 0,
        tampered.getBytes(StandardCharsets.UTF_8));
    ReplayReport r = replayBranch(br.trajectoryId());
    assertFalse(r.verified());
    Violation v = r.violations().getFirst();
    assertEquals(Violation.Reason.BRANCH_SOURCE_INVALID, v.reason());
    assertEquals(br.trajectoryId(), v.trajectoryId());
    assertEquals(0, v.seq());
    assertTrue(v.actual().contains("THY-R202"), v.actual());
    assertFalse(Replayer.replayBranch(f.ledger, br.trajectoryId(), ReplayOptions.defaults())
        .verified());
  }

  @Test
  @DisplayName("R7: a source entry that does not exist is a violation; plain replay of a branch fails")
  void missingSource() {
    Run src = source();
    Run br = branch(src, 4, "explore");
    br.submit(f.put(br, "k0", 5));
    // plain replay without the source: a clear violation, never a silently relative world
    ReplayReport plain = f.replay(br.trajectoryId());
    assertFalse(plain.verified());
    assertEquals(Violation.Reason.BRANCH_SOURCE_UNVERIFIED,
        plain.violations().getFirst().reason());
    assertEquals("THY-R700", plain.violations().getFirst().code());
    // the tail of the source (seq 4 on) removed: the source entry no longer exists
    var hook = f.ledger.corruptionHook().orElseThrow();
    for (long seq = src.size() - 1; seq >= 4; seq--) {
      hook.removeStored(src.trajectoryId(), seq);
    }
    ReplayReport r = replayBranch(br.trajectoryId());
    assertFalse(r.verified());
    assertEquals(Violation.Reason.BRANCH_SOURCE_MISSING, r.violations().getFirst().reason());
    assertEquals(br.trajectoryId(), r.violations().getFirst().trajectoryId());
  }

  @Test
  @DisplayName("X1.2, R7: resume of a branch folds from the source world; a fresh kernel continues it")
  void resumeBranch() {
    Run src = source();
    Run br = branch(src, 2, "explore");
    br.submit(f.put(br, "k1", 11));
    f.reopen();
    Run again = f.kernel.resume(br.trajectoryId());
    assertEquals(br.world(), again.world());
    assertEquals(br.writId(), again.writId());
    again.submit(f.put(again, "k2", 12));
    assertNotEquals(br.world(), again.world());
    assertEquals(again.world(), f.kernel.resume(br.trajectoryId()).world());
    ReplayReport r = replayBranch(br.trajectoryId());
    assertTrue(r.verified(), r.violations().toString());
    assertEquals(again.world().hash(), r.worldHash());
  }
}
