package thymos.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.crypto.Hash32;
import thymos.kernel.authority.AuthorityLedger;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerConfig;
import thymos.ledger.spi.Ledgers;

/**
 * {@code export}/{@code import} (L8.1, L8.2), {@code checkpoint} (A4), {@code prove} and {@code
 * verify-proof} (A2) against the demo's SQLite ledger.
 */
class BundleCommandsTest {

  @TempDir
  Path dir;
  Path project;
  Cli cli;
  String trajectory;

  @BeforeEach
  void demo() throws Exception {
    project = dir.resolve("p");
    Cli.Result r = Cli.raw("--no-color", "demo", Path.of("../examples/hello").toString(),
        "--into", project.toString());
    assertEquals(Main.OK, r.code(), r::toString);
    Matcher m = Pattern.compile("audit: thymos audit ([0-9a-f]{64})").matcher(r.out());
    assertTrue(m.find(), r.out());
    trajectory = m.group(1);
    cli = new Cli(project);
  }

  private void configureRuntimeKey() throws Exception {
    assertEquals(Main.OK, cli.run("keygen", "runtime").code());
    Path config = project.resolve("thymos.json");
    String text = Files.readString(config);
    Files.writeString(config, text.replaceFirst("\\{", "{\"runtime_key\":\"runtime\","));
  }

  private static List<byte[]> entries(Path db, Hash32 t) {
    try (LedgerBackend l = Ledgers.open(new LedgerConfig("sqlite:" + db, Map.of()));
        var s = l.readBytes(t)) {
      return s.toList();
    }
  }

  @Test
  @DisplayName("required_L8_1_L8_2: export then import into a fresh ledger gives byte-identical entries, replay verifies, a second import appends nothing")
  void exportImportRoundTrip() throws Exception {
    configureRuntimeKey();
    Path bundle = dir.resolve("run.bundle");
    String authority = AuthorityLedger.TRAJECTORY_ID.hex();
    Cli.Result ex = cli.run("export", trajectory.substring(0, 12), authority, "--to",
        bundle.toString());
    assertEquals(Main.OK, ex.code(), ex::toString);
    assertTrue(ex.out().contains("exported"), ex.out());

    Path fresh = dir.resolve("fresh.db");
    String ledger = "sqlite:" + fresh;
    Cli.Result im = cli.run("--ledger", ledger, "import", bundle.toString());
    assertEquals(Main.OK, im.code(), im::toString);
    Hash32 t = Hash32.parse(trajectory);
    List<byte[]> a = entries(project.resolve(".thymos/ledger.db"), t);
    List<byte[]> b = entries(fresh, t);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i), "seq " + i);
    }
    Cli.Result replay = cli.run("--ledger", ledger, "replay", trajectory);
    assertEquals(Main.OK, replay.code(), replay::toString);
    Cli.Result again = cli.run("--json", "--ledger", ledger, "import", bundle.toString());
    assertEquals(Main.OK, again.code(), again::toString);
    assertTrue(again.out().contains("\"appended\":0,"), again.out());
  }

  @Test
  @DisplayName("required_L8_2: a tampered bundle is refused with one error line, exit 1, and nothing is written")
  void tamperedBundle() throws Exception {
    configureRuntimeKey();
    Path bundle = dir.resolve("run.bundle");
    assertEquals(Main.OK, cli.run("export", trajectory, "--to", bundle.toString()).code());
    List<String> lines = Files.readAllLines(bundle, StandardCharsets.UTF_8);
    String last = lines.get(lines.size() - 1);
    lines.set(lines.size() - 1, last.replace("\"recorded_ms\":", "\"recorded_ms\":1"));
    Files.writeString(bundle, String.join("\n", lines) + "\n");

    Path fresh = dir.resolve("fresh.db");
    Cli.Result im = cli.run("--ledger", "sqlite:" + fresh, "import", bundle.toString());
    assertEquals(Main.VERIFICATION_FAILED, im.code(), im::toString);
    assertEquals(1, im.err().strip().lines().count(), im.err());
    assertTrue(im.err().startsWith("error: [THY-L802] entry at line " + lines.size()), im.err());
    assertTrue(entries(fresh, Hash32.parse(trajectory)).isEmpty());
  }

  @Test
  @DisplayName("A4: checkpoint and export without a runtime key say how to configure one")
  void noRuntimeKey() {
    Cli.Result r = cli.run("checkpoint", trajectory);
    assertEquals(Main.CONFIGURATION, r.code(), r::toString);
    assertTrue(r.err().contains("thymos keygen runtime"), r.err());
  }

  @Test
  @DisplayName("A2, A4: prove then verify-proof holds (exit 0); a tampered proof does not (exit 1)")
  void proveAndVerify() throws Exception {
    configureRuntimeKey();
    Cli.Result cp = cli.run("--json", "checkpoint", trajectory);
    assertEquals(Main.OK, cp.code(), cp::toString);
    String entry = entries(project.resolve(".thymos/ledger.db"), Hash32.parse(trajectory))
        .stream().skip(3).findFirst().map(b -> new String(b, StandardCharsets.UTF_8)
            .substring(7, 71)).orElseThrow();
    Cli.Result prove = cli.run("--json", "prove", entry, "--size", "6");
    assertEquals(Main.OK, prove.code(), prove::toString);
    Path proof = dir.resolve("proof.json");
    Files.writeString(proof, prove.out());
    Cli.Result ok = cli.run("verify-proof", proof.toString());
    assertEquals(Main.OK, ok.code(), ok::toString);

    Matcher m = Pattern.compile("\"path\":\\[\"([0-9a-f])").matcher(prove.out());
    assertTrue(m.find(), prove.out());
    char c = m.group(1).charAt(0);
    String tampered = prove.out().substring(0, m.start(1)) + (c == '0' ? '1' : '0')
        + prove.out().substring(m.start(1) + 1);
    Files.writeString(proof, tampered);
    Cli.Result bad = cli.run("verify-proof", proof.toString());
    assertEquals(Main.VERIFICATION_FAILED, bad.code(), bad::toString);
    assertTrue(bad.out().contains("root mismatch"), bad.out());
  }
}
