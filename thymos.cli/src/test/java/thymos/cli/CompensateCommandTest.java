package thymos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.model.CommitPayload;
import thymos.api.model.Entry;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerConfig;
import thymos.ledger.spi.Ledgers;

/**
 * {@code thymos compensate} on the hello demo's SQLite project (X6.2, X6.4): the kv_put and the
 * fs_write are undone newest first, the fs_read stops the walk, a second call undoes nothing
 * twice, and replay still verifies.
 */
class CompensateCommandTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("X6.2/X6.4: thymos compensate --to root undoes newest first, stops at fs_read, resumes without undoing twice")
  void required_X6_4_compensateCommandOnDemoProject() throws Exception {
    Path project = dir.resolve("p");
    Cli.Result demo = Cli.raw("--no-color", "demo", Path.of("../examples/hello").toString(),
        "--into", project.toString());
    assertEquals(Main.OK, demo.code(), demo::toString);
    Matcher m = Pattern.compile("audit: thymos audit ([0-9a-f]{64})").matcher(demo.out());
    assertTrue(m.find(), demo.out());
    String trajectory = m.group(1);
    Path db = project.resolve(".thymos/ledger.db");
    List<Entry> before = entries(project, trajectory);
    Hash32 root = before.getFirst().id();
    List<Hash32> commits = before.stream().filter(e -> e.payload() instanceof CommitPayload)
        .map(Entry::id).toList();
    assertEquals(3, commits.size(), before.toString()); // fs_read, fs_write, kv_put

    Cli cli = new Cli(project);
    Cli.Result first = cli.run("--json", "compensate", trajectory.substring(0, 12),
        "--to", root.hex());
    assertEquals(Main.VERIFICATION_FAILED, first.code(), first::toString);
    JsonObject report = (JsonObject) Json.parse(first.out());
    JsonArray undone = (JsonArray) report.get("undone").orElseThrow();
    assertEquals(2, undone.elements().size(), first.out());
    assertEquals(Json.string(commits.get(2).hex()),
        ((JsonObject) undone.elements().get(0)).get("commit").orElseThrow());
    assertEquals(Json.string(commits.get(1).hex()),
        ((JsonObject) undone.elements().get(1)).get("commit").orElseThrow());
    assertEquals(Json.array(List.of(Json.string(commits.get(0).hex()))),
        report.get("remaining").orElseThrow());
    assertEquals(Json.string("not_compensable"),
        ((JsonObject) report.get("stop").orElseThrow()).get("kind").orElseThrow());
    // fs_write's compensation restored the file with its typo.
    assertTrue(Files.readString(project.resolve("workspace/NOTES.md")).contains("recrods"));

    Cli.Result again = cli.run("compensate", trajectory, "--to", "entry:" + root.hex());
    assertEquals(Main.VERIFICATION_FAILED, again.code(), again::toString);
    assertTrue(again.out().contains("undone: 0"), again.out());
    assertTrue(again.out().contains("remaining: 1"), again.out());
    assertTrue(again.out().contains("not_compensable"), again.out());
    List<Entry> after = entries(project, trajectory);
    assertEquals(before.size() + 2, after.size());

    Cli.Result below = cli.run("compensate", trajectory, "--to", commits.get(0).hex());
    assertEquals(Main.OK, below.code(), below::toString);
    assertTrue(below.out().contains("undone: 0"), below.out());
    assertEquals(Main.OK, cli.run("replay", trajectory).code());

    Cli.Result bad = cli.run("compensate", trajectory, "--to", "nope");
    assertEquals(Main.USAGE, bad.code(), bad::toString);
    assertTrue(bad.err().contains("unknown_target"), bad.err());
    assertTrue(db.toFile().exists());
  }

  private static List<Entry> entries(Path project, String trajectory) {
    try (LedgerBackend ledger = Ledgers.open(new LedgerConfig("sqlite:"
        + project.resolve(".thymos/ledger.db"), Map.of()))) {
      return thymos.cli.Trajectories.entries(ledger, Hash32.parse(trajectory));
    }
  }
}
