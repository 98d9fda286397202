package thymos.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;

/** X9.1: routing evidence is validated; every refusal names the offending field. */
class RoutingEvidenceTest {

  private static RoutingEvidence.Fallback fallback(String provider) {
    return new RoutingEvidence.Fallback(provider, Optional.of("llama"), "rate limited");
  }

  private static RoutingEvidence evidence(String decision, String selected, long bps,
      long latency, long cost, String fallbackProvider) {
    return new RoutingEvidence(decision, selected, List.of("b:y"), bps, List.of("cheapest"),
        latency, cost, Optional.of(fallback(fallbackProvider)));
  }

  private static void refusedNaming(String field, Executable build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
    assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
  }

  @Test
  @DisplayName("X9.1: the constructor refuses an empty decision_hash/selected/fallback provider, confidence outside 0..10000 and negative estimates, naming the field")
  void required_X9_1_constructorNamesTheField() {
    refusedNaming("decision_hash", () -> evidence("", "a:x", 1, 1, 1, "local"));
    refusedNaming("selected", () -> evidence("d", "", 1, 1, 1, "local"));
    refusedNaming("confidence_bps", () -> evidence("d", "a:x", -1, 1, 1, "local"));
    refusedNaming("confidence_bps", () -> evidence("d", "a:x", 10_001, 1, 1, "local"));
    refusedNaming("latency_estimate_ms", () -> evidence("d", "a:x", 1, -1, 1, "local"));
    refusedNaming("cost_estimate_millicents", () -> evidence("d", "a:x", 1, 1, -5, "local"));
    refusedNaming("fallback.provider", () -> evidence("d", "a:x", 1, 1, 1, ""));
    // The edges of the ranges are valid.
    assertEquals(0, evidence("d", "a:x", 0, 0, 0, "l").confidenceBps());
    assertEquals(RoutingEvidence.MAX_BPS, evidence("d", "a:x", 10_000, 0, 0, "l").confidenceBps());
  }

  private static void refused(String rule, String pointer, String member, Json value) {
    Json valid = evidence("d", "a:x", 5_000, 10, 20, "local").toJson();
    Json bad = Samples.set(valid, pointer, value);
    ProtocolViolation v = assertThrows(ProtocolViolation.class,
        () -> RoutingEvidence.fromJson(bad, "/routing_evidence"));
    assertEquals("/routing_evidence" + pointer, v.pointer(), v.getMessage());
    assertTrue(v.pointer().endsWith(member), v.getMessage());
    if (rule != null) {
      assertEquals(rule, v.rule().orElseThrow(), v.getMessage());
    }
  }

  @Test
  @DisplayName("X9.1: reading the JSON form refuses the same values with a protocol violation at the member's pointer")
  void required_X9_1_fromJsonNamesThePointer() {
    refused("X9.1", "/decision_hash", "decision_hash", Json.string(""));
    refused("X9.1", "/selected", "selected", Json.string(""));
    refused("X9.1", "/confidence_bps", "confidence_bps", Json.integer(10_001));
    refused(null, "/confidence_bps", "confidence_bps", Json.integer(-1));
    refused(null, "/latency_estimate_ms", "latency_estimate_ms", Json.integer(-1));
    refused(null, "/cost_estimate_millicents", "cost_estimate_millicents", Json.integer(-1));
    refused("X9.1", "/fallback/provider", "provider", Json.string(""));
    refused(null, "/decision_hash", "decision_hash", Json.integer(7));
    RoutingEvidence ok = evidence("d", "a:x", 10_000, 0, 0, "local");
    assertEquals(ok, RoutingEvidence.fromJson(ok.toJson(), ""));
  }
}
