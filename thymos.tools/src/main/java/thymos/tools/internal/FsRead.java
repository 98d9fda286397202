package thymos.tools.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Base64;
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

/**
 * {@code fs_read} (T2, read / low): reads a file, or a range of its lines, inside the sandbox.
 *
 * <p>Without a range, a file above the read cap is {@code too_large}; the output is {@code {path,
 * size, sha256, content}} for UTF-8 text, or {@code content_base64} instead of {@code content}
 * otherwise. With {@code start_line}/{@code end_line} (1-based, inclusive) the file is streamed
 * and the output is {@code {path, start_line, lines, content, truncated?}}, where {@code truncated}
 * says the read cap cut the range. The delta is always empty: a read leaves the world unchanged.
 */
public final class FsRead extends OneCallTool {

  static final String SCHEMA = """
      {"type":"object","additionalProperties":false,"required":["path"],
       "properties":{
        "path":{"type":"string","minLength":1,
                "description":"relative to the sandbox root, or absolute inside a root"},
        "start_line":{"type":"integer","minimum":1,"description":"first line, 1-based"},
        "end_line":{"type":"integer","minimum":1,"description":"last line, inclusive"}}}""";

  private static final int CHUNK = 64 * 1024;

  private final Optional<Sandbox> configured;

  /** @param configured the provider's sandbox, used when the runtime gives none */
  public FsRead(Optional<Sandbox> configured) {
    super(new ToolDescriptor("fs_read", "1",
        "Read a file, or a range of its lines, inside the sandbox (size cap).",
        (JsonObject) Json.parse(SCHEMA), EffectClass.READ, RiskClass.LOW, false));
    this.configured = configured;
  }

  @Override
  public ToolOutcome execute(ToolContext context) {
    JsonObject args = context.args();
    String path = ToolSupport.string(args, "path");
    Optional<Long> start = ToolSupport.optInteger(args, "start_line");
    Optional<Long> end = ToolSupport.optInteger(args, "end_line");
    if (start.orElse(1L) < 1 || end.orElse(Long.MAX_VALUE) < start.orElse(1L)) {
      return new ToolFailure(ToolFailure.Kind.TOOL_ERROR,
          "need 1 <= start_line <= end_line, found " + start + " and " + end);
    }
    try {
      Sandbox sandbox = ToolSupport.sandbox(context, configured, path);
      SandboxPath at = sandbox.resolve(path, Access.READ);
      try (SeekableByteChannel ch = sandbox.openRead(at)) {
        if (start.isEmpty() && end.isEmpty()) {
          return whole(at, ch, sandbox.maxReadBytes(), context);
        }
        return range(at, ch, start.orElse(1L), end.orElse(Long.MAX_VALUE),
            sandbox.maxReadBytes(), context);
      }
    } catch (SandboxViolation v) {
      return v.toFailure();
    } catch (IOException e) {
      return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, "fs_read " + path + ": " + e);
    }
  }

  private static ToolOutcome whole(SandboxPath at, SeekableByteChannel ch, long cap,
      ToolContext context) throws IOException {
    long size = ch.size();
    if (size > cap) {
      return tooLarge(at, size, cap);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
    // a small file needs no 64 KiB buffer (+1 so growth while reading is still seen)
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, size + 1));
    while (ch.read(buf) >= 0) {
      if (context.cancellation().isCancelled()) {
        return cancelled(at);
      }
      out.write(buf.array(), 0, buf.position());
      buf.clear();
      if (out.size() > cap) { // the file grew while reading
        return tooLarge(at, out.size(), cap);
      }
    }
    byte[] bytes = out.toByteArray();
    Optional<String> text = ToolSupport.utf8(bytes);
    return ToolResult.of(ToolSupport.object("path", at.key(), "size", (long) bytes.length,
        "sha256", ToolSupport.sha256(bytes), "content", text.orElse(null),
        "content_base64", text.isPresent() ? null : Base64.getEncoder().encodeToString(bytes)),
        Delta.EMPTY);
  }

  private static ToolOutcome range(SandboxPath at, SeekableByteChannel ch, long start, long end,
      long cap, ToolContext context) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    long line = 1;
    long lines = 0;
    boolean truncated = false;
    boolean lineOpen = false;
    scan:
    while (ch.read(buf) >= 0) {
      if (context.cancellation().isCancelled()) {
        return cancelled(at);
      }
      buf.flip();
      while (buf.hasRemaining()) {
        byte b = buf.get();
        if (line > end) {
          break scan;
        }
        if (line >= start) {
          if (out.size() >= cap) {
            truncated = true;
            break scan;
          }
          out.write(b);
          if (!lineOpen) {
            lineOpen = true;
            lines++;
          }
        }
        if (b == '\n') {
          line++;
          lineOpen = false;
        }
      }
      buf.clear();
    }
    byte[] bytes = truncated ? ToolSupport.trimPartialUtf8(out.toByteArray()) : out.toByteArray();
    Optional<String> text = ToolSupport.utf8(bytes);
    if (text.isEmpty()) {
      return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, "\"" + at.key()
          + "\": the line range is not UTF-8 text" + (truncated ? " (cut by the cap)" : ""));
    }
    return ToolResult.of(ToolSupport.object("path", at.key(), "start_line", start,
        "lines", lines, "content", text.get(), "truncated", truncated ? Boolean.TRUE : null),
        Delta.EMPTY);
  }

  private static ToolFailure tooLarge(SandboxPath at, long size, long cap) {
    return new ToolFailure(ToolFailure.Kind.TOO_LARGE, "\"" + at.key() + "\" is " + size
        + " bytes, above the read cap of " + cap + "; read a line range instead");
  }

  private static ToolFailure cancelled(SandboxPath at) {
    return new ToolFailure(ToolFailure.Kind.CANCELLED,
        "reading \"" + at.key() + "\" was cancelled");
  }
}
