package thymos.kernel.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.model.Budget;
import thymos.api.model.EntryKind;

/** X7, M7: tool-call budgets and model usage. */
class BudgetTest {

  private final RunFixture f = new RunFixture();

  @Test
  @DisplayName("X7.1, C2 stage 13: a writ allowing 3 tool calls commits 3 and rejects the 4th naming tool_calls 4 > 3")
  void threeToolCalls() {
    f.rewrit(d -> d.budget = new Budget(10_000, 3, 600_000, 1_000_000));
    Run run = f.open();
    for (int i = 0; i < 3; i++) {
      assertInstanceOf(Outcome.Committed.class, run.submit(f.put(run, "k" + i, i)));
    }
    Outcome.Rejected r = assertInstanceOf(Outcome.Rejected.class,
        run.submit(f.put(run, "k3", 3)));
    assertEquals("budget_exhausted", r.kind());
    assertTrue(r.payload().reason().message().contains("tool_calls 4 > 3"),
        r.payload().reason().message());
    assertEquals(3, f.put.invocations.get());
    assertEquals(3, run.spent().toolCalls());
  }

  @Test
  @DisplayName("X7.2, X7.3: usage entries debit tokens, may overshoot, reject later intents, and survive a restart")
  void usage() {
    f.rewrit(d -> d.budget = new Budget(1_000, 100, 600_000, 1_000_000));
    Run run = f.open();
    run.recordUsage("openai", "gpt-x", 600, 300, 5);
    assertEquals(List.of(), run.overspent());
    assertInstanceOf(Outcome.Committed.class, run.submit(f.put(run, "a", 1)));
    run.recordUsage("openai", "gpt-x", 100, 50, 5); // 1,050 tokens: overshoot is recorded
    assertEquals(List.of("tokens"), run.overspent());
    assertEquals(new Budget(1_050, 1, 0, 10), run.spent());
    Outcome.Rejected r = assertInstanceOf(Outcome.Rejected.class, run.submit(f.put(run, "b", 2)));
    assertEquals("budget_exhausted", r.kind());
    assertTrue(r.payload().reason().message().contains("tokens 1050 > 1000"),
        r.payload().reason().message());

    f.reopen();
    Run resumed = f.kernel.resume(run.trajectoryId());
    assertEquals(run.spent(), resumed.spent());
    assertEquals(List.of("tokens"), resumed.overspent());
    assertEquals("budget_exhausted",
        ((Outcome.Rejected) resumed.submit(f.put(resumed, "c", 3))).kind());
    assertEquals(1, f.put.invocations.get());
    long usages = f.entries(run.trajectoryId()).stream()
        .filter(e -> e.kind() == EntryKind.USAGE).count();
    assertEquals(2, usages);
    assertTrue(f.replay(run.trajectoryId()).verified());
  }
}
