package thymos.kernel.policy;

import java.util.Arrays;
import java.util.Optional;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonBoolean;
import thymos.api.json.JsonNumber;
import thymos.api.json.JsonString;

/**
 * The operators of the policy language (P6.2), each with the literal it takes (checked at load)
 * and its meaning (applied at evaluation).
 *
 * <p>Values have the types string, integer (a number within ±(2^53−1) without fraction),
 * fraction (any other number), boolean, null, object and array. Comparing values of different
 * types is an evaluation error ({@link EvaluationError}); so is ordering anything but two integers
 * (exact) or two strings (by code point), so no floating-point arithmetic is reachable. {@code
 * eq}, {@code ne}, {@code in} and array {@code contains} use JSON equality of same-typed values.
 * {@code glob} knows {@code *} (any run of code points, empty included) and {@code ?} (exactly one
 * code point); every other character is literal.
 */
enum Op {
  EQ, NE, LT, LTE, GT, GTE, IN, CONTAINS, STARTS_WITH, ENDS_WITH, EXISTS, GLOB;

  private final String wire = name().toLowerCase(java.util.Locale.ROOT);

  /** The op as written in a bundle. */
  String wire() {
    return wire;
  }

  /**
   * The op named {@code name}.
   *
   * @throws ProtocolViolation ({@code THY-P602}) for an unknown op, listing the known ones
   */
  static Op parse(String name, String at) {
    for (Op op : values()) {
      if (op.wire.equals(name)) {
        return op;
      }
    }
    throw new ProtocolViolation("P6.2", at, "unknown op \"" + name + "\"; expected one of "
        + Arrays.stream(values()).map(Op::wire).toList());
  }

  /**
   * Checks the literal of a leaf at load time (P6.2, P6.5): its shape for the op, and, for a field
   * of a known type, that the literal has that type (so a fraction compared with an integer field
   * is refused before use).
   *
   * @throws ProtocolViolation ({@code THY-P602}) naming {@code at}, the pointer of the value
   */
  void checkLiteral(Json value, Field field, String at) {
    switch (this) {
      case EXISTS -> require(value instanceof JsonBoolean, at, "exists takes true or false");
      case STARTS_WITH, ENDS_WITH, GLOB -> require(value instanceof JsonString, at,
          wire + " takes a string");
      case LT, LTE, GT, GTE -> {
        if (typeOf(value).equals("fraction")) {
          throw new ProtocolViolation("P6.5", at, wire + " with the fraction " + value
              + ": no floating point in rules; compare integers");
        }
        require(typeOf(value).equals("integer") || value instanceof JsonString, at,
            wire + " compares integers or strings, found " + article(typeOf(value)));
      }
      case IN -> {
        require(value instanceof JsonArray, at, "in takes an array");
        JsonArray a = (JsonArray) value;
        for (int i = 0; i < a.size(); i++) {
          checkTyped(a.get(i), field, at + "/" + i);
        }
        return;
      }
      case CONTAINS -> {
        require(field.type() != Field.Type.INTEGER, at, "contains needs a string or array field;"
            + " " + field.text() + " holds an integer");
        if (field.type() == Field.Type.STRING) {
          checkTyped(value, field, at);
        }
        return;
      }
      case EQ, NE -> { }
    }
    if (this != EXISTS) {
      checkTyped(value, field, at);
    }
  }

  private static void checkTyped(Json value, Field field, String at) {
    String expected = switch (field.type()) {
      case STRING -> "string";
      case INTEGER -> "integer";
      case FREE -> null;
    };
    if (expected != null && !typeOf(value).equals(expected)) {
      boolean fraction = typeOf(value).equals("fraction") && expected.equals("integer");
      String detail = fraction ? " (no floating point in rules)" : "";
      throw new ProtocolViolation(fraction ? "P6.5" : "P6.2", at,
          field.text() + " holds " + article(expected)
              + ", the literal is " + article(typeOf(value)) + detail);
    }
  }

  private static String article(String type) {
    return (type.startsWith("i") || type.startsWith("o") || type.startsWith("a") ? "an " : "a ")
        + type;
  }

  private static void require(boolean ok, String at, String message) {
    if (!ok) {
      throw new ProtocolViolation("P6.2", at, message);
    }
  }

  /**
   * Applies the op (P6.2, P6.4): an absent field is false for every op but {@code exists}.
   *
   * @throws EvaluationError for values of different types or types the op cannot compare
   */
  boolean test(Optional<Json> field, Json literal) {
    if (this == EXISTS) {
      return field.isPresent() == ((JsonBoolean) literal).value();
    }
    if (field.isEmpty()) {
      return false;
    }
    Json v = field.get();
    return switch (this) {
      case EQ -> equal(v, literal);
      case NE -> !equal(v, literal);
      case LT -> order(v, literal) < 0;
      case LTE -> order(v, literal) <= 0;
      case GT -> order(v, literal) > 0;
      case GTE -> order(v, literal) >= 0;
      case IN -> {
        for (Json candidate : ((JsonArray) literal).elements()) {
          if (equal(v, candidate)) {
            yield true;
          }
        }
        yield false;
      }
      case CONTAINS -> contains(v, literal);
      case STARTS_WITH -> string(v).startsWith(((JsonString) literal).value());
      case ENDS_WITH -> string(v).endsWith(((JsonString) literal).value());
      case GLOB -> Glob.matches(((JsonString) literal).value(), string(v));
      case EXISTS -> throw new AssertionError("handled above");
    };
  }

  private boolean contains(Json v, Json literal) {
    if (v instanceof JsonArray a) {
      for (Json element : a.elements()) {
        if (equal(element, literal)) {
          return true;
        }
      }
      return false;
    }
    if (v instanceof JsonString s && literal instanceof JsonString t) {
      return s.value().contains(t.value());
    }
    throw new EvaluationError("contains needs a string and a string, or an array; found "
        + typeOf(v) + " and " + typeOf(literal));
  }

  private String string(Json v) {
    if (v instanceof JsonString s) {
      return s.value();
    }
    throw new EvaluationError(wire + " compares strings; the field holds " + article(typeOf(v)));
  }

  private static boolean equal(Json a, Json b) {
    String ta = typeOf(a);
    String tb = typeOf(b);
    if (!ta.equals(tb)) {
      throw new EvaluationError("cannot compare " + article(ta) + " with " + article(tb));
    }
    return a.equals(b); // JSON equality: members unordered, numbers by value
  }

  private int order(Json a, Json b) {
    String ta = typeOf(a);
    String tb = typeOf(b);
    if (!ta.equals(tb)) {
      throw new EvaluationError("cannot compare " + article(ta) + " with " + article(tb));
    }
    if (a instanceof JsonString s && b instanceof JsonString t) {
      return compareCodePoints(s.value(), t.value());
    }
    if (ta.equals("integer")) {
      return Long.compare(((JsonNumber) a).longValueExact(), ((JsonNumber) b).longValueExact());
    }
    throw new EvaluationError(wire + " orders integers or strings, not " + ta + "s");
  }

  /** Compares by Unicode code point (P6.2), unlike {@link String#compareTo} (UTF-16 units). */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /** The value's type in the language: integer and fraction are different types (P6.2). */
  static String typeOf(Json v) {
    if (v instanceof JsonNumber n) {
      return n.isSafeInteger() ? "integer" : "fraction";
    }
    return v.typeName();
  }
}
