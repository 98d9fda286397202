package thymos.tools.exec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonNumber;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.model.Delta;
import thymos.api.model.EffectClass;
import thymos.api.model.RiskClass;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolDescriptor;
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;
import thymos.tools.exec.ExecResult.Captured;
import thymos.tools.exec.ExecResult.Status;
import thymos.tools.sandbox.Access;
import thymos.tools.sandbox.Sandbox;
import thymos.tools.sandbox.SandboxPath;
import thymos.tools.sandbox.SandboxViolation;
import thymos.tools.internal.OneCallTool;

/**
 * {@code exec} (T2, T4; external / high, not compensable): runs one program with an argv array in
 * a worker ({@link WorkerPool}). Args {@code {argv: [string, …] (at least 1), cwd?: string
 * (sandbox-relative, default the root), timeout_ms?: integer (capped by the configured limit)}}.
 *
 * <p>Exit status 0 gives {@code {exit_code, stdout | stdout_base64, stdout_truncated,
 * stdout_bytes, stderr | stderr_base64, stderr_truncated, stderr_bytes, duration_ms}} with an
 * empty delta (the world does not model what a program changed). Everything else is a typed
 * failure (T1.4): {@code exit_nonzero}, {@code timeout}, {@code path_denied} (program outside the
 * profile, or a denied {@code cwd}), {@code path_escape} ({@code cwd} outside the sandbox),
 * {@code worker_crashed}, {@code cancelled}, {@code tool_error}.
 */
public final class ExecTool extends OneCallTool implements AutoCloseable {

  static final String SCHEMA = """
      {"type":"object","additionalProperties":false,"required":["argv"],
       "properties":{
        "argv":{"type":"array","minItems":1,"items":{"type":"string"},
                "description":"the program (in the exec profile) and its arguments; no shell"},
        "cwd":{"type":"string","minLength":1,
               "description":"working folder relative to the sandbox root; default the root"},
        "timeout_ms":{"type":"integer","minimum":1,
                      "description":"wall-clock limit; capped by the configured limit"}}}""";

  /** Bytes of stderr quoted in the message of a failure. */
  private static final int QUOTE_BYTES = 2_048;

  private final Optional<Sandbox> configured;
  private final ExecSettings settings;
  private final WorkerPool pool;

  /** The tool with its own worker pool; starts no process until the first call. */
  public ExecTool(Optional<Sandbox> configured, ExecSettings settings) {
    this(configured, settings, new WorkerPool(settings));
  }

  /** The tool running its calls in {@code pool}. */
  public ExecTool(Optional<Sandbox> configured, ExecSettings settings, WorkerPool pool) {
    super(new ToolDescriptor("exec", "1",
        "Run one program of the configured profile with an argv array (no shell) in a worker "
            + "process, inside the sandbox, with a timeout and capped output.",
        (JsonObject) Json.parse(SCHEMA), EffectClass.EXTERNAL, RiskClass.HIGH, false));
    this.configured = configured;
    this.settings = settings;
    this.pool = pool;
  }

  @Override
  public ToolOutcome execute(ToolContext context) {
    JsonObject args = context.args();
    if (!(args.get("argv").orElse(null) instanceof JsonArray a) || a.size() == 0) {
      return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, "argv must be a non-empty array");
    }
    List<String> argv = new ArrayList<>();
    for (Json v : a.elements()) {
      if (!(v instanceof JsonString s) || s.value().indexOf('\0') >= 0) {
        return new ToolFailure(ToolFailure.Kind.TOOL_ERROR,
            "argv elements must be strings without NUL");
      }
      argv.add(s.value());
    }
    long timeout = settings.timeoutMs();
    if (args.get("timeout_ms").isPresent()) {
      if (!(args.get("timeout_ms").get() instanceof JsonNumber n) || !n.isSafeInteger()
          || n.longValueExact() < 1) {
        return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, "timeout_ms must be an integer >= 1");
      }
      timeout = Math.min(timeout, n.longValueExact());
    }
    String cwdArg = args.get("cwd").orElse(null) instanceof JsonString s ? s.value() : ".";
    Path cwd;
    Path home;
    try {
      Sandbox sandbox = sandbox(context, cwdArg);
      SandboxPath at = sandbox.resolve(cwdArg, Access.READ);
      Optional<BasicFileAttributes> attrs = sandbox.attributes(at);
      if (attrs.isEmpty()) {
        return new ToolFailure(ToolFailure.Kind.NOT_FOUND, "cwd \"" + cwdArg + "\" not found");
      }
      if (!attrs.get().isDirectory()) {
        return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, "cwd \"" + cwdArg
            + "\" is not a folder");
      }
      home = sandbox.roots().get(at.root());
      cwd = home;
      for (String seg : at.segments()) {
        cwd = cwd.resolve(seg);
      }
    } catch (SandboxViolation v) {
      return v.toFailure();
    } catch (IOException e) {
      return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, "cwd \"" + cwdArg + "\": " + e);
    }
    ExecResult r = pool.run(new ExecRequest(argv, cwd, timeout, settings.maxOutputBytes(),
        Optional.of(home)), context.cancellation());
    if (r.status() == Status.EXITED && r.exitCode() == 0) {
      return ToolResult.of(output(r), Delta.EMPTY);
    }
    String what = r.status() == Status.EXITED
        ? argv.get(0) + " exited with status " + r.exitCode()
        : r.status().wire() + ": " + r.message();
    if (r.stderr().size() > 0) {
      byte[] err = r.stderr().bytes();
      what += "; stderr: " + new String(err, 0, Math.min(err.length, QUOTE_BYTES),
          StandardCharsets.UTF_8);
    }
    return new ToolFailure(r.status().failureKind(), what);
  }

  /** Stops the pool's workers (T4.1). */
  @Override
  public void close() {
    pool.close();
  }

  private Sandbox sandbox(ToolContext context, String path) throws SandboxViolation {
    if (context.sandbox().isPresent()) {
      if (context.sandbox().get() instanceof Sandbox s) {
        return s;
      }
      throw new SandboxViolation(ToolFailure.Kind.TOOL_ERROR, path, "the runtime's sandbox ("
          + context.sandbox().get().getClass().getName() + ") is not a thymos.tools sandbox");
    }
    return configured.orElseThrow(() -> new SandboxViolation(ToolFailure.Kind.PATH_ESCAPE, path,
        "no sandbox is configured, so exec has no folder to run in"));
  }

  private static JsonObject output(ExecResult r) {
    Map<String, Json> m = new LinkedHashMap<>();
    m.put("exit_code", Json.integer(r.exitCode()));
    stream(m, "stdout", r.stdout());
    stream(m, "stderr", r.stderr());
    m.put("duration_ms", Json.integer(r.durationMs()));
    return Json.object(m);
  }

  private static void stream(Map<String, Json> m, String name, Captured c) {
    byte[] bytes = c.truncated() ? trimPartialUtf8(c.bytes()) : c.bytes();
    try {
      m.put(name, Json.string(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString()));
    } catch (CharacterCodingException e) {
      m.put(name + "_base64", Json.string(Base64.getEncoder().encodeToString(c.bytes())));
    }
    m.put(name + "_truncated", Json.bool(c.truncated()));
    m.put(name + "_bytes", Json.integer(c.total()));
  }

  private static byte[] trimPartialUtf8(byte[] bytes) {
    int n = bytes.length;
    for (int back = 1; back <= Math.min(3, n); back++) {
      int b = bytes[n - back] & 0xff;
      if ((b & 0xc0) != 0x80) {
        int len = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        return len > back ? Arrays.copyOf(bytes, n - back) : bytes;
      }
    }
    return bytes;
  }
}
