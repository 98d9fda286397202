package thymos.api.json;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of I-JSON values for property tests in any module: every value generated can
 * be canonicalised and parsed back (E1.1, E1.2), so properties need no filtering.
 *
 * <p>Strings mix ASCII, every C0 control, JSON specials ({@code " \ /}), U+2028/2029, BMP and
 * supplementary characters (as surrogate pairs), but never a lone surrogate. Numbers mix safe
 * integers up to ±(2^53−1), edge values (1e21, 1e-7, subnormals, the largest double) and arbitrary
 * finite doubles, but never an integer-valued double with 2^53 ≤ |v| &lt; 1e21, which I-JSON text
 * cannot carry (see {@link #isCanonicallyWritable(double)}).
 */
public final class JsonArbitraries {

  private static final double TWO_POW_53 = 9007199254740992.0;

  private JsonArbitraries() {}

  /** Any value: scalars, and arrays and objects nested up to three levels. */
  public static Arbitrary<Json> values() {
    return values(3);
  }

  /** Any value, with arrays and objects nested up to {@code maxDepth} levels. */
  public static Arbitrary<Json> values(int maxDepth) {
    // Edge cases of nested combinators multiply out and make generation slow; the leaf
    // generators already weight their edge values explicitly.
    return Arbitraries.recursive(JsonArbitraries::scalars, JsonArbitraries::containers, 0,
        maxDepth).withoutEdgeCases();
  }

  /** Objects whose members are {@link #values()}. */
  public static Arbitrary<JsonObject> objects() {
    return Arbitraries.maps(memberNames(), values()).ofMaxSize(5).map(JsonObject::new)
        .withoutEdgeCases();
  }

  /** Strings, numbers, booleans and null. */
  public static Arbitrary<Json> scalars() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, strings().map(JsonString::new)),
        Tuple.of(4, numbers().map(JsonNumber::new)),
        Tuple.of(1, Arbitraries.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE)));
  }

  /** Valid Unicode strings (no lone surrogates), up to 16 code points. */
  public static Arbitrary<String> strings() {
    return codePoints().list().ofMaxSize(16).map(JsonArbitraries::fromCodePoints);
  }

  /**
   * Member names: short, from a small alphabet so that names collide across generated objects and
   * sorting by UTF-16 code units (U+1F602 before U+FB33) is exercised, plus arbitrary strings.
   */
  public static Arbitrary<String> memberNames() {
    Arbitrary<String> tricky = Arbitraries.of(
        "", "a", "A", "aa", "b", "1", "10", "\n", "\u00e9", "e\u0301", "\ufb33", "\ud83d\ude02",
        "\u20ac", "</script>", "~", "/", "~1", "\u0000", "\u007f", "\u0080")
        .list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("", parts));
    return Arbitraries.frequencyOf(Tuple.of(3, tricky), Tuple.of(1, strings()));
  }

  /** Finite doubles that can be canonicalised ({@link #isCanonicallyWritable(double)}). */
  public static Arbitrary<Double> numbers() {
    long maxSafe = JsonNumber.MAX_SAFE_INTEGER;
    Arbitrary<Double> small = Arbitraries.integers().between(-1000, 1000).map(i -> (double) i);
    Arbitrary<Double> safe = Arbitraries.longs().between(-maxSafe, maxSafe).map(l -> (double) l);
    Arbitrary<Double> anyBits = Arbitraries.longs().map(Double::longBitsToDouble);
    Arbitrary<Double> decimals = Arbitraries.bigDecimals().between(
        new java.math.BigDecimal("-1e6"), new java.math.BigDecimal("1e6")).ofScale(6)
        .map(java.math.BigDecimal::doubleValue);
    Arbitrary<Double> edges = Arbitraries.of(0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.0 / 3, 1e21, 1e-7,
        1e-6, 9.999999999999999e20, 1e21 * 10, 123e-20, (double) maxSafe, (double) -maxSafe,
        Double.MIN_VALUE, 2 * Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
        -Double.MAX_VALUE, 4.35, 0.000001, 1e300, 333333333.33333329);
    return Arbitraries.frequencyOf(
            Tuple.of(3, small), Tuple.of(2, safe), Tuple.of(3, anyBits), Tuple.of(2, decimals),
            Tuple.of(2, edges))
        .filter(JsonArbitraries::isCanonicallyWritable);
  }

  /**
   * Whether {@code v} can appear in a canonical document: finite and not an integer with
   * 2^53 ≤ |v| &lt; 1e21 (whose canonical form would be an integer literal beyond 2^53−1, E1.2).
   */
  public static boolean isCanonicallyWritable(double v) {
    if (!Double.isFinite(v)) {
      return false;
    }
    double a = Math.abs(v);
    return !(v == Math.rint(v) && a >= TWO_POW_53 && a < 1e21);
  }

  private static Arbitrary<Json> containers(Arbitrary<Json> inner) {
    Arbitrary<Json> arrays = inner.list().ofMaxSize(5).map(l -> new JsonArray(List.copyOf(l)));
    Arbitrary<Json> objects = Arbitraries.maps(memberNames(), inner).ofMaxSize(5)
        .map(JsonObject::new);
    return Arbitraries.frequencyOf(Tuple.of(1, inner), Tuple.of(2, arrays), Tuple.of(2, objects));
  }

  private static Arbitrary<Integer> codePoints() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E)),
        Tuple.of(2, Arbitraries.integers().between(0x00, 0x1F)),
        Tuple.of(2, Arbitraries.of(0x22, 0x5C, 0x2F, 0x7F, 0x80, 0x2028, 0x2029, 0xFEFF, 0xFFFF)),
        Tuple.of(2, Arbitraries.integers().between(0x80, 0xFFFF)
            .filter(c -> c < 0xD800 || c > 0xDFFF)),
        Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10FFFF)));
  }

  private static String fromCodePoints(List<Integer> codePoints) {
    StringBuilder s = new StringBuilder(codePoints.size() * 2);
    codePoints.forEach(s::appendCodePoint);
    return s.toString();
  }
}
