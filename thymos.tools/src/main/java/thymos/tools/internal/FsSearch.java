package thymos.tools.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
import thymos.tools.sandbox.Glob;
import thymos.tools.sandbox.Sandbox;
import thymos.tools.sandbox.SandboxPath;
import thymos.tools.sandbox.SandboxViolation;
import thymos.tools.sandbox.Walk;

/**
 * {@code fs_search} (T2, read / low): finds files under {@code path} (default the first root)
 * whose path matches {@code glob}, and/or lines of UTF-8 text files that contain the literal
 * {@code text}. No regular expression is ever built from an argument. The walk never follows
 * links and skips denied paths (T3.5).
 *
 * <p>A glob without {@code /} matches a file's name at any depth ({@code *.java}); with {@code /}
 * it matches the path below {@code path} ({@code src/**}{@code /*.java}); {@code *}, {@code ?} and
 * whole-segment {@code **} are the only wildcards, and case is ignored (as the deny list's {@link
 * Glob}). Caps: {@code max_matches} results (default {@value #DEFAULT_MATCHES}, at most {@value
 * #MAX_MATCHES}); files above the sandbox's read cap are skipped and counted; at most {@value
 * #MAX_SCAN_BYTES} bytes and {@value #MAX_FILES} files are read, {@value #MAX_DEPTH} levels deep
 * and {@value FsList#MAX_NAMES} directory entries in total; a cap that cut the search sets {@code
 * truncated}. Output: {@code {path, files: [{path, size}]}} for a glob alone, else {@code {path,
 * matches: [{path, line, column, text}], files_searched, skipped_large, skipped_binary}}, both with
 * {@code truncated}. The delta is empty.
 */
public final class FsSearch extends OneCallTool {

  static final int DEFAULT_MATCHES = 100;
  static final int MAX_MATCHES = 1_000;
  static final long MAX_SCAN_BYTES = 64L << 20;
  static final int MAX_FILES = 20_000;
  static final int MAX_DEPTH = 32;
  /** A matching line longer than this is shown as a window around the match. */
  static final int MAX_LINE_CHARS = 240;
  static final String SCHEMA = """
      {"type":"object","additionalProperties":false,
       "properties":{
        "path":{"type":"string","minLength":1,
                "description":"the folder to search; default the sandbox root"},
        "text":{"type":"string","minLength":1,"maxLength":1000,
                "description":"literal text to find in lines (case-sensitive, no regex)"},
        "glob":{"type":"string","minLength":1,"maxLength":1000,
                "description":"file name pattern (*.java) or path pattern (src/**/*.java)"},
        "max_matches":{"type":"integer","minimum":1,"maximum":1000,
                       "description":"default 100"}}}""";

  private final Optional<Sandbox> configured;

  /** @param configured the provider's sandbox, used when the runtime gives none */
  public FsSearch(Optional<Sandbox> configured) {
    super(new ToolDescriptor("fs_search", "1",
        "Find files by glob and/or lines containing literal text inside the sandbox (no regular"
            + " expressions; match and size caps).",
        (JsonObject) Json.parse(SCHEMA), EffectClass.READ, RiskClass.LOW, false));
    this.configured = configured;
  }

  @Override
  public ToolOutcome execute(ToolContext context) {
    JsonObject args = context.args();
    String path = args.get("path").isPresent() ? ToolSupport.string(args, "path") : ".";
    Optional<String> text = args.get("text").map(v -> ToolSupport.string(args, "text"));
    Optional<String> globText = args.get("glob").map(v -> ToolSupport.string(args, "glob"));
    long max = ToolSupport.optInteger(args, "max_matches").orElse((long) DEFAULT_MATCHES);
    if (text.isEmpty() && globText.isEmpty()) {
      return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, "give \"text\", \"glob\" or both");
    }
    if (max < 1 || max > MAX_MATCHES || text.map(String::isEmpty).orElse(false)) {
      return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, "need non-empty text and max_matches"
          + " in [1, " + MAX_MATCHES + "], found " + max);
    }
    Optional<Glob> glob;
    try {
      glob = globText.map(Glob::parse);
    } catch (IllegalArgumentException e) {
      return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, "glob: " + e.getMessage());
    }
    try {
      Sandbox sandbox = ToolSupport.sandbox(context, configured, path);
      SandboxPath at = sandbox.resolve(path, Access.READ);
      Scan scan = new Scan(sandbox, context, at, text, glob, (int) max);
      Walk.Summary s = sandbox.walk(at, MAX_DEPTH, FsList.MAX_NAMES, scan::visit);
      return ToolResult.of(scan.output(s.namesCapped()), Delta.EMPTY);
    } catch (SandboxViolation v) {
      return v.toFailure();
    } catch (IOException e) {
      return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, "fs_search " + path + ": " + e);
    }
  }

  /** The state of one search: results so far and what the caps cut. */
  private static final class Scan {
    private final Sandbox sandbox;
    private final ToolContext context;
    private final SandboxPath at;
    private final Optional<String> text;
    private final Optional<Glob> glob;
    private final int max;
    private final List<Json> results = new ArrayList<>();
    private long bytes;
    private long files;
    private long skippedLarge;
    private long skippedBinary;
    private boolean truncated;

    Scan(Sandbox sandbox, ToolContext context, SandboxPath at, Optional<String> text,
        Optional<Glob> glob, int max) {
      this.sandbox = sandbox;
      this.context = context;
      this.at = at;
      this.text = text;
      this.glob = glob;
      this.max = max;
    }

    boolean visit(Walk.Entry e) throws SandboxViolation, IOException {
      if (context.cancellation().isCancelled()) {
        throw new SandboxViolation(ToolFailure.Kind.CANCELLED, at.key(), "search cancelled");
      }
      if (e.type() != Walk.Type.FILE || !globMatches(e.path())) {
        return true;
      }
      if (text.isEmpty()) {
        if (results.size() == max) {
          return stop();
        }
        results.add(ToolSupport.object("path", e.path().key(), "size", e.size()));
        return true;
      }
      if (e.size() > sandbox.maxReadBytes()) {
        skippedLarge++;
        return true;
      }
      if (files == MAX_FILES || bytes + e.size() > MAX_SCAN_BYTES) {
        return stop();
      }
      byte[] content;
      try {
        content = FsWrite.read(sandbox, e.path(), sandbox.maxReadBytes());
      } catch (SandboxViolation raced) {
        return true; // replaced or removed since the walk saw it: skipped, never followed
      }
      if (content == null) {
        skippedLarge++;
        return true;
      }
      files++;
      bytes += content.length;
      Optional<String> s = ToolSupport.utf8(content);
      if (s.isEmpty() || s.get().indexOf('\0') >= 0) {
        skippedBinary++;
        return true;
      }
      return lines(e.path(), s.get());
    }

    private boolean lines(SandboxPath file, String s) {
      String needle = text.orElseThrow();
      long line = 1;
      int from = 0;
      while (from <= s.length()) {
        int nl = s.indexOf('\n', from);
        int end = nl < 0 ? s.length() : nl;
        String l = s.substring(from, end > from && s.charAt(end - 1) == '\r' ? end - 1 : end);
        int col = l.indexOf(needle);
        if (col >= 0) {
          if (results.size() == max) {
            return stop();
          }
          results.add(ToolSupport.object("path", file.key(), "line", line,
              "column", (long) col + 1, "text", window(l, col)));
        }
        if (nl < 0) {
          break;
        }
        from = nl + 1;
        line++;
      }
      return true;
    }

    private boolean globMatches(SandboxPath p) {
      if (glob.isEmpty()) {
        return true;
      }
      List<String> below = p.segments().subList(at.segments().size(), p.segments().size());
      return glob.get().pattern().indexOf('/') < 0
          ? glob.get().matches(List.of(p.name())) : glob.get().matches(below);
    }

    private boolean stop() {
      truncated = true;
      return false;
    }

    JsonObject output(boolean namesCapped) {
      boolean cut = truncated || namesCapped;
      if (text.isEmpty()) {
        return ToolSupport.object("path", at.key(), "files", Json.array(results),
            "truncated", cut);
      }
      return ToolSupport.object("path", at.key(), "matches", Json.array(results),
          "files_searched", files, "skipped_large", skippedLarge,
          "skipped_binary", skippedBinary, "truncated", cut);
    }
  }

  /** The line, or a window of it around the match when it is long. */
  static String window(String line, int col) {
    if (line.length() <= MAX_LINE_CHARS) {
      return line;
    }
    int from = Math.max(0, Math.min(col - MAX_LINE_CHARS / 4, line.length() - MAX_LINE_CHARS));
    int to = from + MAX_LINE_CHARS;
    // never cut a surrogate pair
    if (from > 0 && Character.isLowSurrogate(line.charAt(from))) {
      from++;
    }
    if (to < line.length() && Character.isHighSurrogate(line.charAt(to - 1))) {
      to--;
    }
    return (from > 0 ? "…" : "") + line.substring(from, to) + (to < line.length() ? "…" : "");
  }
}
