package thymos.api.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.json.StrictObject;

/**
 * Package helpers for writing and reading the JSON forms: an object builder that omits absent
 * optional members (E1.4), and strict readers for arrays and constrained strings.
 */
final class Members {

  private final JsonObject.Builder members = JsonObject.builder();

  private Members() {}

  static Members create() {
    return new Members();
  }

  Members put(String name, Json value) {
    members.put(name, value);
    return this;
  }

  Members put(String name, String value) {
    return put(name, Json.string(value));
  }

  Members put(String name, long value) {
    return put(name, Json.integer(value));
  }

  Members put(String name, boolean value) {
    return put(name, Json.bool(value));
  }

  /** Puts {@code value} mapped to JSON when present; omits the member otherwise (E1.4). */
  <T> Members opt(String name, Optional<T> value, Function<? super T, ? extends Json> toJson) {
    value.ifPresent(v -> members.put(name, toJson.apply(v)));
    return this;
  }

  /**
   * The members every outcome payload starts with: {@code intent}, {@code intent_id}, and
   * {@code redacted} only when true (X8.3).
   */
  static Members outcomeHead(IntentOutcome outcome) {
    Members m = create().put("intent", outcome.intent().toJson())
        .put("intent_id", outcome.intentId().toJson());
    return outcome.redacted() ? m.put("redacted", true) : m;
  }

  <T> Members list(String name, List<T> values, Function<? super T, ? extends Json> toJson) {
    return put(name, array(values, toJson));
  }

  JsonObject build() {
    return members.build();
  }

  static <T> JsonArray array(List<T> values, Function<? super T, ? extends Json> toJson) {
    List<Json> out = new ArrayList<>(values.size());
    for (T v : values) {
      out.add(toJson.apply(v));
    }
    return Json.array(out);
  }

  /**
   * A required hex32 member, as {@code o.read(name, Hash32::fromJson)} with the same errors; the
   * member's pointer is built only for an error (model reading looks up some sixty pointers an
   * entry, a tenth of replay's time on one thread).
   */
  static Hash32 hash32(StrictObject o, String name) {
    return hash32(o.value(name), o, name);
  }

  /** An optional hex32 member, as {@code o.optRead(name, Hash32::fromJson)}. */
  static Optional<Hash32> optHash32(StrictObject o, String name) {
    Optional<Json> v = o.optValue(name);
    return v.isEmpty() ? Optional.empty() : Optional.of(hash32(v.get(), o, name));
  }

  private static Hash32 hash32(Json v, StrictObject o, String name) {
    if (v instanceof JsonString s) {
      try {
        return Hash32.parse(s.value(), "");
      } catch (ProtocolViolation e) {
        // refused again below, naming the member
      }
    }
    return Hash32.fromJson(v, o.pointer(name)); // throws what it threw, with the pointer
  }

  /** Reads every element of the required array member {@code name} with {@code reader}. */
  static <T> List<T> readList(
      StrictObject o, String name, BiFunction<Json, String, T> reader) {
    return readArray(o.array(name), o.pointer(name), reader);
  }

  /** Reads every element of {@code array} (at {@code pointer}) with {@code reader}. */
  static <T> List<T> readArray(JsonArray array, String pointer, BiFunction<Json, String, T> reader) {
    List<T> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(reader.apply(array.get(i), StrictObject.child(pointer, i)));
    }
    return List.copyOf(out);
  }

  /**
   * Reads an optional array member that, when present, must not be empty: an absent list and an
   * empty one mean the same, so only one encoding (omission) is accepted.
   */
  static <T> List<T> readOptNonEmptyList(
      StrictObject o, String name, BiFunction<Json, String, T> reader) {
    Optional<Json> v = o.optValue(name);
    if (v.isEmpty()) {
      return List.of();
    }
    if (!(v.get() instanceof JsonArray a)) {
      throw StrictObject.wrongType(o.pointer(name), "array", v.get());
    }
    if (a.size() == 0) {
      throw new ProtocolViolation("E1.4", o.pointer(name),
          "an empty \"" + name + "\" is written by omitting the member");
    }
    return readArray(a, o.pointer(name), reader);
  }

  /** Reads the optional {@code redacted} marker: absent means false, and only {@code true} is written. */
  static boolean readRedacted(StrictObject o) {
    Optional<Boolean> r = o.optBool("redacted");
    if (r.isPresent() && !r.get()) {
      throw new ProtocolViolation("E1.4", o.pointer("redacted"),
          "redacted is written only as true; omit it when nothing was redacted");
    }
    return r.orElse(false);
  }

  /** A string that must not be empty, at {@code pointer}. */
  static String nonEmpty(String value, String pointer, String rule) {
    if (value.isEmpty()) {
      throw new ProtocolViolation(rule, pointer, "must not be empty");
    }
    return value;
  }

  static void requireNonEmpty(String value, String name) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }

  static void requireNonNegative(long value, String name) {
    if (value < 0 || value > thymos.api.json.JsonNumber.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException(name + " must be in [0, 2^53-1]: " + value);
    }
  }
}
