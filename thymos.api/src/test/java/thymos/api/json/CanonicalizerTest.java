package thymos.api.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import thymos.api.ProtocolViolation;

/** The RFC 8785 writer (E1.1) and the values it refuses to write (E1.2, E1.6). */
class CanonicalizerTest {

  private static void assertViolation(String rule, String pointer, Json value) {
    ProtocolViolation v = assertThrows(ProtocolViolation.class, value::canonicalBytes);
    assertEquals(rule, v.rule().orElseThrow(), v.getMessage());
    assertEquals(pointer, v.pointer(), v.getMessage());
  }

  @Test
  void required_E1_1_escapesControlsLikeJsonStringify() {
    StringBuilder in = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      in.append(c);
    }
    in.append("\"\\/\u007f");
    String expected = "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007"
        + "\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
        + "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017"
        + "\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"
        + "\\\"\\\\/\u007f\"";
    assertEquals(expected, Json.string(in.toString()).canonicalString());
  }

  @Test
  void required_E1_1_writesNonAsciiAsLiteralUtf8() {
    String s = "\u0080\u00e9\u2028\u2029\u20ac\ufeff\uffff\ud83d\ude02\udbff\udfff";
    assertArrayEquals(("\"" + s + "\"").getBytes(StandardCharsets.UTF_8),
        Json.string(s).canonicalBytes());
  }

  @Test
  void required_E1_1_sortsMembersByUtf16CodeUnitsWithoutWhitespace() {
    Json v = Json.object(Map.of("\ufb33", Json.integer(1), "\ud83d\ude02", Json.integer(2),
        "b", Json.array(List.of(Json.bool(true), Json.nullValue(), new JsonNumber(-0.0))),
        "a", JsonObject.EMPTY, "", Json.string("")));
    assertEquals("{\"\":\"\",\"a\":{},\"b\":[true,null,0],\"\ud83d\ude02\":2,\"\ufb33\":1}",
        v.canonicalString());
    assertEquals(v.canonicalString(), v.toString());
  }

  @Test
  void required_E1_1_writesNumbersInEcmaScriptForm() {
    List<Json> numbers = List.of(Json.integer(JsonNumber.MAX_SAFE_INTEGER),
        Json.integer(-JsonNumber.MAX_SAFE_INTEGER), Json.integer(0), Json.integer(-7),
        new JsonNumber(56.0), new JsonNumber(1e21), new JsonNumber(1e-7), new JsonNumber(0.000001),
        new JsonNumber(-1.5e-9), new JsonNumber(Long.MIN_VALUE * 1e6));
    assertEquals("[9007199254740991,-9007199254740991,0,-7,56,1e+21,1e-7,0.000001,-1.5e-9,"
        + "-9.223372036854776e+24]", Json.array(numbers).canonicalString());
    assertEquals("0", new JsonNumber(-0.0).toString());
  }

  @Test
  void required_E1_2_refusesLoneSurrogateBuiltInCodeNamingTheString() {
    Json v = Json.object(Map.of("a", Json.array(List.of(Json.string("ok"),
        Json.string("x\ud800")))));
    assertViolation("E1.2", "/a/1", v);
    assertViolation("E1.2", "", Json.string("\udc00"));
    assertViolation("E1.2", "/k", Json.object(Map.of("k", Json.string("\ude02\ud83d"))));
    assertViolation("E1.2", "/m~1n", Json.object(Map.of("m/n", Json.string("\ud83dx"))));
  }

  @Test
  void required_E1_2_refusesLoneSurrogateInMemberNameNamingTheObject() {
    assertViolation("E1.2", "/o",
        Json.object(Map.of("o", Json.object(Map.of("bad\ud800", Json.integer(1))))));
  }

  @Test
  void required_E1_2_refusesIntegerValuedNumbersItCouldNotReadBack() {
    assertViolation("E1.2", "/n/1",
        Json.object(Map.of("n", Json.array(List.of(Json.integer(1), new JsonNumber(0x1p53))))));
    assertViolation("E1.2", "", new JsonNumber(-1e20));
    assertEquals("1e+21", new JsonNumber(1e21).canonicalString());
    assertEquals("9007199254740991", new JsonNumber(0x1p53 - 1).canonicalString());
  }

  private static Json nestedArrays(int depth) {
    Json v = JsonArray.EMPTY;
    for (int i = 1; i < depth; i++) {
      v = Json.array(List.of(v));
    }
    return v;
  }

  @Test
  void required_E1_6_refusesNestingDeeperThanSixtyFour() {
    assertEquals("[".repeat(64) + "]".repeat(64), nestedArrays(64).canonicalString());
    assertViolation("E1.6", "/0".repeat(64), nestedArrays(65));
  }

  @Test
  void required_E1_6_refusesStringsOverFourMebibytesOfUtf8() {
    int limit = JsonLimits.MAX_STRING_BYTES;
    assertEquals(limit + 2, Json.string("x".repeat(limit)).canonicalBytes().length);
    assertViolation("E1.6", "/0", Json.array(List.of(Json.string("x".repeat(limit + 1)))));
    // 1.5 Mi chars, 4.5 MiB of UTF-8.
    assertViolation("E1.6", "/s",
        Json.object(Map.of("s", Json.string("\u0939".repeat(1536 * 1024)))));
    assertViolation("E1.6", "", Json.object(Map.of("n".repeat(limit + 1), Json.integer(1))));
  }

  @Test
  void required_E1_6_refusesCanonicalDocumentsOverEightMebibytes() {
    String two = "x".repeat(2 * 1024 * 1024);
    List<Json> parts = new ArrayList<>(List.of(Json.string(two), Json.string(two),
        Json.string(two)));
    parts.add(Json.string(two.substring(13))); // [ , , , ] and 8 quotes: 13 bytes
    assertEquals(JsonLimits.MAX_DOCUMENT_BYTES, Json.array(parts).canonicalBytes().length);
    parts.add(Json.integer(0));
    assertViolation("E1.6", "", Json.array(parts));
  }

  @Test
  void canonicalBytesAreAFreshCopyEachTime() {
    Json v = Json.string("abc");
    byte[] first = v.canonicalBytes();
    first[1] = 'z';
    assertArrayEquals("\"abc\"".getBytes(StandardCharsets.US_ASCII), v.canonicalBytes());
  }
}
