package thymos.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import thymos.api.ConfigurationException;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.spi.SystemEntropy;
import thymos.kernel.keys.FileKeyStore;

/**
 * {@code thymos init [folder]}: creates a project — an owner-only key folder with three keys
 * ({@code anchor}, the trust anchor; {@code agent}, the subject of writs; {@code approver}, the
 * approver of the {@code ops} and {@code irreversible} channels), a {@code workspace} folder the
 * built-in file tools are confined to, and {@code thymos.json}. Refuses to overwrite a config.
 */
@Command(name = "init", description = "Create a project: keys, a trust anchor, a config.")
final class InitCommand extends Base {

  @Parameters(index = "0", arity = "0..1", paramLabel = "<folder>",
      description = "The project folder (default: the working directory).")
  Path folder;

  @Option(names = "--ledger-uri", paramLabel = "<uri>",
      description = "The ledger the project uses (default: sqlite:.thymos/ledger.db).")
  String ledger = "sqlite:.thymos/ledger.db";

  @Override
  protected int execute() {
    Path dir = (folder == null ? Path.of("") : folder).toAbsolutePath().normalize();
    FileKeyStore keys = create(dir, ledger, List.of());
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
   * Creates the project in {@code dir} with {@code policies} in its config.
   *
   * @return the new key store
   * @throws ConfigurationException {@code THY-C002} if {@code dir} already holds a config or
   *     cannot be written
   */
  static FileKeyStore create(Path dir, String ledger,
      List<thymos.kernel.policy.PolicyProviders.Selection> policies) {
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
    FileKeyStore keys = FileKeyStore.open(keysDir);
    SystemEntropy entropy = new SystemEntropy();
    for (String alias : List.of("anchor", "agent", "approver")) {
      if (keys.findByAlias(alias).isEmpty()) {
        keys.generate(alias, entropy);
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
