package thymos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.RoutingEvidence;
import thymos.kernel.run.Kernel;
import thymos.kernel.run.Outcome;
import thymos.kernel.run.Run;

/** {@code thymos routing}: the pull export of X9.2 from a project ledger. */
class RoutingCommandTest {

  private static final String ARG = "zqargmarkerqwv";
  private static final String WHY = "zqrationalemarkerx";
  private static final String TENANT = "zqtenantmarkerkk";
  private static final String FREE = "zqfreetextmarkerp";

  @TempDir
  Path dir;

  private static RoutingEvidence evidence(String decision, String selected) {
    return new RoutingEvidence(decision, selected, List.of("local:" + FREE), 8_000,
        List.of(FREE), 700, 30, Optional.of(new RoutingEvidence.Fallback("local",
            Optional.empty(), FREE)));
  }

  private static Intent intent(Run run, String tool, int n) {
    JsonObject args = (JsonObject) Json.parse("{\"key\":\"k" + n + "\",\"value\":\"" + ARG
        + "\"}");
    byte[] nonce = new byte[Nonce.LENGTH];
    nonce[0] = (byte) n;
    return Intent.of(new IntentBody(run.trajectoryId(), IntentKind.ACT, tool, args, "scripted",
        Optional.of(WHY), Optional.empty(), Nonce.of(nonce)));
  }

  @Test
  @DisplayName("X9.2: thymos routing prints one four-field record per outcome with evidence, as text or --json, and nothing of the run")
  void required_X9_2_routingCommandExportsFourFieldsOnly() {
    assertEquals(Main.OK, Cli.raw("init", dir.toString()).code());
    Cli cli = new Cli(dir);
    Cli.Result writ = cli.run("writ", "issue", "--scope", "kv_*", "--tenant", TENANT);
    assertEquals(Main.OK, writ.code(), writ::toString);
    String writId = writ.out().lines().toList().get(1);

    String trajectory;
    long latency;
    try (Project p = Project.find(Optional.of(dir), Optional.empty(),
        new KeyPassphrase(Optional.empty(), name -> null))) {
      Kernel kernel = p.kernel(List.of());
      Run run = kernel.open(WritCommand.find(kernel.authority(), writId).id(), "routing");
      trajectory = run.trajectoryId().hex();
      Outcome.Committed c = assertInstanceOf(Outcome.Committed.class,
          run.submit(intent(run, "kv_put", 1), Optional.of(evidence("dec-1", "openai:gpt-x"))));
      latency = c.payload().cost().wallClockMs();
      assertInstanceOf(Outcome.Committed.class, run.submit(intent(run, "kv_put", 2)));
      Outcome.Rejected r = assertInstanceOf(Outcome.Rejected.class,
          run.submit(intent(run, "kv_nope", 3), Optional.of(evidence("dec 2", "anthropic:c"))));
      assertEquals("unknown_tool", r.kind());
    }

    Cli.Result text = cli.run("routing", trajectory.substring(0, 12));
    assertEquals(Main.OK, text.code(), text::toString);
    assertEquals("dec-1 openai:gpt-x committed " + latency + "ms\n"
        + "\"dec 2\" anthropic:c rejected 0ms\n", text.out());

    Cli.Result json = cli.run("--json", "routing", "traj:" + trajectory);
    assertEquals(Main.OK, json.code(), json::toString);
    assertEquals("[{\"decision_hash\":\"dec-1\",\"latency_ms\":" + latency
        + ",\"selected\":\"openai:gpt-x\",\"status\":\"committed\"},"
        + "{\"decision_hash\":\"dec 2\",\"latency_ms\":0,\"selected\":\"anthropic:c\","
        + "\"status\":\"rejected\"}]\n", json.out());

    for (String output : List.of(text.out(), json.out())) {
      for (String leak : List.of(ARG, WHY, TENANT, FREE, writId, trajectory, "kv_put")) {
        assertFalse(output.contains(leak), () -> leak + " leaked into " + output);
      }
    }
    // The markers are in the ledger: the export left them out.
    Cli.Result ledger = cli.run("--json", "ledger", "show", trajectory);
    assertEquals(Main.OK, ledger.code(), ledger::toString);
    assertTrue(ledger.out().contains(ARG) && ledger.out().contains(FREE), ledger.out());

    Cli.Result unknown = cli.run("routing", "0123456789abcdef");
    assertEquals(Main.USAGE, unknown.code(), unknown::toString);
    assertTrue(unknown.err().contains("unknown_trajectory"), unknown.err());
  }

  @Test
  @DisplayName("X9.2: a value with spaces, quotes or control characters is printed as a JSON string, so a record stays one line")
  void fieldsStayOnOneLine() {
    assertEquals("openai:gpt-x", RoutingCommand.field("openai:gpt-x"));
    assertEquals("\"a b\"", RoutingCommand.field("a b"));
    assertEquals("\"a\\nb\"", RoutingCommand.field("a\nb"));
    assertEquals("\"\\\"q\\\"\"", RoutingCommand.field("\"q\""));
    assertEquals("\"é\"", RoutingCommand.field("é"));
  }
}
