package thymos.kernel.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.CommitPayload;
import thymos.api.model.Decision;
import thymos.api.model.Delta;
import thymos.api.model.EffectClass;
import thymos.api.model.Entry;
import thymos.api.model.ErrorInfo;
import thymos.api.model.FailurePayload;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.Observation;
import thymos.api.model.Payload;
import thymos.api.model.PendingApprovalPayload;
import thymos.api.model.PolicyTrace;
import thymos.api.model.Proposal;
import thymos.api.model.ProposalBody;
import thymos.api.model.ProposalStatus;
import thymos.api.model.RejectionPayload;
import thymos.api.model.RejectionReason;
import thymos.api.model.RiskClass;
import thymos.api.model.RootPayload;
import thymos.api.model.RoutingEvidence;
import thymos.kernel.routing.RoutingOutcome.Status;

class RoutingOutcomesTest {

  private static final String SECRET = "sk-live-abcdef0123456789";
  private static final Hash32 TRAJECTORY = hash("trajectory");
  private static final Hash32 WRIT = hash("writ");
  private static final String VERSION = "test-compiler/1";

  private final List<Entry> entries = new ArrayList<>();
  private int nonces;

  private static Hash32 hash(String s) {
    return Ids.blake3(s.getBytes(StandardCharsets.UTF_8));
  }

  private static RoutingEvidence evidence(String decision, String selected) {
    return new RoutingEvidence(decision, selected, List.of("anthropic:claude-x", "local:llama"),
        7_500, List.of("cheapest_within_sla"), 900, 120,
        Optional.of(new RoutingEvidence.Fallback("local", Optional.of("llama"), "rate limited")));
  }

  private Entry append(Payload payload) {
    Optional<Hash32> parent = entries.isEmpty()
        ? Optional.empty() : Optional.of(entries.getLast().id());
    Entry e = Entry.create(TRAJECTORY, entries.size(), parent, 1_000 + entries.size(), payload);
    entries.add(e);
    return e;
  }

  private Intent intent() {
    byte[] nonce = new byte[16];
    nonce[0] = (byte) ++nonces;
    JsonObject args = Json.object(Map.of("api_key", Json.string(SECRET)));
    return Intent.of(new IntentBody(TRAJECTORY, IntentKind.ACT, "http_post", args, "scripted",
        Optional.of("free text rationale"), Optional.empty(), Nonce.of(nonce)));
  }

  private static Proposal proposal(Intent i, ProposalStatus status) {
    Decision d = status instanceof ProposalStatus.Suspended s
        ? new Decision.RequireApproval(s.channel(), s.reason(), Optional.of(s.quorum()))
        : Decision.Permit.INSTANCE;
    return Proposal.of(new ProposalBody(i.id(), WRIT, TRAJECTORY, i.body().tool(), "1",
        EffectClass.READ, RiskClass.LOW, i.body().args(), new Budget(0, 1, 5, 0),
        new PolicyTrace(hash("policies"), List.of(), d), status));
  }

  private Entry commit(Intent i, long wallClockMs, Optional<RoutingEvidence> ev) {
    return append(new CommitPayload(i.body(), i.id(), false,
        proposal(i, ProposalStatus.Staged.INSTANCE), Delta.EMPTY,
        List.of(Observation.of("http_post", Json.string("output " + SECRET), 3)),
        new Budget(10, 1, wallClockMs, 5), VERSION, List.of(), Optional.empty(), ev));
  }

  private Entry commit(long wallClockMs, Optional<RoutingEvidence> ev) {
    return commit(intent(), wallClockMs, ev);
  }

  private Entry reject(Optional<RoutingEvidence> ev) {
    Intent i = intent();
    return append(new RejectionPayload(i.body(), i.id(), false,
        new RejectionReason("scope_denied", "tool not in writ scopes", JsonObject.EMPTY),
        Optional.empty(), hash("policies"), Optional.empty(), VERSION, ev));
  }

  private Entry suspend(Intent i, Optional<RoutingEvidence> ev) {
    return append(new PendingApprovalPayload(i.body(), i.id(), false,
        proposal(i, new ProposalStatus.Suspended("ops", "risky", 1)), "ops", "risky", 1,
        List.of(), Optional.empty(), VERSION, ev));
  }

  private Entry fail(Intent i) {
    return append(new FailurePayload(i.body(), i.id(), false, Optional.empty(),
        new ErrorInfo("tool_error", "disk full"), VERSION));
  }

  @Test
  void required_X9_2_recordHasExactlyDecisionHashSelectedStatusAndLatency() {
    append(RootPayload.bound(WRIT, "test run"));
    commit(42, Optional.of(evidence("dec-1", "openai:gpt-x")));

    List<RoutingOutcome> out = RoutingOutcomes.derive(entries.stream());

    assertEquals(1, out.size());
    JsonObject json = out.getFirst().toJson();
    assertEquals(Set.of("decision_hash", "selected", "status", "latency_ms"),
        json.members().keySet());
    assertEquals(Json.parse(
        "{\"decision_hash\":\"dec-1\",\"selected\":\"openai:gpt-x\",\"status\":\"committed\","
            + "\"latency_ms\":42}"), json);
  }

  @Test
  void required_X9_2_noArgsOutputsTenantWritOrFreeTextLeakIntoTheExport() {
    commit(42, Optional.of(evidence("dec-1", "openai:gpt-x")));
    reject(Optional.of(evidence("dec-2", "local:llama")));

    String text = RoutingOutcomes.toJson(RoutingOutcomes.derive(entries.iterator())).toString();

    for (String leak : List.of(SECRET, "api_key", "rationale", WRIT.hex(), TRAJECTORY.hex(),
        "scope_denied", "rate limited", "anthropic", "cheapest_within_sla")) {
      assertFalse(text.contains(leak), leak + " leaked into " + text);
    }
  }

  @Test
  void required_X9_2_statusFollowsTheOutcomeKindAndOnlyACommitHasLatency() {
    commit(42, Optional.of(evidence("c", "p:commit")));
    reject(Optional.of(evidence("r", "p:reject")));
    suspend(intent(), Optional.of(evidence("s", "p:suspend")));

    assertEquals(List.of(
        new RoutingOutcome(0, "c", "p:commit", Status.COMMITTED, 42),
        new RoutingOutcome(1, "r", "p:reject", Status.REJECTED, 0),
        new RoutingOutcome(2, "s", "p:suspend", Status.SUSPENDED, 0)),
        RoutingOutcomes.derive(entries.stream()));
  }

  @Test
  void required_X9_2_entriesWithoutEvidenceAreSkipped() {
    append(RootPayload.bound(WRIT, "test run"));
    commit(7, Optional.empty());
    reject(Optional.empty());
    suspend(intent(), Optional.empty());
    fail(intent());
    Entry kept = reject(Optional.of(evidence("only", "p:x")));

    List<RoutingOutcome> out = RoutingOutcomes.derive(entries.stream());

    assertEquals(List.of(new RoutingOutcome(kept.seq(), "only", "p:x", Status.REJECTED, 0)), out);
  }

  @Test
  void required_X9_2_recordsAreOrderedBySeqWhateverTheInputOrder() {
    for (int n = 0; n < 5; n++) {
      commit(n, Optional.of(evidence("d" + n, "p:" + n)));
    }
    List<Entry> reversed = new ArrayList<>(entries).reversed();

    List<RoutingOutcome> out = RoutingOutcomes.derive(reversed.iterator());

    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), out.stream().map(RoutingOutcome::seq).toList());
    assertEquals(List.of("d0", "d1", "d2", "d3", "d4"),
        out.stream().map(RoutingOutcome::decisionHash).toList());
  }

  @Test
  void failureTakesTheEvidenceLastRecordedForItsIntent() {
    Intent approvedThenFailed = intent();
    suspend(approvedThenFailed, Optional.of(evidence("first", "p:a")));
    suspend(intent(), Optional.of(evidence("other", "p:b")));
    Entry failure = fail(approvedThenFailed);

    List<RoutingOutcome> out = RoutingOutcomes.derive(entries.stream());

    assertEquals(new RoutingOutcome(failure.seq(), "first", "p:a", Status.FAILED, 0),
        out.getLast());
    assertEquals(3, out.size());
  }

  @Test
  void failureOfAnIntentWhoseOutcomesCarriedNoEvidenceIsSkipped() {
    Intent i = intent();
    suspend(i, Optional.empty());
    reject(Optional.of(evidence("unrelated", "p:x")));
    fail(i);

    assertEquals(List.of(Status.REJECTED), RoutingOutcomes.derive(entries.stream()).stream()
        .map(RoutingOutcome::status).toList());
  }

  @Test
  void statusWireFormsAreThoseOfX9_2() {
    assertEquals(List.of("committed", "rejected", "suspended", "failed"),
        List.of(Status.values()).stream().map(Status::wire).toList());
  }
}
