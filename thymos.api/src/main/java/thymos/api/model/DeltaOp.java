package thymos.api.model;

import java.util.Objects;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * One operation of a {@link Delta} (M5). Its JSON form names the variant in {@code op}, not
 * {@code kind} as other unions do (E4.5), because {@code kind} is the resource kind:
 * {@code {op:"create", kind, id, value}}, {@code {op:"replace", kind, id, expected_version,
 * value}}, {@code {op:"retract", kind, id, expected_version, reason}}.
 */
public sealed interface DeltaOp permits DeltaOp.Create, DeltaOp.Replace, DeltaOp.Retract {

  /** The key this op changes. */
  ResourceKey key();

  /** The variant name written in {@code op}. */
  String op();

  /** The JSON form. */
  JsonObject toJson();

  /**
   * Creates a resource; precondition: the key is absent, or present and retracted.
   *
   * @param key the resource
   * @param value the free-form value
   */
  record Create(ResourceKey key, Json value) implements DeltaOp {
    /** Checks for {@code null}. */
    public Create {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String op() {
      return "create";
    }

    @Override
    public JsonObject toJson() {
      return Members.create().put("op", op()).put("kind", key.kind()).put("id", key.id())
          .put("value", value).build();
    }
  }

  /**
   * Replaces a value; precondition: present, not retracted, at {@code expectedVersion}.
   *
   * @param key the resource
   * @param expectedVersion the version the op was computed against, ≥ 1
   * @param value the new free-form value
   */
  record Replace(ResourceKey key, long expectedVersion, Json value) implements DeltaOp {
    /** @throws IllegalArgumentException if {@code expectedVersion} is below 1 */
    public Replace {
      Objects.requireNonNull(key, "key");
      checkVersion(expectedVersion);
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String op() {
      return "replace";
    }

    @Override
    public JsonObject toJson() {
      return Members.create().put("op", op()).put("kind", key.kind()).put("id", key.id())
          .put("expected_version", expectedVersion).put("value", value).build();
    }
  }

  /**
   * Retracts a resource, keeping its value; precondition: present, not retracted, at {@code
   * expectedVersion}.
   *
   * @param key the resource
   * @param expectedVersion the version the op was computed against, ≥ 1
   * @param reason why
   */
  record Retract(ResourceKey key, long expectedVersion, String reason) implements DeltaOp {
    /** @throws IllegalArgumentException if {@code expectedVersion} is below 1 */
    public Retract {
      Objects.requireNonNull(key, "key");
      checkVersion(expectedVersion);
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String op() {
      return "retract";
    }

    @Override
    public JsonObject toJson() {
      return Members.create().put("op", op()).put("kind", key.kind()).put("id", key.id())
          .put("expected_version", expectedVersion).put("reason", reason).build();
    }
  }

  private static void checkVersion(long v) {
    if (v < 1 || v > thymos.api.json.JsonNumber.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("expected_version must be in [1, 2^53-1]: " + v);
    }
  }

  /**
   * Reads the JSON form strictly (E1.5).
   *
   * @throws ProtocolViolation for an unknown {@code op}, a missing or unknown member, or an
   *     expected version below 1
   */
  static DeltaOp fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    String op = o.string("op");
    ResourceKey key = new ResourceKey(o.string("kind"), o.string("id"));
    DeltaOp d = switch (op) {
      case "create" -> new Create(key, o.value("value"));
      case "replace" -> new Replace(key, version(o), o.value("value"));
      case "retract" -> new Retract(key, version(o), o.string("reason"));
      default -> throw new ProtocolViolation("E1.5", o.pointer("op"),
          "unknown delta op \"" + op + "\"; expected one of create, replace, retract");
    };
    o.end();
    return d;
  }

  private static long version(StrictObject o) {
    long v = o.nonNegative("expected_version");
    if (v < 1) {
      throw new ProtocolViolation("M5", o.pointer("expected_version"),
          "expected_version must be >= 1 (versions start at 1), found 0");
    }
    return v;
  }
}
