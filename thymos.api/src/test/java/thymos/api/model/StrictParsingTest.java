package thymos.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.JsonNumber;

/** Strict reading (E1.3–E1.5, L4): each refusal names its rule and the JSON pointer. */
class StrictParsingTest {

  private static void refused(String rule, String pointer, Json json,
      BiFunction<Json, String, ?> reader) {
    ProtocolViolation v = assertThrows(ProtocolViolation.class, () -> reader.apply(json, ""));
    assertEquals(rule, v.rule().orElseThrow(), v.getMessage());
    assertEquals(pointer, v.pointer(), v.getMessage());
  }

  private static Json intent() {
    return Intent.of(Samples.intentBody()).toJson();
  }

  private static Json entry() {
    return Entry.create(Samples.TRAJ, 1, Optional.of(Samples.hash(9)), 5, Samples.commit())
        .toJson();
  }

  @Test
  void required_E1_5_unknownMemberIsRefused() {
    refused("E1.5", "/body/extra", Samples.set(intent(), "/body/extra", Json.integer(1)),
        Intent::fromJson);
    refused("E1.5", "/payload/proposal/body/policy_trace/evaluated/0/extra",
        Samples.set(entry(), "/payload/proposal/body/policy_trace/evaluated/0/extra",
            Json.bool(true)), Entry::fromJson);
    refused("E1.5", "/payload/extra", Samples.set(entry(), "/payload/extra", Json.string("x")),
        Entry::fromJson);
    refused("E1.5", "/extra", Samples.set(entry(), "/extra", Json.string("x")), Entry::fromJson);
  }

  @Test
  void required_E1_5_missingMemberIsRefused() {
    refused("E1.5", "/body/nonce", Samples.remove(intent(), "/body/nonce"), Intent::fromJson);
    refused("E1.5", "/payload/proposal/body/tool_version",
        Samples.remove(entry(), "/payload/proposal/body/tool_version"), Entry::fromJson);
    refused("E1.5", "/payload/delta/0/value", Samples.remove(entry(), "/payload/delta/0/value"),
        Entry::fromJson);
  }

  @Test
  void required_E1_5_wrongTypeIsRefused() {
    refused("E1.5", "/body/args", Samples.set(intent(), "/body/args", Json.array(java.util.List.of())),
        Intent::fromJson);
    refused("E1.5", "/payload/observations/0/latency_ms",
        Samples.set(entry(), "/payload/observations/0/latency_ms", Json.string("3")),
        Entry::fromJson);
    refused("E1.5", "/payload/delta", Samples.set(entry(), "/payload/delta", Json.object(
        java.util.Map.of())), Entry::fromJson);
  }

  @Test
  void required_E1_4_nullInAProtocolFieldIsRefusedButAllowedInFreeFormValues() {
    refused("E1.4", "/body/rationale", Samples.set(intent(), "/body/rationale", Json.nullValue()),
        Intent::fromJson);
    refused("E1.4", "/body/based_on", Samples.set(intent(), "/body/based_on", Json.nullValue()),
        Intent::fromJson);
    refused("E1.4", "/signer", Samples.set(entry(), "/signer", Json.nullValue()), Entry::fromJson);
    Json freeForm = Samples.set(intent(), "/body/args/x", Json.nullValue());
    assertEquals(Json.nullValue(),
        Intent.fromJson(freeForm, "").body().args().get("x").orElseThrow());
  }

  @Test
  void required_E1_3_fractionInAnIntegerFieldIsRefused() {
    refused("E1.3", "/seq", Samples.set(entry(), "/seq", new JsonNumber(1.5)), Entry::fromJson);
    refused("E1.3", "/payload/cost/tool_calls",
        Samples.set(entry(), "/payload/cost/tool_calls", new JsonNumber(0.5)), Entry::fromJson);
    refused("E1.3", "/payload/proposal/body/status/quorum",
        Samples.set(entry(), "/payload/proposal/body/status/quorum", new JsonNumber(1e300)),
        Entry::fromJson);
  }

  @Test
  void required_L4_unknownEntryKindAndMismatchedPayloadAreRefused() {
    refused("L4", "/kind", Samples.set(entry(), "/kind", Json.string("note")), Entry::fromJson);
    // The payload is read by the row of the declared kind: a commit payload is not a failure
    // (no error member) nor an execution (no proposal_id).
    refused("E1.5", "/payload/error", Samples.set(entry(), "/kind", Json.string("failure")),
        Entry::fromJson);
    refused("E1.5", "/payload/proposal_id",
        Samples.set(entry(), "/kind", Json.string("execution")), Entry::fromJson);
  }

  @Test
  void required_E4_5_unknownUnionVariantsAreRefused() {
    refused("E1.5", "/payload/proposal/body/status/kind",
        Samples.set(entry(), "/payload/proposal/body/status/kind", Json.string("running")),
        Entry::fromJson);
    refused("E1.5", "/payload/proposal/body/policy_trace/decision/kind",
        Samples.set(entry(), "/payload/proposal/body/policy_trace/decision/kind",
            Json.string("maybe")), Entry::fromJson);
    refused("E1.5", "/payload/delta/0/op",
        Samples.set(entry(), "/payload/delta/0/op", Json.string("upsert")), Entry::fromJson);
    refused("M1", "/body/kind", Samples.set(intent(), "/body/kind", Json.string("plan")),
        Intent::fromJson);
  }

  @Test
  void protocolRangesAreChecked() {
    refused("M4", "/payload/proposal/body/status/quorum",
        Samples.set(entry(), "/payload/proposal/body/status/quorum", Json.integer(0)),
        Entry::fromJson);
    refused("M5", "/payload/delta/0/expected_version",
        Samples.set(Samples.set(entry(), "/payload/delta/0/op", Json.string("replace")),
            "/payload/delta/0/expected_version", Json.integer(0)), Entry::fromJson);
    Json routing = new RoutingEvidence("d", "openai:x", java.util.List.of(), 10_000,
        java.util.List.of(), 1, 1, Optional.empty()).toJson();
    refused("X9.1", "/confidence_bps", Samples.set(routing, "/confidence_bps",
        Json.integer(10_001)), RoutingEvidence::fromJson);
    refused("E2.2", "/body/trajectory_id",
        Samples.set(intent(), "/body/trajectory_id", Json.string("AB".repeat(32))),
        Intent::fromJson);
  }

  @Test
  void onlyOneEncodingForAbsentMarkers() {
    refused("E1.4", "/payload/redacted", Samples.set(entry(), "/payload/redacted",
        Json.bool(false)), Entry::fromJson);
    refused("E1.4", "/payload/approvals", Samples.set(entry(), "/payload/approvals",
        Json.array(java.util.List.of())), Entry::fromJson);
  }

  @Test
  void required_L4_rootNamesExactlyOneOfWritAndSystem() {
    Json root = RootPayload.bound(Samples.hash(7), "run").toJson();
    refused("L4", "", Samples.set(root, "/system", Json.string("authority")),
        RootPayload::fromJson);
    refused("L4", "", Samples.remove(root, "/writ_id"), RootPayload::fromJson);
    refused("L4", "", Samples.set(Samples.remove(root, "/writ_id"), "/system",
        Json.string("elsewhere")), RootPayload::fromJson);
    assertEquals(RootPayload.system("anchors", "a"),
        RootPayload.fromJson(RootPayload.system("anchors", "a").toJson(), ""));
  }
}
