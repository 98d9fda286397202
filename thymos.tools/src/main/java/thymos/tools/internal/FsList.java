package thymos.tools.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Delta;
import thymos.api.model.EffectClass;
import thymos.api.model.RiskClass;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolDescriptor;
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;
import thymos.tools.sandbox.Access;
import thymos.tools.sandbox.Sandbox;
import thymos.tools.sandbox.SandboxPath;
import thymos.tools.sandbox.SandboxViolation;
import thymos.tools.sandbox.Walk;

/**
 * {@code fs_list} (T2, read / low): lists the folder tree at {@code path} (default the first
 * root) down to {@code depth} levels (default {@value #DEFAULT_DEPTH}, at most {@value
 * #MAX_DEPTH}) and at most {@code max_entries} entries (default {@value #DEFAULT_ENTRIES}, at most
 * {@value #MAX_ENTRIES}). Links are listed as {@code link} and never followed; denied paths are
 * left out (T3.5). At most {@value #MAX_NAMES} directory entries are read per call, so a folder of
 * a million files costs no more than that.
 *
 * <p>The output is {@code {path, entries: [{path, type, size?}], truncated}}: {@code type} is
 * {@code file}, {@code folder}, {@code link} or {@code other}, {@code size} is given for files,
 * and {@code truncated} says a cap cut the listing. The delta is empty.
 */
public final class FsList extends OneCallTool {

  static final int DEFAULT_DEPTH = 3;
  static final int MAX_DEPTH = 16;
  static final int DEFAULT_ENTRIES = 1_000;
  static final int MAX_ENTRIES = 5_000;
  static final long MAX_NAMES = 200_000;
  static final String SCHEMA = """
      {"type":"object","additionalProperties":false,
       "properties":{
        "path":{"type":"string","minLength":1,
                "description":"the folder; default the sandbox root"},
        "depth":{"type":"integer","minimum":1,"maximum":16,
                 "description":"levels to descend, 1 = the folder's own entries; default 3"},
        "max_entries":{"type":"integer","minimum":1,"maximum":5000,
                       "description":"default 1000"}}}""";

  private final Optional<Sandbox> configured;

  /** @param configured the provider's sandbox, used when the runtime gives none */
  public FsList(Optional<Sandbox> configured) {
    super(new ToolDescriptor("fs_list", "1",
        "List a folder tree inside the sandbox (depth and entry caps; links are not followed).",
        (JsonObject) Json.parse(SCHEMA), EffectClass.READ, RiskClass.LOW, false));
    this.configured = configured;
  }

  @Override
  public ToolOutcome execute(ToolContext context) {
    JsonObject args = context.args();
    String path = args.get("path").isPresent() ? ToolSupport.string(args, "path") : ".";
    long depth = ToolSupport.optInteger(args, "depth").orElse((long) DEFAULT_DEPTH);
    long max = ToolSupport.optInteger(args, "max_entries").orElse((long) DEFAULT_ENTRIES);
    if (depth < 1 || depth > MAX_DEPTH || max < 1 || max > MAX_ENTRIES) {
      return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, "need depth in [1, " + MAX_DEPTH
          + "] and max_entries in [1, " + MAX_ENTRIES + "], found " + depth + " and " + max);
    }
    try {
      Sandbox sandbox = ToolSupport.sandbox(context, configured, path);
      SandboxPath at = sandbox.resolve(path, Access.READ);
      List<Json> entries = new ArrayList<>();
      boolean[] full = {false};
      Walk.Summary s = sandbox.walk(at, (int) depth, MAX_NAMES, e -> {
        if (context.cancellation().isCancelled()) {
          throw new SandboxViolation(ToolFailure.Kind.CANCELLED, at.key(), "listing cancelled");
        }
        if (entries.size() == max) {
          full[0] = true;
          return false;
        }
        entries.add(ToolSupport.object("path", e.path().key(),
            "type", e.type().name().toLowerCase(Locale.ROOT),
            "size", e.type() == Walk.Type.FILE ? e.size() : null));
        return true;
      });
      return ToolResult.of(ToolSupport.object("path", at.key(), "entries", Json.array(entries),
          "truncated", full[0] || s.namesCapped()), Delta.EMPTY);
    } catch (SandboxViolation v) {
      return v.toFailure();
    } catch (IOException e) {
      return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, "fs_list " + path + ": " + e);
    }
  }
}
