package thymos.kernel.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.ApprovalPayload;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.DelegationLimits;
import thymos.api.model.EffectClass;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.RiskClass;
import thymos.api.model.RoutingEvidence;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.memory.MemoryLedger;

/**
 * Plays a scenario of submissions through a real kernel (memory ledger, tools, an approval
 * policy, the irreversible gate, a small tool-call budget) and writes down, from what the kernel
 * returned, which routing outcomes (X9.2) the trajectory must yield. Every argument, tool output,
 * rationale, tenant, failure message and free-text evidence field holds a unique marker.
 */
final class RoutingPlay {

  /** What a step submits. */
  enum Action {
    /** {@code kv_echo}: write/low, commits (its output is a marker). */
    ECHO,
    /** {@code kv_fail}: write/low, throws (a failure straight away). */
    FAIL,
    /** {@code kv_burn}: irreversible, suspends on the gate, then commits if approved. */
    BURN,
    /** {@code kv_wreck}: irreversible, suspends on the gate, then throws if approved. */
    WRECK,
    /** {@code kv_echo} on an {@code ask…} key: the approval policy suspends it on {@code ops}. */
    ASK,
    /** A tool no registry has: rejected {@code unknown_tool}. */
    UNKNOWN,
    /** The previous step's intent again, with new evidence: X4 answers, nothing is recorded. */
    REPEAT
  }

  /** What becomes of a suspended step. */
  enum Resolution { APPROVE, DENY, LEAVE }

  /**
   * One step of a scenario.
   *
   * @param latencyMs how long the tool takes on the manual clock
   */
  record Step(Action action, boolean evidence, Resolution resolution, long latencyMs,
      long confidenceBps, boolean fallback) {}

  /** A routing outcome the trajectory must yield, with its wire status. */
  record Expected(long seq, String decisionHash, String selected, String status, long latencyMs) {
    JsonObject toJson() {
      return Json.object(Map.of("decision_hash", Json.string(decisionHash),
          "selected", Json.string(selected), "status", Json.string(status),
          "latency_ms", Json.integer(latencyMs)));
    }
  }

  final RunFixture f = new RunFixture(42, new MemoryLedger());
  final Run run;
  final String tenant;
  final Writ writ;
  /** Markers that must never reach the export. */
  final List<String> secret = new ArrayList<>();
  /** Markers that must be in the ledger, so that their absence from the export means something. */
  final List<String> stored = new ArrayList<>();
  final List<Expected> expected = new ArrayList<>();
  /** What each step came to, for comparing runs with and without evidence. */
  final List<String> outcomes = new ArrayList<>();
  private final SplittableRandom random;
  private final RoutingTools.MarkerTool echo;
  private final RoutingTools.MarkerTool failing;
  private final RoutingTools.MarkerTool burn;
  private final RoutingTools.MarkerTool wreck;
  private Intent previous;

  RoutingPlay(long salt, long toolCalls) {
    random = new SplittableRandom(salt);
    echo = tool("kv_echo", EffectClass.WRITE, RiskClass.LOW, false);
    failing = tool("kv_fail", EffectClass.WRITE, RiskClass.LOW, true);
    burn = tool("kv_burn", EffectClass.IRREVERSIBLE, RiskClass.HIGH, false);
    wreck = tool("kv_wreck", EffectClass.IRREVERSIBLE, RiskClass.HIGH, true);
    f.extraTools.addAll(List.of(echo, failing, burn, wreck));
    f.policies.add(RunFixture.askingFor("test.ask", "ask"));
    f.reopen();
    tenant = marker("tenant");
    secret.add(tenant);
    stored.add(tenant);
    writ = Writ.sign(new WritBody("anchor", f.anchor.publicKey(), "alice", f.alice.publicKey(),
        Optional.empty(), tenant, List.of("kv_*"), new Budget(1_000_000, toolCalls,
            1_000_000_000, 1_000_000_000), Ceiling.ALL, 1_000, 1_000_000_000_000L,
        new DelegationLimits(3, true), Nonce.of(f.entropy.bytes(Nonce.LENGTH))), f.anchor);
    f.authority.register(writ).entryOrThrow();
    f.writ = writ;
    run = f.open();
  }

  private RoutingTools.MarkerTool tool(String name, EffectClass effect, RiskClass risk,
      boolean throwing) {
    return new RoutingTools.MarkerTool(name, effect, risk, throwing, f.clock);
  }

  /** A unique marker: {@code zq}, a label and letters no hex id or JSON keyword holds. */
  String marker(String label) {
    StringBuilder b = new StringBuilder("zq").append(label);
    for (int i = 0; i < 10; i++) {
      b.append((char) ('g' + random.nextInt(20)));
    }
    return b.toString();
  }

  private RoutingEvidence evidence(int i, Step step) {
    List<String> free = List.of(marker("alt"), marker("code"), marker("fbprovider"),
        marker("fbmodel"), marker("fbreason"));
    secret.addAll(free);
    Optional<RoutingEvidence.Fallback> fb = step.fallback()
        ? Optional.of(new RoutingEvidence.Fallback(free.get(2), Optional.of(free.get(3)),
            free.get(4)))
        : Optional.empty();
    return new RoutingEvidence(marker("decision" + i), marker("provider") + ":model" + i,
        List.of(free.get(0)), step.confidenceBps(), List.of(free.get(1)),
        random.nextLong(0, 60_000), random.nextLong(0, 1_000_000), fb);
  }

  /** Plays the steps; {@code withEvidence} false submits every step without evidence. */
  RoutingPlay play(List<Step> steps, boolean withEvidence) {
    for (int i = 0; i < steps.size(); i++) {
      step(i, steps.get(i), withEvidence);
    }
    return this;
  }

  private void step(int i, Step step, boolean withEvidence) {
    RoutingEvidence ev = evidence(i, step); // drawn either way, so both runs see the same markers
    Optional<RoutingEvidence> evidence = withEvidence && step.evidence()
        ? Optional.of(ev) : Optional.empty();
    String output = marker("output");
    for (RoutingTools.MarkerTool t : List.of(echo, failing, burn, wreck)) {
      t.output = output;
      t.latencyMs = step.latencyMs();
    }
    secret.add(output);
    if (step.action() == Action.REPEAT && previous != null) {
      long size = run.size();
      Outcome again = run.submit(previous, evidence);
      assertEquals(size, run.size(), "X4: a resubmission recorded something");
      outcomes.add("again " + describe(again));
      return;
    }
    Intent intent = intent(i, step.action());
    previous = intent;
    long size = run.size();
    Outcome outcome = run.submit(intent, evidence);
    outcomes.add(describe(outcome));
    switch (outcome) {
      case Outcome.Committed c -> {
        assertEquals(evidence, c.payload().routingEvidence(), "X9.1: evidence not recorded");
        assertEquals(step.latencyMs(), c.payload().cost().wallClockMs());
        stored.add(output);
        expect(c.entry().seq(), evidence, "committed", c.payload().cost().wallClockMs());
      }
      case Outcome.Rejected r -> {
        assertEquals(evidence, r.payload().routingEvidence(), "X9.1: evidence not recorded");
        expect(r.entry().seq(), evidence, "rejected", 0);
      }
      // L4: a failure has no evidence member, and nothing earlier recorded any: no record.
      case Outcome.Failed x -> stored.add(output);
      case Outcome.Pending p -> {
        assertEquals(evidence, p.payload().routingEvidence(), "X9.1: evidence not recorded");
        expect(p.entry().seq(), evidence, "suspended", 0);
        resolve(p, step, evidence, output);
      }
      case Outcome.InDoubt d -> fail("no tool here leaves an intent in doubt: " + d);
      case Outcome.Delegated d -> fail("no step here delegates: " + d);
    }
    if (run.size() == size) {
      fail("step " + i + " recorded nothing: " + outcome);
    }
    if (!(outcome instanceof Outcome.Failed)) {
      evidence.ifPresent(e -> stored.addAll(e.reasonCodes()));
    }
  }

  private void resolve(Outcome.Pending p, Step step, Optional<RoutingEvidence> evidence,
      String output) {
    if (step.resolution() == Resolution.LEAVE) {
      return;
    }
    ApprovalPayload.Vote decision = step.resolution() == Resolution.APPROVE
        ? ApprovalPayload.Vote.APPROVE : ApprovalPayload.Vote.DENY;
    Outcome o = run.vote(f.vote(run, p.entry().id(), decision, f.ann)).outcome();
    if (o instanceof Outcome.Pending && p.payload().channel().equals("ops")) {
      o = run.vote(f.vote(run, p.entry().id(), decision, f.bob)).outcome();
    }
    outcomes.add("resolved " + describe(o));
    switch (o) {
      case Outcome.Committed c -> {
        assertEquals(evidence, c.payload().routingEvidence(), "the pending evidence is kept");
        stored.add(output);
        expect(c.entry().seq(), evidence, "committed", c.payload().cost().wallClockMs());
      }
      case Outcome.Rejected r -> {
        assertEquals(evidence, r.payload().routingEvidence(), "the pending evidence is kept");
        expect(r.entry().seq(), evidence, "rejected", 0);
      }
      // L4: a failure has no evidence member; it is reported under the pending entry's evidence.
      case Outcome.Failed x -> {
        stored.add(output);
        expect(x.entry().seq(), evidence, "failed", 0);
      }
      default -> fail("a decided vote left " + o);
    }
  }

  private void expect(long seq, Optional<RoutingEvidence> evidence, String status, long latency) {
    evidence.ifPresent(e -> expected.add(new Expected(seq, e.decisionHash(), e.selected(), status,
        latency)));
  }

  private static String describe(Outcome o) {
    return switch (o) {
      case Outcome.Rejected r -> "rejected " + r.kind();
      case Outcome.Failed x -> "failed " + x.payload().error().kind();
      default -> o.status();
    };
  }

  private Intent intent(int i, Action action) {
    String value = marker("arg");
    String rationale = marker("why");
    secret.addAll(List.of(value, rationale));
    stored.addAll(List.of(value, rationale));
    String tool = switch (action) {
      case ECHO, ASK, REPEAT -> "kv_echo";
      case FAIL -> "kv_fail";
      case BURN -> "kv_burn";
      case WRECK -> "kv_wreck";
      case UNKNOWN -> "kv_" + marker("tool");
    };
    if (action == Action.UNKNOWN) {
      secret.add(tool.substring(3));
    }
    String key = (action == Action.ASK ? "ask" : "k") + i;
    JsonObject args = Json.object(Map.of("key", Json.string(key), "value", Json.string(value)));
    byte[] nonce = new byte[Nonce.LENGTH];
    nonce[0] = (byte) i;
    nonce[1] = (byte) (i >> 8);
    return Intent.of(new IntentBody(run.trajectoryId(), IntentKind.ACT, tool, args, "scripted",
        Optional.of(rationale), Optional.empty(), Nonce.of(nonce)));
  }

  /** Every byte of every trajectory of the ledger, as text. */
  String everything() {
    StringBuilder all = new StringBuilder();
    for (Hash32 id : f.ledger.trajectories(PageRequest.first(1_000)).items()) {
      f.bytes(id).forEach(b -> all.append(new String(b, StandardCharsets.UTF_8)).append('\n'));
    }
    return all.toString();
  }
}
