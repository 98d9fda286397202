package thymos.tools.manifest;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonBoolean;
import thymos.api.json.JsonNumber;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.model.Budget;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolDescriptor;
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;

/**
 * A tool declared by a manifest (T6): fills the manifest's placeholders once from the validated
 * arguments (T6.2) and runs the result through the worker ({@code exec}) or the HTTP guard
 * ({@code http}), exactly like the built-ins (T6.4). Not compensable; the delta is empty.
 */
final class ManifestTool implements Tool, AutoCloseable {

  private final Manifest manifest;
  private final ExecRunner exec;
  private final HttpRunner http;

  ManifestTool(Manifest manifest, ExecRunner exec, HttpRunner http) {
    this.manifest = manifest;
    this.exec = exec;
    this.http = http;
  }

  @Override
  public ToolDescriptor descriptor() {
    return manifest.descriptor();
  }

  /** Stops the worker pool shared by this provider's exec manifests (T4.1), if any. */
  @Override
  public void close() {
    if (exec != null) {
      exec.close();
    }
  }

  @Override
  public Budget estimate(JsonObject args) {
    return new Budget(0, 1, 0, 0);
  }

  @Override
  public ToolOutcome execute(ToolContext context) {
    try {
      return switch (manifest.run()) {
        case Manifest.ExecRun e -> exec(e, context);
        case Manifest.HttpRun h -> http(h, context);
      };
    } catch (BadArgument b) {
      return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, b.getMessage());
    }
  }

  private ToolOutcome exec(Manifest.ExecRun run, ToolContext context) {
    List<String> argv = new ArrayList<>();
    for (Template t : run.argv()) {
      argv.add(t.fill(n -> text(context.args(), n))); // one element each, never split (T6.2)
    }
    Optional<String> cwd = run.cwd().map(t -> t.fill(n -> text(context.args(), n)));
    ToolOutcome o = exec.run(argv, cwd, run.timeoutMs(), context);
    if (run.output() == Manifest.Output.TEXT || !(o instanceof ToolResult r)) {
      return o;
    }
    Json stdout = r.output() instanceof JsonObject out ? out.get("stdout").orElse(null) : null;
    if (!(stdout instanceof JsonString s)) {
      return new ToolFailure(ToolFailure.Kind.BAD_RESPONSE, "the program wrote no text output");
    }
    if (r.output() instanceof JsonObject out && out.get("stdout_truncated").orElse(null)
        instanceof JsonBoolean t && t.value()) {
      return new ToolFailure(ToolFailure.Kind.TOO_LARGE, "the program's JSON output was cut at"
          + " the output cap");
    }
    try {
      return new ToolResult(Json.parse(s.value()), r.delta(), r.cost());
    } catch (ProtocolViolation v) {
      return new ToolFailure(ToolFailure.Kind.BAD_RESPONSE, "output \"json\" but stdout is not"
          + " I-JSON: " + v.getMessage());
    }
  }

  private ToolOutcome http(Manifest.HttpRun run, ToolContext context) {
    JsonObject args = context.args();
    for (String n : run.url().pathNames()) {
      if (text(args, n).isEmpty()) {
        return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, "path placeholder {" + n
            + "} is empty; an empty path segment would change the URL's path");
      }
    }
    URI url = run.url().fill(n -> text(args, n));
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (Map.Entry<String, Template> h : new java.util.TreeMap<>(run.headers()).entrySet()) {
      String v = h.getValue().fill(n -> text(args, n));
      if (!v.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
        return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, "header " + h.getKey()
            + " would hold a control or non-ASCII character; refused (no header injection)");
      }
      headers.add(Map.entry(h.getKey(), v));
    }
    byte[] body = new byte[0];
    if (run.body().isPresent()) {
      body = fillJson(run.body().get(), args).canonicalBytes();
      headers.add(Map.entry("Content-Type", "application/json"));
    }
    return http.send(run.method(), url, headers, body, run.allowedHosts(), run.timeoutMs(),
        context.cancellation());
  }

  /** The body with its string templates filled; a lone placeholder takes the JSON value. */
  private static Json fillJson(Json v, JsonObject args) {
    return switch (v) {
      case JsonString s -> {
        Template t = parsed(s.value());
        if (t.isSingleSlot()) {
          yield value(args, ((Template.Slot) t.parts().get(0)).name());
        }
        yield Json.string(t.fill(n -> text(args, n)));
      }
      case JsonArray a -> Json.array(a.elements().stream().map(x -> fillJson(x, args)).toList());
      case JsonObject o -> {
        Map<String, Json> m = new LinkedHashMap<>();
        o.members().forEach((k, x) -> m.put(k, fillJson(x, args)));
        yield Json.object(m);
      }
      default -> v;
    };
  }

  private static Template parsed(String text) {
    try {
      return Template.parse(text);
    } catch (Template.Malformed e) {
      throw new IllegalStateException("checked at load: " + e.getMessage(), e);
    }
  }

  private static Json value(JsonObject args, String name) {
    return args.get(name).orElseThrow(() -> new BadArgument("argument \"" + name
        + "\" is missing"));
  }

  /** The text a scalar argument is filled in as: strings as is, numbers canonical (E1.1). */
  private static String text(JsonObject args, String name) {
    return switch (value(args, name)) {
      case JsonString s -> s.value();
      case JsonNumber n -> n.canonicalString();
      case JsonBoolean b -> Boolean.toString(b.value());
      default -> throw new BadArgument("argument \"" + name + "\" is not a string, number or"
          + " boolean");
    };
  }

  /** An argument the schema let through but a placeholder cannot take. */
  private static final class BadArgument extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadArgument(String message) {
      super(message, null, false, false);
    }
  }
}
