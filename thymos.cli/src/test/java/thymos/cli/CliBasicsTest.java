package thymos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Project set-up, exit codes and one-line errors of the command line. */
class CliBasicsTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("init creates an owner-only key folder with three keys and a config; a second init is a configuration error")
  void init() throws Exception {
    Cli.Result r = Cli.raw("--no-color", "init", dir.toString());
    assertEquals(Main.OK, r.code(), r::toString);
    assertTrue(Files.isRegularFile(dir.resolve("thymos.json")));
    assertEquals("rwx------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve(".thymos/keys"))));
    for (String alias : new String[] {"anchor", "agent", "approver"}) {
      assertTrue(r.out().contains("key " + alias), r.out());
    }
    Cli.Result again = Cli.raw("init", dir.toString());
    assertEquals(Main.CONFIGURATION, again.code());
    assertTrue(again.err().startsWith("error: [THY-C002]"), again.err());
    assertEquals(1, again.err().lines().count(), "one line, no stack trace");
  }

  @Test
  @DisplayName("exit code 2 for a usage error, 3 without a project, with one line and no stack trace")
  void exitCodes() {
    Cli.Result bogus = Cli.raw("--bogus");
    assertEquals(Main.USAGE, bogus.code());
    assertTrue(bogus.err().contains("Unknown option"), bogus.err());
    Cli.Result none = Cli.raw("--project", dir.resolve("nowhere").toString(), "writ", "list");
    assertEquals(Main.CONFIGURATION, none.code(), none::toString);
    assertTrue(none.err().contains("thymos init"), none.err());
    assertFalse(none.err().contains("\tat "), "no stack trace without --debug");
    Cli.Result debug = Cli.raw("--debug", "--project", dir.resolve("nowhere").toString(),
        "writ", "list");
    assertTrue(debug.err().contains("\tat "), "--debug prints the stack trace");
  }

  @Test
  @DisplayName("a malformed script is a usage error naming the JSON pointer, in one line, and opens no run")
  void badScript() throws Exception {
    assertEquals(Main.OK, Cli.raw("init", dir.toString()).code());
    Cli cli = new Cli(dir);
    Cli.Result writ = cli.run("writ", "issue", "--scope", "kv_*");
    assertEquals(Main.OK, writ.code(), writ::toString);
    String id = writ.out().lines().toList().get(1);
    Files.writeString(dir.resolve("bad.json"),
        "{\"steps\":[{\"intents\":[{\"tool\":\"kv_put\",\"arg\":{}}]}]}");
    Cli.Result r = cli.run("run", dir.resolve("bad.json").toString(), "--writ", id);
    assertEquals(Main.USAGE, r.code(), r::toString);
    assertTrue(r.err().startsWith("error: [THY-E105]"), r.err());
    assertTrue(r.err().contains("/steps/0/intents/0"), r.err());
    assertEquals(1, r.err().lines().count());
    Cli.Result list = cli.run("--json", "ledger", "list");
    assertEquals(1, list.out().split("trajectory_id").length - 1, "only the authority trajectory");
  }

  @Test
  @DisplayName("a malformed config is a configuration error naming the member")
  void badConfig() throws Exception {
    Files.writeString(dir.resolve("thymos.json"), "{\"ledger\":\"memory:\",\"oops\":1}");
    Cli.Result r = new Cli(dir).run("writ", "list");
    assertEquals(Main.CONFIGURATION, r.code(), r::toString);
    assertTrue(r.err().contains("/oops"), r.err());
  }

  @Test
  @DisplayName("writ issue signs and registers a writ; unknown trajectories and entries are usage errors")
  void writAndUnknowns() {
    assertEquals(Main.OK, Cli.raw("init", dir.toString()).code());
    Cli cli = new Cli(dir);
    Cli.Result issued = cli.run("--ledger", "memory:", "writ", "issue", "--scope", "kv_*");
    assertEquals(Main.OK, issued.code(), issued::toString);
    assertTrue(issued.out().startsWith("registered writ:"), issued.out());
    Cli.Result json = cli.run("--ledger", "memory:", "--json", "writ", "issue", "--scope", "kv_*",
        "--ceiling", "read");
    assertTrue(json.out().startsWith("{\"body\":"), json.out());
    Cli.Result badCeiling = cli.run("--ledger", "memory:", "writ", "issue", "--scope", "x",
        "--ceiling", "root");
    assertEquals(Main.USAGE, badCeiling.code(), badCeiling::toString);
    Cli.Result unknown = cli.run("--ledger", "memory:", "replay", "deadbeefdeadbeef");
    assertEquals(Main.USAGE, unknown.code(), unknown::toString);
    assertTrue(unknown.err().contains("unknown_trajectory"), unknown.err());
    Cli.Result vote = cli.run("--ledger", "memory:", "approve", "0".repeat(64));
    assertEquals(Main.USAGE, vote.code(), vote::toString);
    assertTrue(vote.err().contains("unknown_pending"), vote.err());
    Cli.Result missingKey = cli.run("--ledger", "memory:", "writ", "issue", "--scope", "x",
        "--issuer", "nobody");
    assertEquals(Main.CONFIGURATION, missingKey.code(), missingKey::toString);
    assertTrue(missingKey.err().contains("no key 'nobody'"), missingKey.err());
  }
}
