package thymos.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import thymos.api.ConfigurationException;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.spi.SystemEntropy;
import thymos.kernel.keys.FileKeyStore;
import thymos.kernel.keys.Passphrase;

/**
 * {@code thymos init [folder]}: creates a project — an owner-only key folder with three keys
 * ({@code anchor}, the trust anchor; {@code agent}, the subject of writs; {@code approver}, the
 * approver of the {@code ops} and {@code irreversible} channels), a {@code workspace} folder the
 * built-in file tools are confined to, and {@code thymos.json}. Refuses to overwrite a config.
 * With {@code --encrypt-keys} the keys are written as encrypted PKCS#8 files (E3.4).
 */
@Command(name = "init", description = "Create a project: keys, a trust anchor, a config.")
final class InitCommand extends Base {

  @Parameters(index = "0", arity = "0..1", paramLabel = "<folder>",
      description = "The project folder (default: the working directory).")
  Path folder;

  @Option(names = "--ledger-uri", paramLabel = "<uri>",
      description = "The ledger the project uses (default: sqlite:.thymos/ledger.db).")
  String ledger = "sqlite:.thymos/ledger.db";

  @Option(names = "--encrypt-keys",
      description = "Write the keys as encrypted <alias>.pem files, protected by the passphrase "
          + "of --passphrase-file or THYMOS_KEY_PASSPHRASE.")
  boolean encryptKeys;

  @Override
  protected int execute() {
    Path dir = (folder == null ? Path.of("") : folder).toAbsolutePath().normalize();
    KeyPassphrase passphrase = passphrase();
    char[] encryptWith = encryptKeys ? passphrase.chars().orElseThrow(() ->
        new ParameterException(spec.commandLine(), "--encrypt-keys needs a passphrase: "
            + KeyPassphrase.HOW)) : null;
    FileKeyStore keys;
    try {
      keys = create(dir, ledger, List.of(), passphrase, encryptWith);
    } finally {
      if (encryptWith != null) {
        Arrays.fill(encryptWith, '\0');
      }
    }
    Path config = dir.resolve(ProjectConfig.FILE);
    Output out = out();
    if (out.json) {
      out.json(Json.object(Map.of("project", Json.string(dir.toString()),
          "anchor", keys.findByAlias("anchor").orElseThrow().publicKey().toJson(),
          "agent", keys.findByAlias("agent").orElseThrow().publicKey().toJson(),
          "approver", keys.findByAlias("approver").orElseThrow().publicKey().toJson())));
    } else {
      out.line("initialised " + dir);
      for (String alias : List.of("anchor", "agent", "approver")) {
        out.line(String.format("  key %-9s %s", alias,
            keys.findByAlias(alias).orElseThrow().publicKey().hex()));
      }
      out.line("  config    " + config);
    }
    return Main.OK;
  }

  /**
   * Creates the project in {@code dir} with {@code policies} in its config. Keys already in the
   * key folder are read with {@code passphrase}; new ones are encrypted with {@code encryptWith},
   * or written unencrypted if it is {@code null}.
   *
   * @return the new key store
   * @throws ConfigurationException {@code THY-C002} if {@code dir} already holds a config or
   *     cannot be written
   */
  static FileKeyStore create(Path dir, String ledger,
      List<thymos.kernel.policy.PolicyProviders.Selection> policies, Passphrase passphrase,
      char[] encryptWith) {
    Path config = dir.resolve(ProjectConfig.FILE);
    if (Files.exists(config)) {
      throw new ConfigurationException("THY-C002", null, config + " already exists; "
          + "a project is initialised once", List.of(), null);
    }
    Path keysDir = dir.resolve(".thymos/keys");
    try {
      Files.createDirectories(dir.resolve("workspace"));
      Files.createDirectories(keysDir.getParent());
      if (!Files.exists(keysDir)) {
        Files.createDirectory(keysDir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
    } catch (IOException e) {
      throw new ConfigurationException("THY-C002", null, "cannot create the project in " + dir
          + ": " + e.getMessage(), List.of(), e);
    }
    FileKeyStore keys = FileKeyStore.open(keysDir, passphrase);
    SystemEntropy entropy = new SystemEntropy();
    for (String alias : List.of("anchor", "agent", "approver")) {
      if (keys.findByAlias(alias).isEmpty()) {
        if (encryptWith == null) {
          keys.generate(alias, entropy);
        } else {
          keys.generateEncrypted(alias, entropy, encryptWith);
        }
      }
    }
    JsonObject tools = (JsonObject) Json.parse(
        "{\"builtin\":{\"sandbox\":{\"roots\":[\"workspace\"]}}}");
    ProjectConfig c = new ProjectConfig(ledger, Map.of(), ".thymos/keys", List.of("anchor"),
        Optional.empty(), tools, policies, List.of(
            new ProjectConfig.Channel("ops", List.of("approver"), 1, OptionalLong.empty()),
            new ProjectConfig.Channel("irreversible", List.of("approver"), 1,
                OptionalLong.empty())), true, Optional.empty());
    try {
      Files.writeString(config, Pretty.print(c.toJson()) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigurationException("THY-C002", null, "cannot write " + config + ": "
          + e.getMessage(), List.of(), e);
    }
    return keys;
  }
}
