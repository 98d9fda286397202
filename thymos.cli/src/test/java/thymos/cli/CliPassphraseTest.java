package thymos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encrypted key files on the command line (E3.4): passphrase sources and one-line errors. */
class CliPassphraseTest {

  static final String PASS = "tr0ub4dor & 3";

  @TempDir
  Path dir;

  @Test
  @DisplayName("init --encrypt-keys writes encrypted keys; a wrong passphrase is exit 3 with one "
      + "THY-E304 line, the right one works, none says how to give one")
  void encryptedProject() throws Exception {
    Path project = dir.resolve("p");
    Path good = secret("good", PASS + "\n");
    Path wrong = secret("wrong", "not the passphrase\n");

    Cli.Result noPass = Cli.raw("init", project.toString(), "--encrypt-keys");
    assertEquals(Main.USAGE, noPass.code(), noPass::toString);
    assertTrue(noPass.err().startsWith("error: --encrypt-keys needs a passphrase: set "
        + "THYMOS_KEY_PASSPHRASE or pass --passphrase-file <file>"), noPass.err());
    assertFalse(Files.exists(project.resolve("thymos.json")));

    Cli.Result init = Cli.raw("--passphrase-file", good.toString(), "init", project.toString(),
        "--encrypt-keys");
    assertEquals(Main.OK, init.code(), init::toString);
    for (String alias : List.of("anchor", "agent", "approver")) {
      Path key = project.resolve(".thymos/keys/" + alias + ".pem");
      assertTrue(Files.readString(key).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
      assertFalse(Files.exists(project.resolve(".thymos/keys/" + alias + ".key")));
    }

    Cli cli = new Cli(project);
    Cli.Result bad = cli.run("--passphrase-file", wrong.toString(), "--ledger", "memory:",
        "writ", "issue", "--scope", "kv_*");
    assertEquals(Main.CONFIGURATION, bad.code(), bad::toString);
    assertTrue(bad.err().startsWith("error: [THY-E304] wrong passphrase for "), bad.err());
    assertTrue(bad.err().contains("(or the file is damaged)"), bad.err());
    assertEquals(1, bad.err().lines().count(), "one line, no stack trace: " + bad.err());
    assertFalse(bad.err().contains("not the passphrase") || bad.err().contains(PASS), bad.err());

    Cli.Result none = cli.run("--ledger", "memory:", "writ", "issue", "--scope", "kv_*");
    assertEquals(Main.CONFIGURATION, none.code(), none::toString);
    assertTrue(none.err().startsWith("error: [THY-E304] key file "), none.err());
    assertTrue(none.err().contains("is encrypted and no passphrase was given; set "
        + "THYMOS_KEY_PASSPHRASE or pass --passphrase-file <file>"), none.err());
    assertEquals(1, none.err().lines().count(), none.err());

    Cli.Result ok = cli.run("--ledger", "memory:", "writ", "issue", "--scope", "kv_*",
        "--passphrase-file", good.toString());
    assertEquals(Main.OK, ok.code(), ok::toString);
    assertTrue(ok.out().startsWith("registered writ:"), ok.out());
  }

  @Test
  @DisplayName("keygen --encrypt needs a passphrase and writes an encrypted file beside plain keys")
  void keygenEncrypt() throws Exception {
    assertEquals(Main.OK, Cli.raw("init", dir.toString()).code());
    Cli cli = new Cli(dir);
    Cli.Result noPass = cli.run("keygen", "--encrypt", "ops");
    assertEquals(Main.USAGE, noPass.code(), noPass::toString);
    assertTrue(noPass.err().startsWith("error: --encrypt needs a passphrase"), noPass.err());

    Path good = secret("good", PASS);
    Cli.Result made = cli.run("--passphrase-file", good.toString(), "keygen", "--encrypt", "ops");
    assertEquals(Main.OK, made.code(), made::toString);
    Path key = dir.resolve(".thymos/keys/ops.pem");
    assertTrue(Files.readString(key).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    String publicKey = made.out().strip().split(" ")[1];

    Cli.Result issued = cli.run("--passphrase-file", good.toString(), "--ledger", "memory:",
        "--json", "writ", "issue", "--scope", "kv_*", "--subject", "ops");
    assertEquals(Main.OK, issued.code(), issued::toString);
    assertTrue(issued.out().contains(publicKey), issued.out());
  }

  @Test
  @DisplayName("a passphrase file readable by others, or empty, is refused by name")
  void passphraseFileChecks() throws Exception {
    Path project = dir.resolve("p");
    Path open = secret("open", PASS + "\n");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
    Cli.Result r = Cli.raw("--passphrase-file", open.toString(), "init", project.toString(),
        "--encrypt-keys");
    assertEquals(Main.CONFIGURATION, r.code(), r::toString);
    assertTrue(r.err().startsWith("error: [THY-E304] passphrase file " + open), r.err());
    assertTrue(r.err().contains("readable or writable by group or others"), r.err());
    assertFalse(r.err().contains(PASS), r.err());

    Path empty = secret("empty", "\nsecond line\n");
    Cli.Result e = Cli.raw("--passphrase-file", empty.toString(), "init", project.toString(),
        "--encrypt-keys");
    assertEquals(Main.CONFIGURATION, e.code(), e::toString);
    assertTrue(e.err().contains("its first line is empty"), e.err());
    Cli.Result missing = Cli.raw("--passphrase-file", dir.resolve("absent").toString(), "init",
        project.toString(), "--encrypt-keys");
    assertEquals(Main.CONFIGURATION, missing.code(), missing::toString);
    assertTrue(missing.err().contains("cannot read it"), missing.err());
  }

  @Test
  @DisplayName("the passphrase file wins over THYMOS_KEY_PASSPHRASE; an empty variable is unset; "
      + "a CRLF line ending is not part of the passphrase")
  void passphraseSources() throws Exception {
    Path crlf = secret("crlf", PASS + "\r\nignored\n");
    Map<String, String> env = Map.of(KeyPassphrase.ENV, "from env");
    assertEquals(PASS, new String(
        new KeyPassphrase(Optional.of(crlf), env::get).chars().orElseThrow()));
    assertEquals("from env", new String(
        new KeyPassphrase(Optional.empty(), env::get).chars().orElseThrow()));
    assertTrue(new KeyPassphrase(Optional.empty(), Map.of(KeyPassphrase.ENV, "")::get).chars()
        .isEmpty());
    assertTrue(new KeyPassphrase(Optional.empty(), k -> null).chars().isEmpty());
    assertFalse(new KeyPassphrase(Optional.empty(), env::get).toString().contains("from env"));
  }

  private Path secret(String name, String content) throws Exception {
    Path file = dir.resolve(name + ".pass");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }
}
