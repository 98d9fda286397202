package thymos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;

/** {@code thymos anchor} (A5.1, A5.2) on the demo project with the file sink. */
class AnchorCommandTest {

  @TempDir
  Path dir;

  private static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), () -> regex + " not in:\n" + text);
    return m.group(1);
  }

  /** The demo project, configured with a runtime key and the given anchor sinks. */
  private Path project(String sinks) throws Exception {
    Path project = dir.resolve("p");
    Cli.Result demo = Cli.raw("--no-color", "demo", "--into", project.toString());
    assertEquals(Main.OK, demo.code(), demo::toString);
    runTrajectory = group(demo.out(), "audit: thymos audit ([0-9a-f]{64})");
    Path config = project.resolve("thymos.json");
    JsonObject c = (JsonObject) Json.parse(Files.readString(config));
    Map<String, Json> m = new java.util.LinkedHashMap<>(c.members());
    m.put("runtime_key", Json.string("anchor"));
    if (sinks != null) {
      m.put("anchor_sinks", Json.parse(sinks));
    }
    Files.writeString(config, new String(Json.object(m).canonicalBytes(), StandardCharsets.UTF_8));
    return project;
  }

  private String runTrajectory;

  @Test
  void required_A5_anchorPublishesToTheFileSinkAndVerifies() throws Exception {
    Path project = project("[{\"provider\":\"file\",\"config\":{\"path\":\".thymos/anchors.jsonl\"}}]");
    Cli cli = new Cli(project);
    String t = runTrajectory;
    Cli.Result r = cli.run("anchor", t.substring(0, 12));
    assertEquals(Main.OK, r.code(), r::toString);
    assertTrue(r.out().contains("anchored traj:" + t), r.out());
    assertTrue(r.out().contains("published to file:"), r.out());
    // the anchored trajectory's proof chain to the published root verifies from the ledger
    // (the same check an auditor makes with the anchor checkpoint a sink holds)
    assertTrue(r.out().contains("as anchor seq 1"), r.out());
    Path file = project.resolve(".thymos/anchors.jsonl");
    assertEquals(1, Files.readAllLines(file).size());
    // again: nothing new to anchor, but the anchor trajectory grew by the receipt: republished
    Cli.Result again = cli.run("--json", "anchor", t);
    assertEquals(Main.OK, again.code(), again::toString);
    JsonObject doc = (JsonObject) Json.parse(again.out().strip());
    assertEquals(1, ((thymos.api.json.JsonArray) doc.get("receipts").orElseThrow()).size());
    assertEquals(2, Files.readAllLines(file).size());

    Cli.Result verify = cli.run("anchor", "--verify");
    assertEquals(Main.OK, verify.code(), verify::toString);
    assertTrue(verify.out().contains("verified: 2 receipt(s)"), verify.out());

    // rewrite the file's history: the recorded receipts no longer verify
    List<String> lines = Files.readAllLines(file);
    Files.writeString(file, lines.get(1) + "\n" + lines.get(0) + "\n");
    Cli.Result broken = cli.run("anchor", "--verify");
    assertEquals(Main.VERIFICATION_FAILED, broken.code(), broken::toString);
    assertTrue(broken.out().contains("[THY-A502]"), broken.out());
    Cli.Result refused = cli.run("anchor", t);
    assertEquals(Main.CONFIGURATION, refused.code(), refused::toString);
    assertTrue(refused.err().contains("[THY-A502]") && refused.err().contains("rewritten"),
        refused.err());
  }

  @Test
  void required_A5_2_configurationErrorsAreTyped() throws Exception {
    Path project = project("[{\"provider\":\"nosuch\"}]");
    Cli cli = new Cli(project);
    Cli.Result r = cli.run("anchor", "--verify");
    assertEquals(Main.CONFIGURATION, r.code(), r::toString);
    assertTrue(r.err().contains("[THY-A502]") && r.err().contains("file (spec 1"), r.err());
    Cli.Result both = cli.run("anchor", "--verify", "abcdef12");
    assertEquals(Main.USAGE, both.code(), both::toString);
    Files.writeString(project.resolve("thymos.json"), Files.readString(
        project.resolve("thymos.json")).replace("\"anchor_sinks\":[{\"provider\":\"nosuch\"}]",
        "\"anchor_sinks\":[{\"provider\":\"file\",\"x\":1}]"));
    Cli.Result strict = cli.run("anchor", "--verify");
    assertEquals(Main.CONFIGURATION, strict.code(), strict::toString);
    assertTrue(strict.err().contains("/anchor_sinks/0/x"), strict.err());
  }

  @Test
  void required_A4_anchoringNeedsARuntimeKey() throws Exception {
    Path project = project(null);
    Path config = project.resolve("thymos.json");
    Files.writeString(config, Files.readString(config).replace("\"runtime_key\":\"anchor\",",
        ""));
    Cli.Result r = new Cli(project).run("anchor");
    assertEquals(Main.CONFIGURATION, r.code(), r::toString);
    assertTrue(r.err().contains("runtime_key"), r.err());
  }
}
