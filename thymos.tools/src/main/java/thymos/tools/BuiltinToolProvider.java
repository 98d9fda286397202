package thymos.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import thymos.api.ConfigurationException;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolProvider;
import thymos.tools.exec.ExecSettings;
import thymos.tools.exec.ExecTool;
import thymos.tools.http.HttpFetch;
import thymos.tools.http.HttpSettings;
import thymos.tools.internal.FsRead;
import thymos.tools.internal.FsWrite;
import thymos.tools.internal.KvGet;
import thymos.tools.internal.KvPut;
import thymos.tools.sandbox.Sandbox;

/**
 * The {@code builtin} tool provider (T2): {@code kv_get}, {@code kv_put}, {@code fs_read} and
 * {@code fs_write}; {@code http_fetch} (T5) only when {@code http} is configured; {@code exec}
 * (T4) only when {@code exec} is configured.
 *
 * <p>Configuration, read strictly: {@code {sandbox?: {roots: [path, …], allow_links?,
 * deny?, deny_write?, max_read_bytes?, max_write_bytes?}, http?: {allow?, max_bytes?,
 * max_redirects?, connect_timeout_ms?, read_timeout_ms?}, exec?: {profile, profiles?,
 * timeout_ms?, max_output_bytes?, workers?, path?}}} (see {@link Sandbox#fromJson} and {@link
 * ExecSettings#fromJson}). File
 * tools use the runtime's sandbox when the tool context carries one (T1.3), else this one; with
 * neither, every path is refused as {@code path_escape}. Side-effect free until {@link #tools}.
 */
public final class BuiltinToolProvider implements ToolProvider {

  /** The provider name, {@value}. */
  public static final String NAME = "builtin";

  /** A provider; does nothing until {@link #tools(JsonObject)}. */
  public BuiltinToolProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String specVersion() {
    return "1";
  }

  /**
   * Builds the sandbox, if configured (T3.1), the four tools, {@code http_fetch} when {@code
   * http} is configured (T5) and {@code exec} when {@code exec} is configured (T4; its workers
   * start on its first call).
   *
   * @throws ConfigurationException {@code THY-T200} for an unknown member or a {@code sandbox}
   *     {@code http} or {@code exec} that is not an object; {@code THY-T301}/{@code THY-T304}
   *     from the sandbox; {@code THY-T501} from {@code http}; {@code THY-T401} from {@code exec}
   */
  @Override
  public List<Tool> tools(JsonObject config) {
    Optional<Sandbox> sandbox = Optional.empty();
    for (var m : config.members().entrySet()) {
      if (!List.of("sandbox", "http", "exec").contains(m.getKey())) {
        throw new ConfigurationException("THY-T200", "T2", "tool provider " + NAME
            + ": unknown member \"" + m.getKey() + "\"; expected: sandbox, http, exec", List.of(),
            null);
      }
    }
    Optional<Json> s = config.get("sandbox");
    if (s.isPresent()) {
      if (!(s.get() instanceof JsonObject o)) {
        throw new ConfigurationException("THY-T200", "T2", "tool provider " + NAME
            + ": /sandbox must be an object, found " + s.get().typeName(), List.of(), null);
      }
      sandbox = Optional.of(Sandbox.fromJson(o, "/sandbox"));
    }
    List<Tool> tools = new ArrayList<>(
        List.of(new KvGet(), new KvPut(), new FsRead(sandbox), new FsWrite(sandbox)));
    Optional<Json> h = config.get("http");
    if (h.isPresent()) {
      if (!(h.get() instanceof JsonObject o)) {
        throw new ConfigurationException("THY-T200", "T2", "tool provider " + NAME
            + ": /http must be an object, found " + h.get().typeName(), List.of(), null);
      }
      tools.add(new HttpFetch(HttpSettings.fromJson(o, "/http")));
    }
    Optional<Json> e = config.get("exec");
    if (e.isPresent()) {
      if (!(e.get() instanceof JsonObject o)) {
        throw new ConfigurationException("THY-T200", "T2", "tool provider " + NAME
            + ": /exec must be an object, found " + e.get().typeName(), List.of(), null);
      }
      tools.add(new ExecTool(sandbox, ExecSettings.fromJson(o, "/exec")));
    }
    return List.copyOf(tools);
  }
}
