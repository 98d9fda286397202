package thymos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.kernel.run.Coordination;

/** 09 §D5 limits configured in {@code thymos.json} and applied by {@code thymos run}. */
class CoordinationConfigTest {

  @TempDir
  Path dir;

  private static ProjectConfig config(String coordination) {
    return ProjectConfig.fromJson(Json.parse("{\"ledger\": \"memory:\", \"coordination\": "
        + coordination + "}"));
  }

  @Test
  @DisplayName("D5: thymos.json reads coordination limits strictly and writes them back")
  void required_D5_configReadsLimitsStrictly() {
    ProjectConfig c = config("{\"max_depth\": 2, \"max_fan_out\": 8, \"disjoint_writes\": true}");
    assertEquals(new Coordination(Optional.of(2), Optional.of(8), Optional.empty(), true),
        c.coordination());
    assertEquals(c, ProjectConfig.fromJson(c.toJson()));
    assertEquals(Coordination.NONE,
        ProjectConfig.fromJson(Json.parse("{\"ledger\": \"memory:\"}")).coordination());
    assertEquals("/coordination/max_fan_out", assertThrows(ProtocolViolation.class,
        () -> config("{\"max_fan_out\": 0}")).pointer());
    assertEquals("/coordination/max_depth", assertThrows(ProtocolViolation.class,
        () -> config("{\"max_depth\": 4294967296}")).pointer());
    assertEquals("/coordination/fan_out", assertThrows(ProtocolViolation.class,
        () -> config("{\"fan_out\": 2}")).pointer());
  }

  @Test
  @DisplayName("D5: thymos run applies the project's max_fan_out to delegate intents")
  void required_D5_runAppliesProjectLimits() throws Exception {
    assertEquals(Main.OK, Cli.raw("init", dir.toString()).code());
    Path file = dir.resolve(ProjectConfig.FILE);
    String json = Files.readString(file, StandardCharsets.UTF_8).trim();
    Files.writeString(file, json.substring(0, json.length() - 1)
        + ", \"coordination\": {\"max_fan_out\": 1}}", StandardCharsets.UTF_8);
    Cli cli = new Cli(dir);
    Cli.Result writ = cli.run("writ", "issue", "--scope", "kv_*", "--scope", "delegate",
        "--max-depth", "1", "--may-subdivide");
    assertEquals(Main.OK, writ.code(), writ::toString);
    String budget = "\"budget\": {\"tokens\": 10, \"tool_calls\": 2, \"wall_clock_ms\": 1000,"
        + " \"usd_millicents\": 10}";
    Path script = dir.resolve("script.json");
    Files.writeString(script, "{\"steps\": [{\"intents\": ["
        + "{\"kind\": \"delegate\", \"tool\": \"delegate\", \"args\": {\"task\": \"one\", "
        + "\"scopes\": [\"kv_put\"], " + budget + "}},"
        + "{\"kind\": \"delegate\", \"tool\": \"delegate\", \"args\": {\"task\": \"two\", "
        + "\"scopes\": [\"kv_put\"], " + budget + "}}],"
        + " \"final_answer\": \"delegated\"}]}", StandardCharsets.UTF_8);
    Cli.Result run = cli.run("run", script.toString(), "--writ",
        writ.out().lines().toList().get(1).substring(0, 12));
    assertEquals(Main.OK, run.code(), run::toString);
    assertTrue(run.out().contains("delegated \"one\""), run.out());
    assertTrue(run.out().contains("delegate rejected: policy_denied — policy "
        + "coordination.max_fan_out denied"), run.out());
  }
}
