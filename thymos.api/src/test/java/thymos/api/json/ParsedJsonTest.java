package thymos.api.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import thymos.api.ProtocolViolation;

/**
 * Guards the single-pass canonical check and the member spans of {@link ParsedJson} against the
 * general path: writing the canonical form and comparing (E1.1, R2.1).
 */
class ParsedJsonTest {

  @Provide
  Arbitrary<Json> values() {
    return JsonArbitraries.values();
  }

  @Provide
  Arbitrary<JsonObject> objects() {
    return JsonArbitraries.objects();
  }

  @Provide
  Arbitrary<Double> numbers() {
    return JsonArbitraries.numbers();
  }

  private static boolean generalCheck(byte[] bytes) {
    return Arrays.equals(Json.parse(bytes).canonicalBytes(), bytes);
  }

  private static void assertAgrees(byte[] bytes) {
    ParsedJson parsed = ParsedJson.parse(bytes);
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertEquals(Json.parse(bytes), parsed.value(), text);
    assertEquals(generalCheck(bytes), parsed.canonical(), text);
  }

  @Property
  void required_E1_1_canonicalBytesAreNotedCanonical(@ForAll("values") Json value) {
    assertAgrees(value.canonicalBytes());
    assertEquals(true, ParsedJson.parse(value.canonicalBytes()).canonical());
  }

  @Property
  void required_E1_1_scrambledTextIsNotedCanonicalExactlyWhenItIs(
      @ForAll("objects") JsonObject value, @ForAll Random random) {
    assertAgrees(ScrambledWriter.write(value, random).getBytes(StandardCharsets.UTF_8));
  }

  @Property
  void required_E1_1_numberSpellingsAreNotedCanonicalExactlyWhenTheyAre(
      @ForAll("numbers") double v) {
    if (!JsonArbitraries.isCanonicallyWritable(v)) {
      return;
    }
    String[] spellings = {NumberFormatter.format(v), Double.toString(v),
        new BigDecimal(v).toString(), new BigDecimal(Double.toString(v)).toPlainString(),
        String.format("%.3e", v), String.valueOf((long) v)};
    for (String s : spellings) {
      byte[] bytes = ("[" + s + "]").getBytes(StandardCharsets.US_ASCII);
      try {
        Json.parse(bytes);
      } catch (ProtocolViolation e) {
        continue; // a spelling the strict parser refuses (too many digits, beyond 2^53)
      }
      assertAgrees(bytes);
    }
  }

  @Example
  void required_E1_1_eachNonCanonicalSpellingIsNoted() {
    String[] texts = {"[-0]", "[1.0]", "[1e2]", "[\"\\/\"]", "[\"\\u001F\"]", "[\"\\u0041\"]",
        "[\"\\u000a\"]", "[\"\\u00e9\"]", " []", "[] ", "[1, 2]", "{\"b\":1,\"a\":2}",
        "{\"a\" :1}", "[0.10]", "[1E2]", "[\"\\u001f\"]", "[\"\\n\\\"\\\\\\t\"]", "[\"é\"]",
        "{\"a\":1,\"b\":[{}]}", "[-0.0]", "[1e21]", "[1e+21]", "[0.000001]", "[1e-7]"};
    for (String t : texts) {
      assertAgrees(t.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Property
  void memberSpansAreTheCanonicalBytesOfTheMemberValues(@ForAll("objects") JsonObject value) {
    byte[] bytes = value.canonicalBytes();
    ParsedJson parsed = ParsedJson.parse(bytes);
    for (Map.Entry<String, Json> m : value.members().entrySet()) {
      int[] span = parsed.memberSpan(m.getKey());
      if (span == null) { // only for names JCS escapes; the caller then canonicalises
        assertEquals(true, m.getKey().chars().anyMatch(c -> c < 0x20 || c == '"' || c == '\\'),
            m.getKey());
        continue;
      }
      assertArrayEquals(m.getValue().canonicalBytes(),
          Arrays.copyOfRange(bytes, span[0], span[1]), m.getKey());
      if (m.getValue() instanceof JsonObject inner) {
        for (Map.Entry<String, Json> n : inner.members().entrySet()) {
          int[] nested = parsed.memberSpan(m.getKey(), n.getKey());
          if (nested != null) {
            assertArrayEquals(n.getValue().canonicalBytes(),
                Arrays.copyOfRange(bytes, nested[0], nested[1]));
          }
        }
      }
    }
    assertNull(parsed.memberSpan("\u0000 no such member \u0000"));
  }

  @Example
  void memberSpansAreAbsentForNonCanonicalBytesAndMissingPaths() {
    ParsedJson loose = ParsedJson.parse("{ \"a\":1}".getBytes(StandardCharsets.UTF_8));
    assertNull(loose.memberSpan("a"));
    ParsedJson tight = ParsedJson.parse("{\"a\":1,\"b\":{\"c\":[2]}}".getBytes(
        StandardCharsets.UTF_8));
    assertNull(tight.memberSpan("a", "x"));
    assertNull(tight.memberSpan("b", "d"));
    assertArrayEquals(new int[] {16, 19}, tight.memberSpan("b", "c"));
  }

  @Example
  void refusesWhatJsonParseRefuses() {
    assertThrows(ProtocolViolation.class,
        () -> ParsedJson.parse("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)));
  }
}
