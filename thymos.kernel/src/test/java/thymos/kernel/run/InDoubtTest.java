package thymos.kernel.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.json.Json;
import thymos.api.model.Delta;
import thymos.api.model.DeltaOp;
import thymos.api.model.EntryKind;
import thymos.api.model.Intent;
import thymos.api.model.ResourceKey;
import thymos.api.spi.Reconciliation;
import thymos.ledger.spi.LedgerUnavailable;
import thymos.ledger.spi.memory.MemoryLedger;

/** X5: execution entries, in-doubt detection on resume, the reconcile hook; X4 resubmission. */
class InDoubtTest {

  private final MemoryLedger stored = new MemoryLedger();
  private final CrashingLedger crashing = new CrashingLedger(stored);
  private final RunFixture f = new RunFixture(42, crashing);

  /** Runs mail_send until the process "crashes" appending its commit. */
  private Intent crashAfterExecution(Run run) {
    Intent send = f.intent(run, "mail_send", "{\"key\":\"m1\",\"value\":\"hello\"}");
    crashing.dieAt = EntryKind.COMMIT;
    assertThrows(LedgerUnavailable.class, () -> run.submit(send));
    assertEquals(1, f.send.invocations.get());
    return send;
  }

  /** A fresh runtime on what the crashed one left. */
  private RunFixture restarted() {
    RunFixture g = new RunFixture(42, stored);
    g.send.reconcile = f.send.reconcile;
    return g;
  }

  @Test
  @DisplayName("X4: resubmitting an intent returns the first outcome and invokes nothing")
  void resubmission() {
    Run run = f.open();
    Intent put = f.put(run, "a", 1);
    Outcome first = run.submit(put);
    long size = run.size();
    assertEquals(first, run.submit(put));
    assertEquals(first, f.kernel.resume(run.trajectoryId()).submit(put));
    assertEquals(1, f.put.invocations.get());
    assertEquals(size, run.size());
  }

  @Test
  @DisplayName("X5.1: an external tool runs only after its execution entry")
  void executionEntryFirst() {
    Run run = f.open();
    Outcome.Committed c = assertInstanceOf(Outcome.Committed.class,
        run.submit(f.intent(run, "mail_send", "{\"key\":\"m1\",\"value\":\"hi\"}")));
    List<EntryKind> kinds = f.entries(run.trajectoryId()).stream().map(e -> e.kind()).toList();
    assertEquals(List.of(EntryKind.ROOT, EntryKind.EXECUTION, EntryKind.COMMIT), kinds);
    assertEquals(1, c.payload().cost().toolCalls());
    assertTrue(f.replay(run.trajectoryId()).verified());
  }

  @Test
  @DisplayName("X5.2: a crash after the execution entry is in doubt on resume and the tool is not re-invoked")
  void crashIsInDoubt() {
    Run run = f.open();
    Intent send = crashAfterExecution(run);

    RunFixture g = restarted();
    Run resumed = g.kernel.resume(run.trajectoryId());
    assertEquals(1, resumed.inDoubt().size());
    assertEquals(send.id(), resumed.inDoubt().getFirst().intentId());
    assertTrue(g.events.stream().anyMatch(e -> e instanceof RunEvent.InDoubtFound));
    assertEquals(List.of(send.id()), g.replay(run.trajectoryId()).inDoubt());

    Outcome again = resumed.submit(send);
    assertInstanceOf(Outcome.InDoubt.class, again);
    assertEquals(0, g.send.invocations.get(), "the in-doubt tool was re-invoked");
    assertEquals(1, g.send.reconciles.get());
    assertTrue(g.replay(run.trajectoryId()).verified());
  }

  @Test
  @DisplayName("X5.2: reconcile reporting done commits the reconciled observation, once")
  void reconciledDone() {
    Run run = f.open();
    Intent send = crashAfterExecution(run);
    f.send.reconcile = new Reconciliation.Done(Json.string("sent"),
        Delta.of(new DeltaOp.Create(new ResourceKey("kv", "m1"), Json.string("hello"))));
    RunFixture g = restarted();
    Run resumed = g.kernel.resume(run.trajectoryId());
    Outcome.Committed c = assertInstanceOf(Outcome.Committed.class, resumed.submit(send));
    assertEquals(Json.string("sent"), c.payload().observations().getFirst().output());
    assertEquals(List.of(), resumed.inDoubt());
    assertEquals(c, resumed.submit(send));
    assertEquals(0, g.send.invocations.get());
    assertEquals(1, g.send.reconciles.get());
    assertTrue(g.replay(run.trajectoryId()).verified(), () -> g.replay(run.trajectoryId())
        .toString());
    assertEquals(g.replay(run.trajectoryId()).worldHash(), resumed.world().hash());
  }

  @Test
  @DisplayName("X5.2: reconcile reporting not done records a failure and never re-invokes")
  void reconciledNotDone() {
    Run run = f.open();
    Intent send = crashAfterExecution(run);
    f.send.reconcile = Reconciliation.NOT_DONE;
    RunFixture g = restarted();
    Run resumed = g.kernel.resume(run.trajectoryId());
    Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, resumed.submit(send));
    assertEquals("not_done", failed.payload().error().kind());
    assertEquals(0, g.send.invocations.get());
    assertTrue(g.replay(run.trajectoryId()).verified());
  }

  @Test
  @DisplayName("X5.3: a local write tool has no execution entry, so a crash before its commit leaves it unprocessed")
  void localToolIsRerunnable() {
    Run run = f.open();
    Intent put = f.put(run, "a", 1);
    crashing.dieAt = EntryKind.COMMIT;
    assertThrows(LedgerUnavailable.class, () -> run.submit(put));
    RunFixture g = restarted();
    Run resumed = g.kernel.resume(run.trajectoryId());
    assertEquals(List.of(), resumed.inDoubt());
    assertInstanceOf(Outcome.Committed.class, resumed.submit(put));
    assertEquals(1, g.put.invocations.get());
  }

  @Test
  @DisplayName("X2 step 6: a throwing tool, a failed postcondition and a conflicting delta are failure entries")
  void failures() {
    Run run = f.open();
    f.put.throwing = new IllegalStateException("disk full");
    Outcome.Failed thrown = assertInstanceOf(Outcome.Failed.class, run.submit(f.put(run, "a", 1)));
    assertEquals("tool_error", thrown.payload().error().kind());
    assertTrue(thrown.payload().error().message().contains("disk full"));
    f.put.throwing = null;
    assertInstanceOf(Outcome.Committed.class, run.submit(f.put(run, "a", 1)));
    f.put.precondition = thymos.api.spi.ConditionCheck.HOLDS;
    f.put.stale = true; // computes a replace against version 0: does not apply (M5.1, X5.4)
    Outcome.Failed conflict = assertInstanceOf(Outcome.Failed.class,
        run.submit(f.put(run, "a", 2)));
    assertEquals("delta_conflict", conflict.payload().error().kind());
    assertTrue(conflict.payload().error().message().contains("kv"),
        conflict.payload().error().message());
    assertEquals(1, run.world().get(new ResourceKey("kv", "a")).orElseThrow().version());
    assertTrue(f.replay(run.trajectoryId()).verified());
    assertEquals(3, f.put.invocations.get());
  }
}
