package thymos.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import thymos.api.ProtocolViolation;

/** Strict I-JSON parsing: each refusal names its rule and the pointer of the value (E1.2, E1.6). */
class StrictParserTest {

  // ---- helpers ----

  private static ProtocolViolation refused(String text) {
    ProtocolViolation fromString = assertThrows(ProtocolViolation.class, () -> Json.parse(text));
    ProtocolViolation fromBytes = assertThrows(ProtocolViolation.class,
        () -> Json.parse(text.getBytes(StandardCharsets.UTF_8)));
    assertEquals(fromString.rule(), fromBytes.rule());
    assertEquals(fromString.pointer(), fromBytes.pointer());
    return fromBytes;
  }

  private static ProtocolViolation refused(byte[] utf8) {
    return assertThrows(ProtocolViolation.class, () -> Json.parse(utf8));
  }

  private static void assertViolation(String rule, String pointer, ProtocolViolation v) {
    assertEquals(rule, v.rule().orElseThrow(), v.getMessage());
    assertEquals(pointer, v.pointer(), v.getMessage());
  }

  private static byte[] bytes(Object... parts) {
    // Strings as UTF-8, Integers as single raw bytes: for invalid UTF-8.
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (Object p : parts) {
      if (p instanceof String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      } else {
        out.write((Integer) p);
      }
    }
    return out.toByteArray();
  }

  // ---- accepted input ----

  @Test
  void parsesEveryJsonTypeAndEscape() {
    Json v = Json.parse(" {\"s\":\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE02\u00e9\","
        + "\"n\":[0,-0,1.5,-2e3,1E+2,0.1e-1],\"b\":[true,false,null],\"o\":{},\"a\":[]}\n");
    JsonObject o = (JsonObject) v;
    assertEquals("a\"\\/\b\f\n\r\t\u00e9\ud83d\ude02\u00e9", StrictObject.asString(
        o.get("s").orElseThrow(), "/s"));
    assertEquals(Json.array(List.of(new JsonNumber(0), new JsonNumber(0), new JsonNumber(1.5),
        new JsonNumber(-2000), new JsonNumber(100), new JsonNumber(0.01))),
        o.get("n").orElseThrow());
    assertEquals(Json.array(List.of(Json.bool(true), Json.bool(false), Json.nullValue())),
        o.get("b").orElseThrow());
    assertEquals(JsonObject.EMPTY, o.get("o").orElseThrow());
    assertEquals(JsonArray.EMPTY, o.get("a").orElseThrow());
  }

  @Test
  void readsEachSpecialByteAtEveryOffsetOfAWord() {
    // The string scan tests eight bytes at a time; every special byte must stop it exactly.
    String[] specials = {"\\\"", "\\\\", "\\n", "\\u0001", "\u00e9", "\ud83d\ude02", "\""};
    String[] decoded = {"\"", "\\", "\n", "\u0001", "\u00e9", "\ud83d\ude02", ""};
    for (int k = 0; k < specials.length; k++) {
      for (int at = 0; at < 20; at++) {
        String before = "abcdefghijklmnopqrst".substring(0, at);
        boolean end = specials[k].equals("\"");
        String text = "[\"" + before + specials[k] + (end ? "" : "xyz\"") + "]";
        Json v = Json.parse(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(Json.array(List.of(Json.string(before + decoded[k] + (end ? "" : "xyz")))),
            v, text);
      }
    }
    for (int at = 0; at < 20; at++) { // a raw control byte is refused wherever it sits
      byte[] raw = bytes("[\"", "abcdefghijklmnopqrst".substring(0, at), 0x1f, "x\"]");
      assertViolation("E1.2", "/0", refused(raw));
    }
  }

  @Test
  void required_E1_2_acceptsSafeIntegerBoundsExactly() {
    assertEquals(Json.integer(9007199254740991L), Json.parse("9007199254740991"));
    assertEquals(Json.integer(-9007199254740991L), Json.parse("-9007199254740991"));
  }

  @Test
  void required_E1_2_acceptsNumbersBeyondTheIntegerRangeWhenTheyAreNotIntegers() {
    assertEquals(new JsonNumber(1e21), Json.parse("1e21"));
    assertEquals(new JsonNumber(1e300), Json.parse("1E300"));
    assertEquals(new JsonNumber(Double.MAX_VALUE), Json.parse("1.7976931348623157e308"));
    assertEquals(new JsonNumber(4.5e15), Json.parse("4.5e15"));
    assertEquals(new JsonNumber(333333333.3333333), Json.parse("333333333.33333329"));
  }

  @Test
  void required_E1_2_underflowRoundsToNearestDoubleLikeAnyOtherPrecisionLoss() {
    assertEquals(new JsonNumber(0), Json.parse("1e-400"));
    assertEquals(new JsonNumber(Double.MIN_VALUE), Json.parse("4.9e-324"));
  }

  // ---- malformed text ----

  @ParameterizedTest(name = "required_E1_2 malformed {0} at pointer ''{1}''")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "`{\"a\":[1,2,x]}` | /a/2",
      "`{\"a\":1,}` | ``",
      "`[1 2]` | ``",
      "`[1,]` | /1",
      "`{\"a\" 1}` | ``",
      "`{\"a\":{\"b\":tru}}` | /a/b",
      "`{'a':1}` | ``",
      "`[01]` | /0",
      "`[1.]` | /0",
      "`[-]` | /0",
      "`[.5]` | /0",
      "`[+1]` | /0",
      "`[1e]` | /0",
      "`[NaN]` | /0",
      "`[Infinity]` | /0",
      "`[\"a\\x\"]` | /0",
      "`[\"\\u12G4\"]` | /0",
      "`[\"abc` | /0",
      "`{\"a\":\"b\" // c }` | ``",
      "`` | ``",
      "`   ` | ``",
      "`{` | ``",
  })
  void required_E1_2_refusesMalformedTextNamingTheValue(String text, String pointer) {
    assertViolation("E1.2", pointer, refused(text));
  }

  @Test
  void required_E1_2_refusesRawControlCharacterInString() {
    assertViolation("E1.2", "/k/1", refused("{\"k\":[\"ok\",\"a\tb\"]}"));
    assertViolation("E1.2", "/k", refused("{\"k\":\"\u0000\"}"));
  }

  @Test
  void required_E1_2_refusesTrailingContent() {
    for (String text : List.of("{} {}", "1 2", "{}x", "[]]", "null,", "\"a\"\"b\"")) {
      assertViolation("E1.2", "", refused(text));
    }
  }

  @Test
  void required_E1_2_refusesByteOrderMark() {
    ProtocolViolation v = refused(bytes(0xEF, 0xBB, 0xBF, "{}"));
    assertViolation("E1.2", "", v);
    assertTrue(v.getMessage().startsWith("[THY-E102]"), v.getMessage());
    assertViolation("E1.2", "", refused("\ufeff{}"));
  }

  @Test
  void required_E1_2_refusesInvalidUtf8NamingTheString() {
    assertViolation("E1.2", "/k", refused(bytes("{\"k\":\"", 0xC3, 0x28, "\"}")));
    assertViolation("E1.2", "/k", refused(bytes("{\"k\":\"", 0xC0, 0xAF, "\"}"))); // overlong /
    assertViolation("E1.2", "/k", refused(bytes("{\"k\":\"", 0xE0, 0x80, 0xAF, "\"}")));
    assertViolation("E1.2", "/k", refused(bytes("{\"k\":\"", 0xF4, 0x90, 0x80, 0x80, "\"}")));
    assertViolation("E1.2", "/k", refused(bytes("{\"k\":\"", 0xF5, 0x80, 0x80, 0x80, "\"}")));
    assertViolation("E1.2", "/k", refused(bytes("{\"k\":\"", 0x80, "\"}"))); // stray continuation
    assertViolation("E1.2", "/k", refused(bytes("{\"k\":\"", 0xE2, 0x82))); // truncated at end
    assertViolation("E1.2", "/0", refused(bytes("[\"", 0xFF, "\"]")));
    assertViolation("E1.2", "", refused(bytes("{", 0xC3, 0xA9, ":1}"))); // non-ASCII outside
  }

  // ---- duplicates ----

  @Test
  void required_E1_2_refusesDuplicateMemberNames() {
    assertViolation("E1.2", "/a/b", refused("{\"a\":{\"b\":1,\"b\":2}}"));
    assertViolation("E1.2", "/b", refused("{\"b\":1,\"c\":2,\"b\":1}"));
  }

  @Test
  void required_E1_2_refusesDuplicatesAfterUnescapingAndEscapesThePointer() {
    assertViolation("E1.2", "/a", refused("{\"a\":1,\"\\u0061\":2}"));
    assertViolation("E1.2", "/x~1y/m~0n", refused("{\"x/y\":{\"m~n\":1,\"m\\u007en\":2}}"));
    assertViolation("E1.2", "/l/1/\ud83d\ude02",
        refused("{\"l\":[{},{\"\\ud83d\\ude02\":1,\"\ud83d\ude02\":2}]}"));
  }

  // ---- surrogates ----

  @Test
  void required_E1_2_refusesEscapedLoneSurrogatesNamingTheString() {
    assertViolation("E1.2", "/1", refused("[\"ok\",\"\\uD800\"]"));
    assertViolation("E1.2", "/1", refused("[\"ok\",\"x\\uDC00y\"]"));
    assertViolation("E1.2", "/s", refused("{\"s\":\"\\uD800\\u0041\"}"));
    assertViolation("E1.2", "/s", refused("{\"s\":\"\\uDC00\\uD800\"}")); // reversed pair
    assertViolation("E1.2", "/s", refused("{\"s\":\"\\uD83D\"}"));
  }

  @Test
  void required_E1_2_refusesLoneSurrogateInMemberNameNamingTheObject() {
    assertViolation("E1.2", "/a", refused("{\"a\":{\"\\uDFFF\":1}}"));
    assertViolation("E1.2", "", refused("{\"\\uD800x\":1}"));
  }

  @Test
  void required_E1_2_refusesRawLoneSurrogates() {
    // Bytes: a surrogate encoded in UTF-8 (also how CESU-8 writes pairs) is never valid UTF-8.
    assertViolation("E1.2", "/x/0", refused(bytes("{\"x\":[\"", 0xED, 0xA0, 0x80, "\"]}")));
    assertViolation("E1.2", "/x/0", refused(bytes("{\"x\":[\"", 0xED, 0xA0, 0xBD, 0xED, 0xB8,
        0x82, "\"]}")));
    // Text: a Java string holding a lone surrogate.
    ProtocolViolation v = assertThrows(ProtocolViolation.class,
        () -> Json.parse("{\"x\":[1,\"a\ud800\"]}"));
    assertViolation("E1.2", "/x/1", v);
    assertViolation("E1.2", "/x", assertThrows(ProtocolViolation.class,
        () -> Json.parse("{\"x\":{\"\udc00\":1}}")));
  }

  @Test
  void required_E1_2_acceptsSurrogatePairsEscapedOrRaw() {
    Json expected = Json.string("\ud83d\ude02");
    assertEquals(expected, Json.parse("\"\\ud83d\\ude02\""));
    assertEquals(expected, Json.parse("\"\ud83d\ude02\""));
    assertEquals(expected, Json.parse(bytes("\"", 0xF0, 0x9F, 0x98, 0x82, "\"")));
  }

  // ---- numbers ----

  @Test
  void required_E1_2_refusesIntegerLiteralsBeyondTwoPow53MinusOne() {
    assertViolation("E1.2", "/x/3", refused("{\"x\":[0,1,2,9007199254740992]}"));
    assertViolation("E1.2", "/x", refused("{\"x\":-9007199254740992}"));
    assertViolation("E1.2", "", refused("12345678901234567890123456789"));
    assertViolation("E1.2", "/0", refused("[-100000000000000000000000]"));
  }

  @Test
  void required_E1_2_refusesNumbersThatOverflowToInfinity() {
    assertViolation("E1.2", "/n", refused("{\"n\":1e309}"));
    assertViolation("E1.2", "/n/0", refused("{\"n\":[-1.8e308]}"));
    assertViolation("E1.2", "", refused("1" + "0".repeat(400) + ".0"));
  }

  @Test
  void required_E1_2_refusesFractionOrExponentNumbersThatAreIntegersBeyondTwoPow53() {
    // Canonical form would be a plain integer literal beyond 2^53-1 (decision in docs/decisions).
    assertViolation("E1.2", "/a", refused("{\"a\":9007199254740992.0}"));
    assertViolation("E1.2", "/a", refused("{\"a\":1e16}"));
    assertViolation("E1.2", "/a", refused("{\"a\":-9.999999999999999e20}"));
    assertViolation("E1.2", "/a", refused("{\"a\":9007199254740991.5}")); // rounds to 2^53
  }

  // ---- limits ----

  private static String nestedArrays(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  @Test
  void required_E1_6_acceptsNestingOfSixtyFourLevels() {
    Json v = Json.parse(nestedArrays(JsonLimits.MAX_DEPTH));
    int depth = 0;
    while (v instanceof JsonArray a) {
      depth++;
      v = a.size() == 0 ? null : a.get(0);
    }
    assertEquals(64, depth);
  }

  @Test
  void required_E1_6_refusesNestingDeeperThanSixtyFourNamingTheContainer() {
    ProtocolViolation v = refused(nestedArrays(JsonLimits.MAX_DEPTH + 1));
    assertViolation("E1.6", "/0".repeat(JsonLimits.MAX_DEPTH), v);
    String objects = "{\"a\":".repeat(64) + "{}" + "}".repeat(64);
    assertViolation("E1.6", "/a".repeat(64), refused(objects));
    assertViolation("E1.6", "/0".repeat(64), refused(nestedArrays(100_000)));
  }

  @Test
  void required_E1_6_refusesDocumentOverEightMebibytes() {
    // Four strings of 2 MiB: exactly 8 MiB with the punctuation removed from the last one.
    int limit = JsonLimits.MAX_DOCUMENT_BYTES;
    int each = 2 * 1024 * 1024;
    String big = "x".repeat(each);
    String fits = "[\"" + big + "\",\"" + big + "\",\"" + big + "\",\""
        + big.substring(0, each - 13) + "\"]";
    assertEquals(limit, fits.length());
    assertEquals(4, ((JsonArray) Json.parse(fits)).size());
    String tooBig = fits + " ";
    assertViolation("E1.6", "", refused(tooBig));
    // A String is counted in UTF-8 bytes: 4.5 Mi two-byte chars make 9 MiB.
    assertViolation("E1.6", "", assertThrows(ProtocolViolation.class,
        () -> Json.parse("[\"" + "\u00e9".repeat(4_608 * 1024) + "\"]")));
  }

  @Test
  void required_E1_6_refusesStringOverFourMebibytesOfUtf8() {
    int limit = JsonLimits.MAX_STRING_BYTES;
    assertEquals(limit, ((JsonString) ((JsonObject) Json.parse(
        "{\"s\":\"" + "x".repeat(limit) + "\"}")).get("s").orElseThrow()).value().length());
    assertViolation("E1.6", "/s", refused("{\"s\":\"" + "x".repeat(limit + 1) + "\"}"));
    // Counted in UTF-8 bytes of the value: 1.5 Mi three-byte chars = 4.5 MiB.
    assertViolation("E1.6", "/s/0",
        refused("{\"s\":[\"" + "\u0939".repeat(1536 * 1024) + "\"]}"));
    // Escapes count as what they stand for: the escape of U+00E9 is two bytes, one too many.
    assertViolation("E1.6", "/e",
        refused("{\"e\":\"" + "x".repeat(limit - 1) + "\\u00e9\"}"));
    assertEquals(Json.string("x".repeat(limit - 2) + "\u00e9"), // exactly the limit
        Json.parse("\"" + "x".repeat(limit - 2) + "\\u00e9\""));
    // A member name over the limit names the object holding it.
    assertViolation("E1.6", "/o", refused("{\"o\":{\"" + "n".repeat(limit + 1) + "\":1}}"));
  }

  @Test
  void keepsMembersInCanonicalOrderWhateverTheInputOrder() {
    JsonObject o = (JsonObject) Json.parse("{\"b\":1,\"a\":2,\"\ud83d\ude02\":3,\"\ufb33\":4}");
    assertEquals(List.of("a", "b", "\ud83d\ude02", "\ufb33"), List.copyOf(o.members().keySet()));
    assertEquals(Json.object(Map.of("a", Json.integer(2), "b", Json.integer(1),
        "\ud83d\ude02", Json.integer(3), "\ufb33", Json.integer(4))), o);
  }
}
