package thymos.api.json;

import java.util.Optional;
import java.util.function.BiFunction;
import thymos.api.ProtocolViolation;

/**
 * Reads one object of a hashed or signed document strictly (E1.5): every required member must be
 * present with the right JSON type, optional members may be absent but never {@code null} (E1.4),
 * protocol integers must be integers within ±(2^53−1) (E1.3), and {@link #end()} refuses every
 * member that was not read. Each error is a {@link ProtocolViolation} naming the JSON pointer.
 *
 * <p>Typical use, in a record's {@code fromJson}:
 *
 * <pre>{@code
 * StrictObject o = StrictObject.of(json, pointer);
 * var body = new Budget(o.nonNegative("tokens"), ...);
 * o.end();
 * }</pre>
 */
public final class StrictObject {

  /**
   * Pointers built recently, by slot. Every member read passes its pointer down, and a ledger
   * repeats the same hundred or so in every entry, so building each anew (two concatenations and
   * two escaping passes) showed in replay profiles. The entries are immutable, so threads share
   * the table without locks (a lost write only costs a rebuild); {@code parent} is compared by
   * value, which is first an identity check. Even so a lookup costs a few dependent loads, so
   * readers that need a pointer only for an error build it there.
   */
  private static final Pointer[] POINTERS = new Pointer[1024];

  /** A cached pointer: {@code parent} and a member {@code name} (or, when null, an index). */
  private record Pointer(String parent, String name, int index, String pointer) {}

  private final JsonObject object;
  private final ObjectMembers members;
  private final String pointer;
  private final boolean[] read; // by member index: cheaper than a set of names on replay

  private StrictObject(JsonObject object, String pointer) {
    this.object = object;
    this.members = object.sortedMembers();
    this.pointer = pointer;
    this.read = new boolean[members.size()];
  }

  /**
   * Starts reading {@code json}, which must be an object.
   *
   * @param pointer the JSON pointer of {@code json} in its document ({@code ""} for the root)
   * @throws ProtocolViolation (E1.5) if {@code json} is not an object
   */
  public static StrictObject of(Json json, String pointer) {
    if (json instanceof JsonObject o) {
      return new StrictObject(o, pointer);
    }
    throw wrongType(pointer, "object", json);
  }

  /** The object being read. */
  public JsonObject json() {
    return object;
  }

  /** The JSON pointer of this object. */
  public String pointer() {
    return pointer;
  }

  /** The JSON pointer of member {@code name} of this object (RFC 6901 escaping). */
  public String pointer(String name) {
    return child(pointer, name);
  }

  /** The JSON pointer of member {@code name} under {@code parent} (RFC 6901 escaping). */
  public static String child(String parent, String name) {
    int slot = slot(parent.hashCode() * 31 + name.hashCode());
    Pointer p = POINTERS[slot];
    if (p != null && p.name != null && p.name.equals(name) && p.parent.equals(parent)) {
      return p.pointer;
    }
    String pointer = parent + "/" + name.replace("~", "~0").replace("/", "~1");
    POINTERS[slot] = new Pointer(parent, name, 0, pointer);
    return pointer;
  }

  /** The JSON pointer of element {@code index} under {@code parent}. */
  public static String child(String parent, int index) {
    int slot = slot(parent.hashCode() * 31 + index);
    Pointer p = POINTERS[slot];
    if (p != null && p.name == null && p.index == index && p.parent.equals(parent)) {
      return p.pointer;
    }
    String pointer = parent + "/" + index;
    POINTERS[slot] = new Pointer(parent, null, index, pointer);
    return pointer;
  }

  private static int slot(int hash) {
    return (hash ^ (hash >>> 10) ^ (hash >>> 20)) & (POINTERS.length - 1);
  }

  /** Whether member {@code name} is present (it is then counted as read only when read). */
  public boolean has(String name) {
    return members.containsKey(name);
  }

  /** A required member of any JSON type, {@code null} included (free-form values). */
  public Json value(String name) {
    return required(name);
  }

  /** An optional member of any JSON type except {@code null} (E1.4). */
  public Optional<Json> optValue(String name) {
    return Optional.ofNullable(optional(name));
  }

  /** A required string member. */
  public String string(String name) {
    Json v = required(name);
    if (v instanceof JsonString s) {
      return s.value();
    }
    throw wrongType(pointer(name), "string", v); // the pointer only for the error: see POINTERS
  }

  /** An optional string member. */
  public Optional<String> optString(String name) {
    Json v = optional(name);
    return v == null ? Optional.empty() : Optional.of(asString(v, pointer(name)));
  }

  /** A required boolean member. */
  public boolean bool(String name) {
    Json v = required(name);
    if (v instanceof JsonBoolean b) {
      return b.value();
    }
    throw wrongType(pointer(name), "boolean", v);
  }

  /** An optional boolean member. */
  public Optional<Boolean> optBool(String name) {
    Json v = optional(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof JsonBoolean b) {
      return Optional.of(b.value());
    }
    throw wrongType(pointer(name), "boolean", v);
  }

  /** A required protocol integer in [−(2^53−1), 2^53−1] (E1.3). */
  public long integer(String name) {
    Json v = required(name);
    if (v instanceof JsonNumber n && n.isSafeInteger()) {
      return n.longValueExact();
    }
    return asInteger(v, pointer(name)); // throws
  }

  /** A required protocol integer ≥ 0. */
  public long nonNegative(String name) {
    Json v = required(name);
    if (v instanceof JsonNumber n && n.isSafeInteger()) {
      long value = n.longValueExact();
      if (value >= 0) {
        return value;
      }
    }
    return asNonNegative(v, pointer(name)); // throws
  }

  /** An optional protocol integer ≥ 0. */
  public Optional<Long> optNonNegative(String name) {
    Json v = optional(name);
    return v == null ? Optional.empty() : Optional.of(asNonNegative(v, pointer(name)));
  }

  /** A required object member, as a free-form value. */
  public JsonObject object(String name) {
    Json v = required(name);
    if (v instanceof JsonObject o) {
      return o;
    }
    throw wrongType(pointer(name), "object", v);
  }

  /** A required array member. */
  public JsonArray array(String name) {
    Json v = required(name);
    if (v instanceof JsonArray a) {
      return a;
    }
    throw wrongType(pointer(name), "array", v);
  }

  /** A required object member, to be read strictly in its turn. */
  public StrictObject nested(String name) {
    return of(required(name), pointer(name));
  }

  /**
   * A required member decoded by {@code reader}, which receives the value and its pointer.
   */
  public <T> T read(String name, BiFunction<Json, String, T> reader) {
    return reader.apply(required(name), pointer(name));
  }

  /** An optional member decoded by {@code reader}. */
  public <T> Optional<T> optRead(String name, BiFunction<Json, String, T> reader) {
    Json v = optional(name); // as Optional.map: a null from the reader is empty
    return v == null ? Optional.empty() : Optional.ofNullable(reader.apply(v, pointer(name)));
  }

  /**
   * Ends reading: refuses every member that was not read (E1.5).
   *
   * @throws ProtocolViolation naming the first unknown member in canonical order
   */
  public void end() {
    for (int i = 0; i < read.length; i++) {
      if (!read[i]) {
        String name = members.nameAt(i);
        throw new ProtocolViolation("E1.5", pointer(name), "unknown member \"" + name + "\"");
      }
    }
  }

  /** {@code v} as a string, or a typed error at {@code at}. */
  public static String asString(Json v, String at) {
    if (v instanceof JsonString s) {
      return s.value();
    }
    throw wrongType(at, "string", v);
  }

  /** {@code v} as a protocol integer (E1.3), or a typed error at {@code at}. */
  public static long asInteger(Json v, String at) {
    if (v instanceof JsonNumber n) {
      if (n.isSafeInteger()) {
        return n.longValueExact();
      }
      throw new ProtocolViolation("E1.3", at,
          "protocol fields carry integers within 2^53-1, found " + n);
    }
    throw wrongType(at, "integer", v);
  }

  /** {@code v} as a protocol integer ≥ 0, or a typed error at {@code at}. */
  public static long asNonNegative(Json v, String at) {
    long n = asInteger(v, at);
    if (n < 0) {
      throw new ProtocolViolation("E1.3", at, "expected an integer >= 0, found " + n);
    }
    return n;
  }

  /** The error for a value of the wrong JSON type (E1.5). */
  public static ProtocolViolation wrongType(String at, String expected, Json actual) {
    if (actual instanceof JsonNull) {
      return new ProtocolViolation("E1.4", at, "expected " + expected
          + ", found null (null is never written for a protocol field)");
    }
    return new ProtocolViolation("E1.5", at,
        "wrong type: expected " + expected + ", found " + actual.typeName());
  }

  /**
   * An optional member (marked read), or {@code null} when absent; refuses a {@code null} value
   * (E1.4). The optional readers use it instead of mapping an {@link Optional}, whose lambdas
   * were allocated for every member read.
   */
  private Json optional(String name) {
    int i = members.indexOf(name);
    if (i < 0) {
      return null;
    }
    read[i] = true;
    Json v = members.valueAt(i);
    if (v instanceof JsonNull) {
      throw new ProtocolViolation("E1.4", pointer(name),
          "null is never written for a protocol field; omit the member instead");
    }
    return v;
  }

  private Json required(String name) {
    int i = members.indexOf(name);
    if (i < 0) {
      throw new ProtocolViolation("E1.5", pointer(name), "missing required member \"" + name + "\"");
    }
    read[i] = true;
    return members.valueAt(i);
  }
}
