package thymos.kernel.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.RequestRefused;
import thymos.api.crypto.Hash32;
import thymos.api.model.EntryKind;
import thymos.api.model.RevocationPayload;
import thymos.api.model.RootPayload;
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.replay.ReplayReport;

/** X1: open, binding, resume, the cache never changing an outcome, conflicts (X1.3), events. */
class RunLifecycleTest {

  private final RunFixture f = new RunFixture();

  @Test
  @DisplayName("X1.1, L3.2: open appends a root bound to the writ; a second open of the writ is refused")
  void openBinds() {
    Run run = f.open();
    assertEquals(1, run.size());
    var root = f.entries(run.trajectoryId()).getFirst();
    assertEquals(EntryKind.ROOT, root.kind());
    assertEquals(java.util.Optional.of(f.writ.id()), ((RootPayload) root.payload()).writId());
    RequestRefused e = assertThrows(RequestRefused.class, f::open);
    assertEquals("writ_already_bound", e.reason());
    assertTrue(e.getMessage().contains(run.trajectoryId().display("traj")), e.getMessage());
    f.reopen();
    assertEquals("writ_already_bound", assertThrows(RequestRefused.class, f::open).reason());
  }

  @Test
  @DisplayName("X1.1: a writ that is unknown, revoked or outside its window opens no run")
  void unusableWrit() {
    var unregistered = f.writ(d -> { });
    long before = f.ledger.trajectories(thymos.ledger.spi.PageRequest.first(100)).items().size();
    RequestRefused unknown = assertThrows(RequestRefused.class,
        () -> f.kernel.open(unregistered.id(), "x"));
    assertEquals("writ_not_usable", unknown.reason());
    assertTrue(unknown.getMessage().contains("unknown_writ"), unknown.getMessage());
    f.authority.revoke(RevocationPayload.sign(f.writ.id(), "gone", f.anchor));
    assertTrue(assertThrows(RequestRefused.class, f::open).getMessage().contains("revoked"));
    f.rewrit(d -> { });
    f.clock.set(100_001);
    assertTrue(assertThrows(RequestRefused.class, f::open).getMessage()
        .contains("outside_window"));
    assertEquals(before,
        f.ledger.trajectories(thymos.ledger.spi.PageRequest.first(100)).items().size());
  }

  @Test
  @DisplayName("X1.2: resume of an unknown or system trajectory is refused")
  void resumeUnknown() {
    assertEquals("unknown_trajectory", assertThrows(RequestRefused.class,
        () -> f.kernel.resume(Hash32.of(new byte[32]))).reason());
    assertEquals("unknown_trajectory", assertThrows(RequestRefused.class,
        () -> f.kernel.resume(AuthorityLedger.TRAJECTORY_ID)).reason());
  }

  @Test
  @DisplayName("X1.2: the run's cached state equals a fold from scratch (resume) and the replay")
  void cacheNeverChangesOutcome() {
    Run run = f.open();
    for (int i = 0; i < 20; i++) {
      run.submit(f.put(run, "k" + (i % 7), i));
      if (i % 5 == 0) {
        run.recordUsage("p", "m", 10, 5, 1);
      }
    }
    run.submit(f.intent(run, "kv_put", "{\"key\":\"bad\"}")); // a rejection too
    Run fresh = f.kernel.resume(run.trajectoryId());
    assertEquals(run.world(), fresh.world());
    assertEquals(run.spent(), fresh.spent());
    assertEquals(run.head(), fresh.head());
    ReplayReport report = f.replay(run.trajectoryId());
    assertTrue(report.verified(), report::toString);
    assertEquals(report.worldHash(), run.world().hash());
    assertEquals(20, report.commits());
    assertEquals(1, report.rejections());
  }

  @Test
  @DisplayName("X1.3: a run that lost an append race reloads and records on the new head; the same intent is not executed twice")
  void staleWriter() {
    Run a = f.open();
    Run b = f.kernel.resume(a.trajectoryId());
    var first = f.put(a, "x", 1);
    Outcome byA = a.submit(first);
    // b has not seen a's commit; it must reload instead of forking or re-running the intent.
    assertEquals(byA, b.submit(first));
    assertEquals(1, f.put.invocations.get());
    Outcome byB = b.submit(f.put(b, "x", 2));
    Outcome.Committed c = assertInstanceOf(Outcome.Committed.class, byB);
    assertEquals(2, c.entry().seq());
    assertNotEquals(a.head(), b.head());
    Outcome byA2 = a.submit(f.put(a, "y", 3));
    assertEquals(3, ((Outcome.Recorded) byA2).entry().seq());
    assertTrue(f.replay(a.trajectoryId()).verified());
    assertEquals(f.replay(a.trajectoryId()).worldHash(), a.world().hash());
  }

  @Test
  @DisplayName("X11: listeners see the run opened, executions and appended entries; a throwing listener changes nothing")
  void events() {
    f.kernel = Kernel.builder(f.ledger, f.authority, f.clock, f.entropy)
        .tools(f.kernel.tools()).listener(e -> {
          throw new IllegalStateException("listener bug");
        }).listener(f.events::add).build();
    Run run = f.open();
    run.submit(f.put(run, "a", 1));
    List<Class<?>> kinds = f.events.stream().<Class<?>>map(Object::getClass).toList();
    assertEquals(List.of(RunEvent.RunOpened.class, RunEvent.ExecutionStarted.class,
        RunEvent.ExecutionFinished.class, RunEvent.EntryAppended.class), kinds);
    assertEquals(EntryKind.COMMIT,
        ((RunEvent.EntryAppended) f.events.getLast()).entry().kind());
  }
}
