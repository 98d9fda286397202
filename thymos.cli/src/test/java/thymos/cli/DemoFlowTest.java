package thymos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.crypto.Hash32;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerConfig;
import thymos.ledger.spi.Ledgers;

/**
 * The README's main job in-process: the hello example end to end on SQLite, then the audit,
 * replay, approve/deny and corruption paths of the command line against its ledger.
 */
class DemoFlowTest {

  @TempDir
  Path dir;

  private static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), () -> regex + " not in:\n" + text);
    return m.group(1);
  }

  @Test
  @DisplayName("demo without an example folder runs the built-in copy of examples/hello, from any working folder")
  void builtInExample() throws Exception {
    // The tests run in thymos.cli/, where examples/hello does not resolve: only the bundled copy can.
    assertFalse(Files.exists(Path.of("examples/hello")));
    Path project = dir.resolve("builtin");
    Cli.Result r = Cli.raw("--no-color", "demo", "--into", project.toString());
    assertEquals(Main.OK, r.code(), r::toString);
    assertTrue(r.out().contains("termination: done"), r.out());
    assertTrue(r.out().contains("replay: verified"), r.out());
    assertEquals(Files.readString(Path.of("../examples/hello/workspace/NOTES.md")).replace(
        "recrods", "records"), Files.readString(project.resolve("workspace/NOTES.md")));
    try (var temps = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertFalse(temps.anyMatch(t -> t.getFileName().toString().startsWith("thymos-example-")
          && t.toFile().lastModified() >= START_MS), "the unpacked example is deleted");
    }
  }

  private static final long START_MS = System.currentTimeMillis();

  @Test
  @DisplayName("demo runs hello end to end on SQLite: read, fix, out-of-scope rejection, approval, done, replay verified")
  void demo() throws Exception {
    Path project = dir.resolve("p");
    Cli.Result r = Cli.raw("--no-color", "demo", Path.of("../examples/hello").toString(),
        "--into", project.toString());
    assertEquals(Main.OK, r.code(), r::toString);
    String out = r.out();
    assertTrue(out.contains("exec rejected: out_of_scope"), out);
    assertTrue(out.contains("pending_approval"), out);
    assertTrue(out.contains("termination: done"), out);
    assertTrue(out.contains("replay: verified"), out);
    assertEquals("# Release notes\n\nThymos records every action an agent takes, so an auditor"
        + " can replay it later.\n", Files.readString(project.resolve("workspace/NOTES.md")));
    String trajectory = group(out, "audit: thymos audit ([0-9a-f]{64})");

    Cli cli = new Cli(project);
    Cli.Result replay = cli.run("replay", trajectory.substring(0, 12));
    assertEquals(Main.OK, replay.code(), replay::toString);
    Cli.Result json = cli.run("--json", "replay", trajectory);
    assertTrue(json.out().contains("\"verdict\":\"verified\""), json.out());
    assertEquals(Main.OK, cli.run("audit", trajectory).code());
    assertEquals(Main.OK, cli.run("ledger", "list").code());

    // Corrupt one byte of a stored entry in the database file: replay names the seq.
    Path db = project.resolve(".thymos/ledger.db");
    Hash32 traj = Hash32.parse(trajectory);
    try (LedgerBackend ledger = Ledgers.open(new LedgerConfig("sqlite:" + db,
        Map.of("corruption_hook", "true")))) {
      byte[] bytes;
      try (var s = ledger.read(traj, 4, 5)) {
        bytes = s.findFirst().orElseThrow().canonicalBytes();
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      int at = text.indexOf("records every");
      assertTrue(at > 0, text);
      bytes[at] = 'R';
      ledger.corruptionHook().orElseThrow().replaceStoredBytes(traj, 4, bytes);
    }
    Cli.Result broken = cli.run("replay", trajectory);
    assertEquals(Main.VERIFICATION_FAILED, broken.code(), broken::toString);
    assertTrue(broken.out().contains("seq 4"), broken.out());
  }

  @Test
  @DisplayName("demo examples/delegation: a child runs and is closed, a delegation beyond the writ is rejected, replay covers the tree (09 D1-D4, 07 R8)")
  void delegationExample() throws Exception {
    Path project = dir.resolve("d");
    Cli.Result r = Cli.raw("--no-color", "demo", Path.of("../examples/delegation").toString(),
        "--into", project.toString());
    assertEquals(Main.OK, r.code(), r::toString);
    String out = r.out();
    assertTrue(out.contains("delegate rejected: invalid_delegation"), out);
    assertTrue(out.contains("termination: done"), out);
    assertTrue(out.contains("closed: done"), out);
    assertTrue(out.contains("replay: verified"), out);
    assertTrue(out.contains("delegation: verified (1 descendant(s), 1 delegation(s), depth 1)"),
        out);
    String trajectory = group(out, "audit: thymos audit ([0-9a-f]{64})");
    Cli cli = new Cli(project);
    Cli.Result dag = cli.run("dag", trajectory);
    assertEquals(Main.OK, dag.code(), dag::toString);
    assertTrue(dag.out().contains("task \"count docs items\""), dag.out());
    assertTrue(dag.out().contains("2 node(s), 1 edge(s), depth 1"), dag.out());
    Cli.Result json = cli.run("--json", "replay", trajectory);
    assertEquals(Main.OK, json.code(), json::toString);
    assertTrue(json.out().contains("\"delegation\":{"), json.out());
    // The child's own trajectory replays on its own, too.
    String child = group(dag.out(), "`- traj:([0-9a-f]{12})");
    assertEquals(Main.OK, cli.run("replay", child).code());
  }
}
