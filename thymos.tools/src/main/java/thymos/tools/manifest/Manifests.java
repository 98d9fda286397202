package thymos.tools.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import thymos.api.ConfigurationException;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.PublicKey;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolOutcome;
import thymos.tools.exec.ExecSettings;
import thymos.tools.exec.ExecTool;
import thymos.tools.http.GuardedHttp;
import thymos.tools.http.HttpSettings;
import thymos.tools.sandbox.Sandbox;

/**
 * Opens the {@code manifests} tool provider (T6): reads its configuration strictly, loads the
 * manifests of its folders (T6.4) and wires each to the worker or the HTTP guard.
 *
 * <p>Configuration: {@code {folders: [path, …], trusted_keys?: [64 hex, …], http?: {…as
 * builtin's http…}, exec?: {…as builtin's exec…}, sandbox?: {…as builtin's sandbox…}}}.
 * {@code folders} is required and non-empty. {@code http} gives caps and timeouts of http
 * manifests (its {@code allow}, when set, must also admit each host); {@code exec} is required
 * when a folder holds an exec manifest.
 */
public final class Manifests {

  private static final Set<String> MEMBERS = Set.of("folders", "trusted_keys", "http", "exec",
      "sandbox");

  private Manifests() {}

  /**
   * The tools of {@code config}.
   *
   * @throws ConfigurationException {@code THY-T600} for the configuration, {@code THY-T601} to
   *     {@code THY-T604} for a manifest (naming file and pointer)
   */
  public static List<Tool> tools(JsonObject config) {
    return tools(config, Manifests::worker, GuardedHttp::new);
  }

  /** As {@link #tools(JsonObject)} with the runners supplied (the exec runner from config). */
  static List<Tool> tools(JsonObject config, Function<Config, ExecRunner> exec,
      Function<HttpSettings, GuardedHttp> http) {
    Config c = Config.read(config);
    GuardedHttp guarded = http.apply(c.http());
    HttpRunner httpRunner = guarded::send;
    ExecRunner execRunner = null;
    List<Tool> tools = new ArrayList<>();
    for (ManifestLoader.Loaded l : ManifestLoader.load(c.folders(), c.trusted())) {
      Manifest m = l.manifest();
      if (m.run() instanceof Manifest.HttpRun h && !c.http().allow().isEmpty()
          && !ManifestReader.matches(h.url().host(), c.http().allow())) {
        throw ManifestError.at(ManifestError.LOAD, l.file(), "/run/url", "host \""
            + h.url().host() + "\" is not on the provider's http.allow " + c.http().allow(),
            null);
      }
      if (m.run() instanceof Manifest.ExecRun && execRunner == null) {
        if (c.exec().isEmpty()) {
          throw ManifestError.at(ManifestError.LOAD, l.file(), "/run", "an exec manifest needs"
              + " the provider's \"exec\" configuration (profile, limits: T4)", null);
        }
        execRunner = exec.apply(c);
      }
      tools.add(new ManifestTool(m, execRunner, httpRunner));
    }
    return List.copyOf(tools);
  }

  /**
   * The worker of T4 behind the built-in {@code exec} tool itself, so a manifest call gets the
   * same profile check, cleared environment, sandboxed cwd and limits (T6.4): the filled argv,
   * cwd and timeout become the arguments of one {@code exec} call.
   */
  static ExecRunner worker(Config c) {
    ExecTool exec = new ExecTool(c.sandbox(), c.exec().orElseThrow());
    return new ExecRunner() {
      @Override
      public ToolOutcome run(List<String> argv, Optional<String> cwd, long timeoutMs,
          ToolContext context) {
        Map<String, Json> args = new LinkedHashMap<>();
        args.put("argv", Json.array(argv.stream().map(Json::string).toList()));
        cwd.ifPresent(d -> args.put("cwd", Json.string(d)));
        args.put("timeout_ms", Json.integer(timeoutMs));
        return exec.execute(new ToolContext(Json.object(args), context.world(),
            context.idempotencyKey(), context.deadlineMs(), context.cancellation(),
            context.sandbox()));
      }

      @Override
      public void close() {
        exec.close();
      }
    };
  }

  /** The provider's configuration, read strictly. */
  record Config(List<Path> folders, Set<PublicKey> trusted, HttpSettings http,
      Optional<ExecSettings> exec, Optional<Sandbox> sandbox) {

    static Config read(JsonObject o) {
      for (String k : o.members().keySet()) {
        if (!MEMBERS.contains(k)) {
          throw error("/" + k, "unknown member; expected one of " + MEMBERS);
        }
      }
      List<Path> folders = new ArrayList<>();
      if (!(o.get("folders").orElse(null) instanceof JsonArray a) || a.size() == 0) {
        throw error("/folders", "must be a non-empty array of folder paths");
      }
      for (int i = 0; i < a.size(); i++) {
        if (!(a.get(i) instanceof JsonString s) || s.value().isEmpty()
            || s.value().indexOf('\0') >= 0) {
          throw error("/folders/" + i, "must be a folder path");
        }
        folders.add(Path.of(s.value()).toAbsolutePath().normalize());
      }
      Set<PublicKey> trusted = new LinkedHashSet<>();
      Json keys = o.get("trusted_keys").orElse(JsonArray.EMPTY);
      if (!(keys instanceof JsonArray ka)) {
        throw error("/trusted_keys", "must be an array of public keys (64 lowercase hex)");
      }
      for (int i = 0; i < ka.size(); i++) {
        try {
          trusted.add(PublicKey.fromJson(ka.get(i), "/trusted_keys/" + i));
        } catch (ProtocolViolation v) {
          throw error("/trusted_keys/" + i, "not a public key (64 lowercase hex): "
              + v.getMessage());
        }
      }
      HttpSettings http = HttpSettings.fromJson(object(o, "http").orElse(JsonObject.EMPTY),
          "/http");
      // read eagerly, so a bad exec or sandbox member fails even without exec manifests
      return new Config(List.copyOf(folders), Set.copyOf(trusted), http,
          object(o, "exec").map(e -> ExecSettings.fromJson(e, "/exec")),
          object(o, "sandbox").map(b -> Sandbox.fromJson(b, "/sandbox")));
    }

    private static Optional<JsonObject> object(JsonObject o, String name) {
      Optional<Json> v = o.get(name);
      if (v.isPresent() && !(v.get() instanceof JsonObject)) {
        throw error("/" + name, "must be an object, found " + v.get().typeName());
      }
      return v.map(JsonObject.class::cast);
    }

    private static ConfigurationException error(String at, String what) {
      return new ConfigurationException(ManifestError.CONFIG, "T6.4", "tool provider manifests"
          + " configuration " + at + ": " + what, List.of(), null);
    }
  }
}
