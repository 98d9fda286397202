package thymos.tools.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.model.CommitPayload;
import thymos.api.model.Delta;
import thymos.api.model.EffectClass;
import thymos.api.model.ResourceKey;
import thymos.api.model.RiskClass;
import thymos.api.model.World;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolDescriptor;
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;
import thymos.tools.sandbox.Access;
import thymos.tools.sandbox.Sandbox;
import thymos.tools.sandbox.SandboxPath;
import thymos.tools.sandbox.SandboxViolation;

/**
 * {@code fs_patch} (T2, write / medium, compensable): changes an existing UTF-8 text file inside
 * the sandbox by exact search/replace {@code edits} or by a single-file unified {@code diff}
 * (exactly one of the two). All or nothing: when any edit or hunk does not match, the tool fails
 * ({@code tool_error}, the message names the edit or hunk and the first differing line) and the
 * file is not written (see {@link Patches}).
 *
 * <p>The file must exist and fit the read cap; the result must fit the write cap ({@code
 * too_large}). The delta records {@code file/<key>} with {@code {size, sha256}} exactly as {@code
 * fs_write} does; the output is {@code {path, size, sha256, created: false, previous, hunks? |
 * replacements?}}, and {@link #compensate} restores {@code previous} (X6.1) with the same checks
 * as {@code fs_write}.
 */
public final class FsPatch extends OneCallTool {

  static final String NAME = "fs_patch";
  /** At most this many search/replace edits per call. */
  static final int MAX_EDITS = 100;
  static final String SCHEMA = """
      {"type":"object","additionalProperties":false,"required":["path"],
       "properties":{
        "path":{"type":"string","minLength":1,
                "description":"relative to the sandbox root, or absolute inside a root"},
        "edits":{"type":"array","minItems":1,"maxItems":100,
          "description":"exact search/replace edits, applied in order; give edits or diff",
          "items":{"type":"object","additionalProperties":false,"required":["search","replace"],
            "properties":{
              "search":{"type":"string","minLength":1,
                        "description":"text that must occur exactly once (unless all)"},
              "replace":{"type":"string"},
              "all":{"type":"boolean","description":"replace every occurrence (at least one)"}}}},
        "diff":{"type":"string","minLength":1,
                "description":"a unified diff of this one file; give edits or diff"}}}""";

  private final Optional<Sandbox> configured;

  /** @param configured the provider's sandbox, used when the runtime gives none */
  public FsPatch(Optional<Sandbox> configured) {
    super(new ToolDescriptor(NAME, "1",
        "Apply exact search/replace edits or a unified diff to a file inside the sandbox; nothing"
            + " is written unless every edit or hunk matches.",
        (JsonObject) Json.parse(SCHEMA), EffectClass.WRITE, RiskClass.MEDIUM, true));
    this.configured = configured;
  }

  @Override
  public ToolOutcome execute(ToolContext context) {
    JsonObject args = context.args();
    String path = ToolSupport.string(args, "path");
    boolean hasEdits = args.get("edits").isPresent();
    boolean hasDiff = args.get("diff").isPresent();
    if (hasEdits == hasDiff) {
      return new ToolFailure(ToolFailure.Kind.TOOL_ERROR,
          "give exactly one of \"edits\" and \"diff\"");
    }
    try {
      Sandbox sandbox = ToolSupport.sandbox(context, configured, path);
      SandboxPath at = sandbox.resolve(path, Access.WRITE);
      Optional<BasicFileAttributes> attrs = sandbox.attributes(at);
      if (attrs.isEmpty()) {
        return new ToolFailure(ToolFailure.Kind.NOT_FOUND, "\"" + at.key()
            + "\" does not exist; fs_patch changes existing files (use fs_write to create one)");
      }
      byte[] old = FsWrite.read(sandbox, at, sandbox.maxReadBytes());
      if (old == null) {
        return new ToolFailure(ToolFailure.Kind.TOO_LARGE, "\"" + at.key() + "\" is "
            + attrs.get().size() + " bytes, above the read cap of " + sandbox.maxReadBytes());
      }
      Optional<String> text = ToolSupport.utf8(old);
      if (text.isEmpty()) {
        return new ToolFailure(ToolFailure.Kind.TOOL_ERROR,
            "\"" + at.key() + "\" is not UTF-8 text; fs_patch edits text files only");
      }
      Patches.Result patched;
      try {
        patched = hasEdits ? Patches.edits(text.get(), edits(args))
            : Patches.diff(text.get(), ToolSupport.string(args, "diff"));
      } catch (Patches.Mismatch m) {
        return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, "patch does not apply to \""
            + at.key() + "\", nothing was written: " + m.getMessage());
      }
      byte[] bytes = patched.text().getBytes(StandardCharsets.UTF_8);
      if (bytes.length > sandbox.maxWriteBytes()) {
        return new ToolFailure(ToolFailure.Kind.TOO_LARGE, "the patched file is " + bytes.length
            + " bytes, above the write cap of " + sandbox.maxWriteBytes());
      }
      FsWrite.write(sandbox, at, bytes);
      ResourceKey key = new ResourceKey("file", at.key());
      return ToolResult.of(ToolSupport.object("path", at.key(), "size", (long) bytes.length,
          "sha256", ToolSupport.sha256(bytes), "created", false,
          "previous", FsWrite.previousOf(old), "hunks", hunks(patched),
          "replacements", replacements(patched)),
          Delta.of(FsWrite.upsert(context.world(), key, FsWrite.fileValue(bytes))));
    } catch (SandboxViolation v) {
      return v.toFailure();
    } catch (IOException e) {
      return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, NAME + " " + path + ": " + e);
    }
  }

  /**
   * Restores the content the file had before {@code commit} (X6.1); refused ({@code
   * not_compensable}) when the commit's output was redacted or the file changed in the world or on
   * disk since the commit, as for {@code fs_write}.
   */
  @Override
  public ToolOutcome compensate(CommitPayload commit, World world) {
    return FsWrite.restore(NAME, configured, commit, world);
  }

  private static List<Patches.Edit> edits(JsonObject args) {
    if (!(args.get("edits").orElseThrow() instanceof JsonArray a) || a.size() > MAX_EDITS) {
      throw new IllegalArgumentException("\"edits\" must be an array of at most " + MAX_EDITS);
    }
    List<Patches.Edit> out = new ArrayList<>();
    for (Json e : a.elements()) {
      JsonObject o = (JsonObject) e;
      out.add(new Patches.Edit(ToolSupport.string(o, "search"), ToolSupport.string(o, "replace"),
          ToolSupport.optBool(o, "all").orElse(false)));
    }
    return out;
  }

  private static JsonArray hunks(Patches.Result r) {
    if (r.hunks().isEmpty()) {
      return null;
    }
    List<Json> out = new ArrayList<>();
    for (Patches.Placed p : r.hunks()) {
      out.add(ToolSupport.object("line", (long) p.line(), "offset", (long) p.offset()));
    }
    return Json.array(out);
  }

  private static JsonArray replacements(Patches.Result r) {
    if (r.replacements().isEmpty()) {
      return null;
    }
    return Json.array(r.replacements().stream().map(n -> (Json) Json.integer(n)).toList());
  }
}
