package thymos.kernel.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.ProtocolViolation;
import thymos.api.model.Budget;
import thymos.api.spi.CognitionContext;
import thymos.kernel.replay.ReplayReport;
import thymos.ledger.spi.memory.MemoryLedger;

/** X10: the agent loop, its termination reasons and ScriptedCognition; R5 determinism. */
class AgentLoopTest {

  static final String SCRIPT = """
      {"author": "scripted", "provider": "scripted", "model": "script-1",
       "steps": [
         {"intents": [{"tool": "kv_put", "args": {"key": "a", "value": 1}, "rationale": "first"},
                      {"tool": "kv_put", "args": {"key": "b", "value": 2}}],
          "usage": {"input_tokens": 100, "output_tokens": 20, "usd_millicents": 3}},
         {"intents": [{"tool": "kv_put", "args": {"key": "a", "value": 3}}],
          "usage": {"input_tokens": 50, "output_tokens": 10}},
         {"final_answer": "a=3, b=2"}]}
      """;

  private static AgentLoop.Result run(RunFixture f, String script, long maxSteps) {
    Run run = f.open();
    return AgentLoop.run(run, ScriptedCognition.parse(script), "fill the store", maxSteps);
  }

  @Test
  @DisplayName("X10.2 done; X10.3, R5: two independent scripted runs with a manual clock give identical ledgers, reports and world hashes, equal to the run's own")
  void deterministic() {
    RunFixture one = new RunFixture(7, new MemoryLedger());
    RunFixture two = new RunFixture(7, new MemoryLedger());
    AgentLoop.Result r1 = run(one, SCRIPT, 10);
    AgentLoop.Result r2 = run(two, SCRIPT, 10);
    assertEquals(Termination.DONE, r1.termination());
    assertEquals(Optional.of("a=3, b=2"), r1.finalAnswer());
    assertEquals(3, r1.steps());
    assertEquals(3, r1.outcomes().size());
    var t = r1.outcomes().getFirst().intentId();
    var trajectory = ((Outcome.Recorded) r1.outcomes().getFirst()).entry().trajectoryId();
    assertEquals(((Outcome.Recorded) r2.outcomes().getFirst()).entry().trajectoryId(),
        trajectory);
    assertEquals(t, r2.outcomes().getFirst().intentId());
    List<byte[]> b1 = one.bytes(trajectory);
    List<byte[]> b2 = two.bytes(trajectory);
    assertEquals(b1.size(), b2.size());
    for (int i = 0; i < b1.size(); i++) {
      assertArrayEquals(b1.get(i), b2.get(i), "entry " + i + " differs");
    }
    ReplayReport rep1 = one.replay(trajectory);
    ReplayReport rep2 = two.replay(trajectory);
    assertTrue(rep1.verified(), rep1::toString);
    assertEquals(rep1, rep2);
    assertArrayEquals(rep1.canonicalBytes(), rep2.canonicalBytes());
    Run resumed = one.kernel.resume(trajectory);
    assertEquals(rep1.worldHash(), resumed.world().hash());
    assertEquals(new Budget(180, 3, 0, 3), resumed.spent());
  }

  @Test
  @DisplayName("X10.2: a suspended intent stops the loop with suspended")
  void suspended() {
    RunFixture f = new RunFixture();
    AgentLoop.Result r = run(f, """
        {"steps": [{"intents": [{"tool": "kv_drop", "args": {"key": "a", "value": 1}}]},
                   {"final_answer": "never reached"}]}""", 10);
    assertEquals(Termination.SUSPENDED, r.termination());
    assertEquals(1, r.steps());
    assertEquals(0, f.drop.invocations.get());
  }

  @Test
  @DisplayName("X10.2: after the votes on a suspension, the loop run again on the resumed run continues at the next step")
  void continuesAfterApproval() {
    RunFixture f = new RunFixture();
    String script = """
        {"steps": [{"intents": [{"tool": "kv_put", "args": {"key": "a", "value": 1}}],
                    "usage": {"input_tokens": 10, "output_tokens": 1}},
                   {"intents": [{"tool": "kv_drop", "args": {"key": "a", "value": 1}}],
                    "usage": {"input_tokens": 10, "output_tokens": 1}},
                   {"final_answer": "dropped", "usage": {"input_tokens": 5, "output_tokens": 1}}]}""";
    Run run = f.open();
    AgentLoop.Result first = AgentLoop.run(run, ScriptedCognition.parse(script), "t", 10);
    assertEquals(Termination.SUSPENDED, first.termination());
    assertEquals(2, first.steps());
    Outcome.Pending p = (Outcome.Pending) first.outcomes().getLast();
    f.reopen();
    Run resumed = f.kernel.resume(run.trajectoryId());
    assertEquals(2, resumed.nextStep());
    resumed.vote(f.vote(resumed, p.entry().id(),
        thymos.api.model.ApprovalPayload.Vote.APPROVE, f.ann));
    assertEquals(1, f.drop.invocations.get());
    AgentLoop.Result rest = AgentLoop.run(resumed, ScriptedCognition.parse(script), "t", 10);
    assertEquals(Termination.DONE, rest.termination());
    assertEquals(Optional.of("dropped"), rest.finalAnswer());
    assertEquals(1, rest.steps());
    assertEquals(1, f.put.invocations.get());
    assertEquals(1, f.drop.invocations.get());
    assertEquals(new Budget(28, 2, 0, 0), resumed.spent());
    assertTrue(f.replay(run.trajectoryId()).verified());
  }

  @Test
  @DisplayName("X7.2, X10.2: usage that overshoots the budget stops the loop with budget_exhausted, also after a restart")
  void usageStops() {
    RunFixture f = new RunFixture();
    f.rewrit(d -> d.budget = new Budget(100, 100, 600_000, 1_000_000));
    String script = """
        {"steps": [{"intents": [{"tool": "kv_put", "args": {"key": "a", "value": 1}}],
                    "usage": {"input_tokens": 90, "output_tokens": 20}},
                   {"intents": [{"tool": "kv_put", "args": {"key": "b", "value": 2}}]}]}""";
    Run run = f.open();
    AgentLoop.Result r = AgentLoop.run(run, ScriptedCognition.parse(script), "t", 10);
    assertEquals(Termination.BUDGET_EXHAUSTED, r.termination());
    assertEquals(1, r.steps());
    f.reopen();
    Run resumed = f.kernel.resume(run.trajectoryId());
    AgentLoop.Result again = AgentLoop.run(resumed, ScriptedCognition.parse(script), "t", 10);
    assertEquals(Termination.BUDGET_EXHAUSTED, again.termination());
    assertEquals(0, again.steps());
    assertEquals(List.of("tokens"), resumed.overspent());
  }

  @Test
  @DisplayName("X10.2: an expired writ stops the loop with writ_expired; a step limit with max_steps")
  void expiredAndMaxSteps() {
    RunFixture f = new RunFixture();
    Run run = f.open();
    f.clock.set(100_001);
    assertEquals(Termination.WRIT_EXPIRED,
        AgentLoop.run(run, ScriptedCognition.parse(SCRIPT), "t", 10).termination());

    RunFixture g = new RunFixture();
    AgentLoop.Result r = run(g, SCRIPT, 2);
    assertEquals(Termination.MAX_STEPS, r.termination());
    assertEquals(2, r.steps());
    assertEquals(3, g.put.invocations.get());
  }

  @Test
  @DisplayName("X10.1: cognition sees the reachable tools, the world and the previous step's outcomes")
  void context() {
    RunFixture f = new RunFixture();
    Run run = f.open();
    List<CognitionContext> seen = new java.util.ArrayList<>();
    ScriptedCognition script = ScriptedCognition.parse(SCRIPT);
    AgentLoop.run(run, c -> {
      seen.add(c);
      return script.step(c);
    }, "t", 10);
    assertEquals(3, seen.size());
    assertEquals(List.of("kv_put", "mail_send", "kv_drop").stream().sorted().toList(),
        seen.getFirst().tools().stream().map(t -> t.get("name").orElseThrow().toString())
            .map(s -> s.replace("\"", "")).sorted().toList());
    assertEquals(List.of(), seen.get(0).feedback());
    assertEquals(List.of("committed", "committed"),
        seen.get(1).feedback().stream().map(CognitionContext.Feedback::status).toList());
    assertEquals(2, seen.get(1).world().live().size());
  }

  @Test
  @DisplayName("X10.3: a script with an unknown member is refused with its JSON pointer (E1.5)")
  void strictScript() {
    ProtocolViolation e = assertThrows(ProtocolViolation.class, () -> ScriptedCognition.parse(
        "{\"steps\":[{\"intents\":[{\"tool\":\"kv_put\",\"args\":{},\"oops\":1}]}]}"));
    assertTrue(e.getMessage().contains("/steps/0/intents/0/oops"), e.getMessage());
  }
}
