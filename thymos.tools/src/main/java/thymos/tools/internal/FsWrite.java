package thymos.tools.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Base64;
import java.util.Optional;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.model.CommitPayload;
import thymos.api.model.Delta;
import thymos.api.model.DeltaOp;
import thymos.api.model.EffectClass;
import thymos.api.model.ResourceKey;
import thymos.api.model.ResourceState;
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
 * {@code fs_write} (T2, write / medium, compensable): creates or overwrites a file inside the
 * sandbox, creating parent folders inside it.
 *
 * <p>The delta records resource {@code file/<key>} ({@link SandboxPath#key()}) with value {@code
 * {size, sha256}}: {@code create} when the world has no live resource for the key, {@code replace}
 * of its current version otherwise. The output is {@code {path, size, sha256, created,
 * previous?}}; {@code previous} ({@code {size, sha256?, content? | content_base64?}}) is the file's
 * former content when it fitted the read cap, which is what {@link #compensate} restores (X6.1).
 */
public final class FsWrite extends OneCallTool {

  static final String NAME = "fs_write";
  static final String SCHEMA = """
      {"type":"object","additionalProperties":false,"required":["path","content"],
       "properties":{
        "path":{"type":"string","minLength":1,
                "description":"relative to the sandbox root, or absolute inside a root"},
        "content":{"type":"string","description":"the new content, written as UTF-8"}}}""";

  private final Optional<Sandbox> configured;

  /** @param configured the provider's sandbox, used when the runtime gives none */
  public FsWrite(Optional<Sandbox> configured) {
    super(new ToolDescriptor(NAME, "1",
        "Create or overwrite a file inside the sandbox, creating parent folders.",
        (JsonObject) Json.parse(SCHEMA), EffectClass.WRITE, RiskClass.MEDIUM, true));
    this.configured = configured;
  }

  @Override
  public ToolOutcome execute(ToolContext context) {
    String path = ToolSupport.string(context.args(), "path");
    byte[] bytes = ToolSupport.string(context.args(), "content").getBytes(StandardCharsets.UTF_8);
    try {
      Sandbox sandbox = ToolSupport.sandbox(context, configured, path);
      if (bytes.length > sandbox.maxWriteBytes()) {
        return new ToolFailure(ToolFailure.Kind.TOO_LARGE, "content is " + bytes.length
            + " bytes, above the write cap of " + sandbox.maxWriteBytes());
      }
      SandboxPath at = sandbox.resolve(path, Access.WRITE);
      Optional<BasicFileAttributes> before = sandbox.attributes(at);
      JsonObject previous = before.isPresent() ? previous(sandbox, at, before.get()) : null;
      write(sandbox, at, bytes);
      JsonObject value = fileValue(bytes);
      ResourceKey key = new ResourceKey("file", at.key());
      return ToolResult.of(ToolSupport.object("path", at.key(), "size", (long) bytes.length,
          "sha256", ToolSupport.sha256(bytes), "created", previous == null,
          "previous", previous), Delta.of(upsert(context.world(), key, value)));
    } catch (SandboxViolation v) {
      return v.toFailure();
    } catch (IOException e) {
      return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, NAME + " " + path + ": " + e);
    }
  }

  /**
   * Restores the content the file had before {@code commit}, or deletes a file the commit created
   * (X6.1). Refused ({@code not_compensable}) when the commit's output was redacted, the previous
   * content was above the cap, or the file changed in the world or on disk since the commit.
   */
  @Override
  public ToolOutcome compensate(CommitPayload commit, World world) {
    return restore(NAME, configured, commit, world);
  }

  /**
   * The compensation of a file-writing tool ({@code fs_write}, {@code fs_patch}) whose output
   * records {@code path}, {@code sha256}, {@code created} and {@code previous} (X6.1).
   */
  static ToolOutcome restore(String tool, Optional<Sandbox> configured, CommitPayload commit,
      World world) {
    Optional<JsonObject> out = ToolSupport.cleanOutput(commit, tool);
    if (out.isEmpty()) {
      return ToolSupport.notCompensable(tool, "the commit's output is missing or was redacted");
    }
    String key = ToolSupport.string(out.get(), "path");
    try {
      Sandbox sandbox = ToolSupport.configured(configured, key);
      SandboxPath at = sandbox.resolveKey(key, Access.WRITE);
      ResourceKey rk = new ResourceKey("file", at.key());
      Optional<ResourceState> now = world.get(rk);
      if (now.isEmpty()
          || !ToolSupport.written(commit, rk).equals(Optional.of(now.get().value()))) {
        return ToolSupport.notCompensable(tool, rk + " changed in the world since the commit");
      }
      byte[] current = read(sandbox, at, Sandbox.MAX_CAP_BYTES);
      if (current == null || !ToolSupport.sha256(current).equals(
          ToolSupport.string(out.get(), "sha256"))) {
        return ToolSupport.notCompensable(tool, "\"" + key + "\" changed on disk since the commit");
      }
      long version = now.get().version();
      if (ToolSupport.optBool(out.get(), "created").orElse(false)) {
        sandbox.delete(at);
        return ToolResult.of(ToolSupport.object("path", at.key(), "deleted", true),
            Delta.of(new DeltaOp.Retract(rk, version, "compensated " + tool)));
      }
      Optional<byte[]> restore = previousBytes(out.get());
      if (restore.isEmpty()) {
        return ToolSupport.notCompensable(tool, "the previous content of \"" + key
            + "\" was above the cap or was not recorded");
      }
      write(sandbox, at, restore.get());
      return ToolResult.of(ToolSupport.object("path", at.key(), "restored", true,
          "size", (long) restore.get().length, "sha256", ToolSupport.sha256(restore.get())),
          Delta.of(new DeltaOp.Replace(rk, version, fileValue(restore.get()))));
    } catch (SandboxViolation v) {
      return v.toFailure();
    } catch (IOException e) {
      return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, tool + " compensate " + key + ": " + e);
    }
  }

  /** {@code create} for an absent or retracted key, else {@code replace} of its version (M5). */
  static DeltaOp upsert(World world, ResourceKey key, Json value) {
    Optional<ResourceState> current = world.get(key);
    return current.isEmpty()
        ? new DeltaOp.Create(key, value)
        : new DeltaOp.Replace(key, current.get().version(), value);
  }

  static JsonObject fileValue(byte[] bytes) {
    return ToolSupport.object("size", (long) bytes.length, "sha256", ToolSupport.sha256(bytes));
  }

  private static JsonObject previous(Sandbox sandbox, SandboxPath at, BasicFileAttributes a)
      throws SandboxViolation, IOException {
    if (a.isSymbolicLink()) {
      throw new SandboxViolation(ToolFailure.Kind.PATH_ESCAPE, at.key(), "is a symbolic link");
    }
    if (!a.isRegularFile()) {
      throw new SandboxViolation(ToolFailure.Kind.TOOL_ERROR, at.key(), "is not a regular file");
    }
    byte[] old = read(sandbox, at, sandbox.maxReadBytes());
    return old == null ? ToolSupport.object("size", a.size()) : previousOf(old);
  }

  /** {@code previous}: the former content, as text or base64, with its size and hash. */
  static JsonObject previousOf(byte[] old) {
    Optional<String> text = ToolSupport.utf8(old);
    return ToolSupport.object("size", (long) old.length, "sha256", ToolSupport.sha256(old),
        "content", text.orElse(null),
        "content_base64", text.isPresent() ? null : Base64.getEncoder().encodeToString(old));
  }

  private static Optional<byte[]> previousBytes(JsonObject out) {
    if (!(out.get("previous").orElse(null) instanceof JsonObject p)
        || p.get("sha256").isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes;
    if (p.get("content").orElse(null) instanceof JsonString s) {
      bytes = s.value().getBytes(StandardCharsets.UTF_8);
    } else if (p.get("content_base64").orElse(null) instanceof JsonString s) {
      try {
        bytes = Base64.getDecoder().decode(s.value());
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    } else {
      return Optional.empty();
    }
    // A redaction marker or any other change would not hash to the recorded value.
    return ToolSupport.sha256(bytes).equals(ToolSupport.string(p, "sha256"))
        ? Optional.of(bytes) : Optional.empty();
  }

  /** The whole file, or {@code null} when it is above {@code cap}. */
  static byte[] read(Sandbox sandbox, SandboxPath at, long cap)
      throws SandboxViolation, IOException {
    try (SeekableByteChannel ch = sandbox.openRead(at)) {
      if (ch.size() > cap) {
        return null;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) ch.size());
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      while (ch.read(buf) >= 0) {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
        if (out.size() > cap) {
          return null;
        }
      }
      return out.toByteArray();
    }
  }

  static void write(Sandbox sandbox, SandboxPath at, byte[] bytes)
      throws SandboxViolation, IOException {
    try (SeekableByteChannel ch = sandbox.openWrite(at)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    }
  }
}
