package thymos.tools.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import thymos.api.json.Json;
import thymos.api.json.JsonBoolean;
import thymos.api.json.JsonNumber;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.model.CommitPayload;
import thymos.api.model.DeltaOp;
import thymos.api.model.Observation;
import thymos.api.model.ResourceKey;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolFailure;
import thymos.tools.sandbox.Sandbox;
import thymos.tools.sandbox.SandboxViolation;

/** Helpers shared by the built-in tools (T2). */
final class ToolSupport {

  private ToolSupport() {}

  /**
   * The sandbox a file tool uses: the runtime's, when the context carries one (T1.3), else the
   * provider's configured one.
   *
   * @throws SandboxViolation {@code path_escape} when there is none (no root holds any path), or
   *     {@code tool_error} for a runtime sandbox of a type this module does not know
   */
  static Sandbox sandbox(ToolContext context, Optional<Sandbox> configured, String path)
      throws SandboxViolation {
    if (context.sandbox().isPresent()) {
      if (context.sandbox().get() instanceof Sandbox s) {
        return s;
      }
      throw new SandboxViolation(ToolFailure.Kind.TOOL_ERROR, path, "the runtime's sandbox ("
          + context.sandbox().get().getClass().getName() + ") is not a thymos.tools sandbox");
    }
    return configured(configured, path);
  }

  /** The configured sandbox, or {@code path_escape} when none is configured. */
  static Sandbox configured(Optional<Sandbox> configured, String path) throws SandboxViolation {
    return configured.orElseThrow(() -> new SandboxViolation(ToolFailure.Kind.PATH_ESCAPE, path,
        "no sandbox is configured, so no path is inside one"));
  }

  static String string(JsonObject o, String name) {
    if (o.get(name).orElse(null) instanceof JsonString s) {
      return s.value();
    }
    throw new IllegalArgumentException("member \"" + name + "\" must be a string");
  }

  static Optional<Long> optInteger(JsonObject o, String name) {
    Optional<Json> v = o.get(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (v.get() instanceof JsonNumber n && n.isSafeInteger()) {
      return Optional.of(n.longValueExact());
    }
    throw new IllegalArgumentException("member \"" + name + "\" must be an integer");
  }

  static Optional<Boolean> optBool(JsonObject o, String name) {
    return o.get(name).map(v -> v instanceof JsonBoolean b && b.value());
  }

  /** An object from alternating names and values; {@code null} values are left out. */
  static JsonObject object(Object... pairs) {
    Map<String, Json> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      Object v = pairs[i + 1];
      if (v != null) {
        m.put((String) pairs[i], switch (v) {
          case Json j -> j;
          case String s -> Json.string(s);
          case Long l -> Json.integer(l);
          case Integer n -> Json.integer(n);
          case Boolean b -> Json.bool(b);
          default -> throw new IllegalArgumentException("not a JSON value: " + v);
        });
      }
    }
    return Json.object(m);
  }

  /** Lowercase hex SHA-256 of {@code bytes}. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** {@code bytes} as strict UTF-8 text, or empty when they are not. */
  static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** {@code bytes} without a trailing incomplete UTF-8 sequence (left by a size cap). */
  static byte[] trimPartialUtf8(byte[] bytes) {
    int n = bytes.length;
    for (int back = 1; back <= Math.min(3, n); back++) {
      int b = bytes[n - back] & 0xff;
      if ((b & 0xc0) != 0x80) { // a lead or ASCII byte
        int len = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        return len > back ? Arrays.copyOf(bytes, n - back) : bytes;
      }
    }
    return bytes;
  }

  /**
   * The output of a commit's observation for {@code tool}, unless a redaction touched it: a
   * compensation must never restore a redaction marker (X6.1, X8).
   */
  static Optional<JsonObject> cleanOutput(CommitPayload commit, String tool) {
    for (Observation o : commit.observations()) {
      if (o.tool().equals(tool) && o.output() instanceof JsonObject out
          && o.redactions().orElse(0L) == 0 && !commit.redacted()) {
        return Optional.of(out);
      }
    }
    return Optional.empty();
  }

  /** The value {@code commit}'s delta last wrote to {@code key} (create or replace). */
  static Optional<Json> written(CommitPayload commit, ResourceKey key) {
    Optional<Json> out = Optional.empty();
    for (DeltaOp op : commit.delta().ops()) {
      if (op.key().equals(key)) {
        out = switch (op) {
          case DeltaOp.Create c -> Optional.of(c.value());
          case DeltaOp.Replace r -> Optional.of(r.value());
          case DeltaOp.Retract r -> Optional.empty();
        };
      }
    }
    return out;
  }

  static ToolFailure notCompensable(String tool, String why) {
    return new ToolFailure(ToolFailure.Kind.NOT_COMPENSABLE, tool + " cannot compensate: " + why);
  }
}
