package thymos.kernel.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.model.ApprovalPayload;
import thymos.api.model.CommitPayload;
import thymos.api.model.Entry;
import thymos.api.model.EntryKind;
import thymos.api.model.FailurePayload;
import thymos.api.model.Intent;
import thymos.api.model.PendingApprovalPayload;
import thymos.api.model.RejectionPayload;
import thymos.api.model.RoutingEvidence;
import thymos.kernel.routing.RoutingOutcomes;
import thymos.kernel.run.RoutingPlay.Action;
import thymos.kernel.run.RoutingPlay.Expected;
import thymos.kernel.run.RoutingPlay.Resolution;
import thymos.kernel.run.RoutingPlay.Step;

/**
 * X9 through real runs: routing evidence is validated, redacted (X8), recorded in the outcome
 * entry and never read for authority, budget or policy (X9.1); the pull export has one record per
 * outcome entry that carried evidence, with exactly four members and nothing of the run (X9.2).
 */
class RoutingEvidenceRunProperties {

  private static final Set<String> MEMBERS = Set.of("decision_hash", "selected", "status",
      "latency_ms");

  @Provide
  Arbitrary<List<Step>> scenarios() {
    Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Action.class),
        Arbitraries.frequency(net.jqwik.api.Tuple.of(4, true), net.jqwik.api.Tuple.of(1, false)),
        Arbitraries.of(Resolution.class), Arbitraries.longs().between(0, 5_000),
        Arbitraries.longs().between(0, RoutingEvidence.MAX_BPS), Arbitraries.of(true, false))
        .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(14);
  }

  private static JsonArray export(RoutingPlay play) {
    return RoutingOutcomes.toJson(RoutingOutcomes.derive(
        play.f.entries(play.run.trajectoryId()).iterator()));
  }

  @Property(tries = 80)
  void required_X9_2_exportHasOneFourFieldRecordPerOutcomeWithEvidenceAndNothingOfTheRun(
      @ForAll("scenarios") List<Step> steps, @ForAll long salt,
      @ForAll @LongRange(min = 1, max = 8) long toolCalls) {
    RoutingPlay play = new RoutingPlay(salt, toolCalls).play(steps, true);
    JsonArray export = export(play);
    // Collected first, so that a failing try still leaves a report to print.
    Statistics.label("status").collect("records " + Math.min(export.size(), 5));
    play.expected.forEach(e -> Statistics.label("status").collect(e.status()));
    Statistics.label("status").coverage(c -> {
      c.check("committed").count(n -> n > 0);
      c.check("rejected").count(n -> n > 0);
      c.check("suspended").count(n -> n > 0);
      c.check("failed").count(n -> n > 0);
    });

    List<Json> expected = new ArrayList<>();
    play.expected.stream().sorted(java.util.Comparator.comparingLong(Expected::seq))
        .forEach(e -> expected.add(e.toJson()));
    assertEquals(Json.array(expected), export, play.outcomes::toString);
    for (Json record : export.elements()) {
      assertEquals(MEMBERS, ((JsonObject) record).members().keySet());
    }
    assertEquals(withEvidence(play.f.entries(play.run.trajectoryId())), export.size(),
        "one record per outcome entry that carried evidence");

    String text = export.canonicalString();
    for (String marker : play.secret) {
      assertFalse(text.contains(marker), () -> "the export leaks " + marker + ": " + text);
    }
    assertFalse(text.contains(play.writ.id().hex()), "the export leaks the writ id");
    assertFalse(text.contains(play.run.trajectoryId().hex()), "the export leaks the trajectory");
    assertFalse(text.contains(play.tenant), "the export leaks the tenant");
    for (Entry e : play.f.entries(play.run.trajectoryId())) {
      assertFalse(text.contains(e.id().hex()), "the export leaks an entry id");
    }
    // The markers were really in the ledger, so their absence from the export means something.
    String ledger = play.everything();
    for (String marker : play.stored) {
      assertTrue(ledger.contains(marker), () -> marker + " never reached the ledger");
    }
  }

  /** Outcome entries with evidence, and failures of an intent whose outcome carried some. */
  private static long withEvidence(List<Entry> entries) {
    Set<Hash32> intents = new HashSet<>();
    long n = 0;
    for (Entry e : entries) {
      Optional<RoutingEvidence> ev = switch (e.payload()) {
        case CommitPayload c -> c.routingEvidence();
        case RejectionPayload r -> r.routingEvidence();
        case PendingApprovalPayload p -> {
          p.routingEvidence().ifPresent(x -> intents.add(p.intentId()));
          yield p.routingEvidence();
        }
        case FailurePayload f -> intents.contains(f.intentId())
            ? Optional.of(evidence("x", "y")) : Optional.empty();
        default -> Optional.empty();
      };
      n += ev.isPresent() ? 1 : 0;
    }
    return n;
  }

  @Property(tries = 40)
  void required_X9_1_evidenceIsNeverReadForAuthorityBudgetOrPolicy(
      @ForAll("scenarios") List<Step> steps, @ForAll long salt,
      @ForAll @LongRange(min = 1, max = 8) long toolCalls) {
    RoutingPlay with = new RoutingPlay(salt, toolCalls).play(steps, true);
    RoutingPlay without = new RoutingPlay(salt, toolCalls).play(steps, false);
    assertEquals(without.outcomes, with.outcomes);
    assertEquals(kinds(without), kinds(with));
    assertEquals(without.run.spent(), with.run.spent());
    assertEquals(0, export(without).size(), "no evidence, no record");
  }

  private static List<EntryKind> kinds(RoutingPlay play) {
    return play.f.entries(play.run.trajectoryId()).stream().map(Entry::kind).toList();
  }

  private static RoutingEvidence evidence(String decision, String selected) {
    return new RoutingEvidence(decision, selected, List.of("local:llama"), 5_000,
        List.of("cheapest"), 900, 120, Optional.empty());
  }

  private static final String API_KEY = "sk-proj-Zr4nd0mS3cr3tV4lu3Xq9LmN0pQ7rS";
  private static final String BEARER_TOKEN = "abc.def.ghi";

  @Example
  void required_X9_1_secretShapedEvidenceIsRedactedInTheEntryAndTheExport() {
    RoutingPlay play = new RoutingPlay(7, 10);
    RunFixture f = play.f;
    Run run = play.run;
    RoutingEvidence secretive = new RoutingEvidence("d-1", "openai:" + API_KEY,
        List.of("x " + API_KEY), 10_000, List.of(API_KEY), 5, 6, Optional.of(
            new RoutingEvidence.Fallback("local", Optional.empty(),
                "retry with Bearer " + BEARER_TOKEN)));
    Intent put = f.put(run, "k", 1);
    Outcome.Committed c = assertInstanceOf(Outcome.Committed.class,
        run.submit(put, Optional.of(secretive)));
    RoutingEvidence stored = c.payload().routingEvidence().orElseThrow();
    assertEquals("d-1", stored.decisionHash());
    assertTrue(stored.selected().startsWith("openai:[REDACTED:"), stored.selected());
    assertTrue(stored.fallback().orElseThrow().reason().startsWith("retry with [REDACTED:"),
        stored.fallback().toString());
    assertEquals(secretive.confidenceBps(), stored.confidenceBps());

    Intent drop = f.intent(run, "kv_drop", "{\"key\":\"k\",\"value\":2}");
    Outcome.Pending p = assertInstanceOf(Outcome.Pending.class,
        run.submit(drop, Optional.of(secretive)));
    assertEquals(Optional.of(stored), p.payload().routingEvidence());
    Outcome approved = run.vote(f.vote(run, p.entry().id(), ApprovalPayload.Vote.APPROVE, f.ann))
        .outcome();
    assertEquals(Optional.of(stored),
        assertInstanceOf(Outcome.Committed.class, approved).payload().routingEvidence());

    String ledger = play.everything();
    assertFalse(ledger.contains(API_KEY), "the api key reached the ledger");
    assertFalse(ledger.contains(BEARER_TOKEN), "the bearer token reached the ledger");
    String export = export(play).canonicalString();
    assertFalse(export.contains(API_KEY) || export.contains(BEARER_TOKEN), export);
    assertEquals(List.of("committed", "suspended", "committed"), export(play).elements().stream()
        .map(r -> ((thymos.api.json.JsonString) ((JsonObject) r).get("status").orElseThrow())
            .value()).toList());
    assertTrue(export.contains("\"selected\":\"openai:[REDACTED:"), export);
    assertTrue(f.replay(run.trajectoryId()).verified(), f.replay(run.trajectoryId())::toString);
  }

  @Example
  void required_X9_1_invalidEvidenceIsATypedErrorNamingTheFieldAndRecordsNothing() {
    RoutingPlay play = new RoutingPlay(8, 10);
    RunFixture f = play.f;
    Run run = play.run;
    Intent put = f.put(run, "k", 1);
    long size = run.size();
    int entries = f.entries(run.trajectoryId()).size();
    Json valid = evidence("d-1", "openai:gpt-x").toJson();
    List<String[]> cases = List.of(
        new String[] {"confidence_bps", "10001"}, new String[] {"confidence_bps", "-1"},
        new String[] {"latency_estimate_ms", "-3"}, new String[] {"cost_estimate_millicents", "-1"},
        new String[] {"decision_hash", "\"\""}, new String[] {"selected", "\"\""});
    for (String[] bad : cases) {
      java.util.Map<String, Json> m = new java.util.TreeMap<>(((JsonObject) valid).members());
      m.put(bad[0], Json.parse(bad[1]));
      Json invalid = Json.object(m);
      ProtocolViolation v = assertThrows(ProtocolViolation.class, () -> run.submit(put,
          Optional.of(RoutingEvidence.fromJson(invalid, "/routing_evidence"))));
      assertEquals("/routing_evidence/" + bad[0], v.pointer(), v.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> run.submit(put, Optional.of(new RoutingEvidence("d", "s", List.of(), 10_001,
            List.of(), 0, 0, Optional.empty()))));
    assertTrue(e.getMessage().startsWith("confidence_bps"), e.getMessage());
    assertEquals(size, run.size(), "invalid evidence recorded something");
    assertEquals(entries, f.entries(run.trajectoryId()).size());
    assertEquals(Optional.empty(), run.outcome(put.id()));
    assertEquals(0, f.invocations());
    // The same intent with valid evidence is still new, and its evidence is recorded.
    Outcome.Committed c = assertInstanceOf(Outcome.Committed.class,
        run.submit(put, Optional.of(RoutingEvidence.fromJson(valid, "/routing_evidence"))));
    assertEquals(Optional.of(evidence("d-1", "openai:gpt-x")), c.payload().routingEvidence());
  }

  @Example
  void required_X8_evidenceSurvivesKeyPhrasesThatMatchItsMemberNames() {
    // Redaction works on the evidence's text values, never by member name: a key phrase such as
    // "cost" or "confidence" must not turn a number into a placeholder string (X8, X9.1).
    RunFixture f = new RunFixture();
    Kernel k = Kernel.builder(f.ledger, f.authority, f.clock, f.entropy)
        .tools(thymos.kernel.registry.ToolRegistry.builder().tool(f.put).build())
        .redactor(thymos.kernel.redaction.Redactor.builder()
            .addKeyPhrases("cost", "confidence", "alternatives", "estimate").build())
        .build();
    Run run = k.open(f.writ.id(), "key phrases");
    RoutingEvidence e = evidence("d-2", "openai:gpt-x");
    Outcome.Committed c = assertInstanceOf(Outcome.Committed.class,
        run.submit(f.put(run, "k", 1), Optional.of(e)));
    assertEquals(Optional.of(e), c.payload().routingEvidence());
  }
}
