package thymos.kernel.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.arbitraries.StringArbitrary;
import net.jqwik.api.statistics.Statistics;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;

/**
 * Algebraic claims about redaction (X8.1–X8.3) over JSON built from fragments of secret shapes,
 * placeholders and near misses, so the detectors' edges meet each other often.
 */
class RedactionProperties {

  private static final List<String> FRAGMENTS = List.of("Bearer ", "bearer", "eyJhbGciOiJIUzI1NiJ9",
      "eyJ", ".", "AKIA", "IOSFODNN7EXAMPLE", "ghp_", "github_pat_", "xoxb-", "sk-", "sk-ant-",
      "AIza", "://", "u:", "pw", "@", "h/", "-----BEGIN ", "PRIVATE KEY", "-----", "-----END ",
      "[REDACTED:", "key]", "github_token]", "jwt]", "url_password]", "bearer]", "]", "[",
      "a1B2c3D4e5F6g7H8i9J0k1L2", "abcdefghij", " ", "\n", ":", "-", "_", "=", "é", "\"",
      "x://u:", "pw@h", "[REDACTED:url_password]", "[REDACTED:private_key]", "[REDACTED:jwt]",
      "[REDACTED:github_token]", "[REDACTED:bearer]", "[REDACTED:key]");

  private static final List<String> NAME_FRAGMENTS = List.of("api", "Key", "_", "-", "token",
      "tokens", "author", "password", "Session", "x", "ID", "private", "ghp_", "xoxb-",
      "a1B2c3D4e5F6g7H8i9J0k1L2", "[REDACTED:slack_token]", "[REDACTED:key]");

  private final Redactor redactor = Redactor.defaults();

  @Provide
  Arbitrary<Json> values() {
    return Arbitraries.recursive(this::scalars, this::containers, 0, 3).withoutEdgeCases();
  }

  private Arbitrary<Json> scalars() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, texts().map(Json::string)),
        Tuple.of(1, Arbitraries.longs().between(-1000, 1000).map(Json::integer)),
        Tuple.of(1, Arbitraries.of(Json.bool(true), Json.bool(false), Json.nullValue())));
  }

  private Arbitrary<Json> containers(Arbitrary<Json> inner) {
    return Arbitraries.oneOf(
        inner.list().ofMaxSize(4).map(Json::array),
        Arbitraries.maps(names(), inner).ofMaxSize(4).map(Json::object));
  }

  private static Arbitrary<String> texts() {
    Arbitrary<String> pieces = Arbitraries.of(FRAGMENTS).list().ofMaxSize(8)
        .map(l -> String.join("", l));
    Arbitrary<String> chars = Arbitraries.strings().withChars("abeyJAKISgxhpo_sk-:/@.[]BRE =\n9")
        .ofMaxLength(30);
    return Arbitraries.oneOf(pieces, chars);
  }

  private static Arbitrary<String> names() {
    return Arbitraries.of(NAME_FRAGMENTS).list().ofMaxSize(4).map(l -> String.join("", l));
  }

  @Property(tries = 2000)
  void required_X8_3_redactionIsIdempotentAndCountsNothingTheSecondTime(
      @ForAll("values") Json value) {
    Redacted<Json> once = redactor.redact(value);
    Statistics.label("hit").collect(once.changed());
    Statistics.label("hit").coverage(c -> c.check(true).percentage(p -> p > 20));
    Redacted<Json> twice = redactor.redact(once.value());
    assertSame(once.value(), twice.value());
    assertEquals(0, twice.count());
  }

  @Property(tries = 2000)
  void required_X8_3_aValueWithoutHitsIsReturnedUnchanged(@ForAll("values") Json value) {
    Redacted<Json> r = redactor.redact(value);
    if (r.count() == 0) {
      assertSame(value, r.value());
    } else {
      assertNotEquals(value, r.value());
    }
  }

  @Property(tries = 1000)
  void required_X8_3_redactionKeepsTheShapeOfTheValue(@ForAll("values") Json value) {
    assertSameShape(value, redactor.redact(value).value());
  }

  private static void assertSameShape(Json before, Json after) {
    assertEquals(before.typeName(), after.typeName());
    switch (before) {
      case JsonArray a -> {
        JsonArray b = (JsonArray) after;
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
          if (!b.get(i).typeName().equals("string")) {
            assertSameShape(a.get(i), b.get(i));
          }
        }
      }
      case JsonObject o -> assertEquals(o.size(), ((JsonObject) after).size());
      default -> { }
    }
  }

  @Property(tries = 2000)
  void required_X8_2_keyMatchingAgreesWithWholeWordSplitting(@ForAll("keyNames") String name) {
    KeyWords words = KeyWords.of(Redactor.defaultKeyPhrases());
    List<String> split = KeyWords.split(name);
    boolean expected = false;
    for (List<String> phrase : words.phrases()) {
      expected |= java.util.Collections.indexOfSubList(split, phrase) >= 0;
    }
    assertEquals(expected, words.matches(name), name + " " + split);
  }

  @Provide
  Arbitrary<String> keyNames() {
    // U+212A KELVIN SIGN lowercases to 'k': the pre-check must lowercase as splitting does.
    return Arbitraries.of("api", "Key", "\u212Aey", "_", "-", ".", "token", "tokens", "author",
        "PASSWORD", "Session", "x", "ID", "private", "cookie", "Secret", "s", "\u0130")
        .list().ofMaxSize(5).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<Tuple2<String, String>> plantedSecrets() {
    StringArbitrary alnum = Arbitraries.strings().alpha().numeric();
    StringArbitrary upperDigits = Arbitraries.strings().withCharRange('A', 'Z')
        .withCharRange('0', '9');
    StringArbitrary b64url = Arbitraries.strings().alpha().numeric().withChars("-_");
    return Arbitraries.oneOf(
        alnum.ofLength(36).map(b -> Tuple.of("ghp_" + b, b)),
        alnum.ofLength(60).map(b -> Tuple.of("github_pat_11" + b, b)),
        upperDigits.ofLength(16).map(b -> Tuple.of("AKIA" + b, b)),
        upperDigits.ofLength(16).map(b -> Tuple.of("ASIA" + b, b)),
        alnum.ofLength(40).map(b -> Tuple.of("sk-proj-9" + b, b)),
        alnum.ofLength(40).map(b -> Tuple.of("sk-ant-api03-Z" + b, b)),
        b64url.ofLength(35).map(b -> Tuple.of("AIza" + b, b)),
        alnum.ofLength(30).map(b -> Tuple.of("xoxp-" + b, b)),
        Combinators.combine(b64url.ofLength(20), b64url.ofLength(30))
            .as((p, s) -> Tuple.of("eyJhbGciOiJIUzI1NiJ9.eyJ" + p + "." + s, p + "." + s)),
        Arbitraries.strings().alpha().numeric().withChars("-._~+/").ofLength(24)
            .map(t -> Tuple.of("Bearer " + t, t)),
        Arbitraries.strings().alpha().numeric().withChars("!$&*;=").ofLength(14)
            .map(pw -> Tuple.of("https://svc:" + pw + "@db.example/x", pw)),
        Arbitraries.strings().alpha().numeric().withChars("+/\n").ofLength(64)
            .map(k -> Tuple.of("-----BEGIN RSA PRIVATE KEY-----\n" + k
                + "\n-----END RSA PRIVATE KEY-----", k)));
  }

  @Property(tries = 2000)
  void required_X8_1_noByteOfAPlantedSecretSurvives(@ForAll("values") Json around,
      @ForAll("plantedSecrets") Tuple2<String, String> secret, @ForAll("texts") String before,
      @ForAll("texts") String after, @ForAll boolean asName) {
    String text = before + " " + secret.get1() + " " + after;
    Json planted = asName
        ? Json.object(Map.of(text, around))
        : Json.object(Map.of("x", Json.array(List.of(around, Json.string(text)))));
    Json redacted = redactor.redact(planted).value();
    String canonical = new String(redacted.canonicalBytes(), StandardCharsets.UTF_8);
    assertFalse(canonical.contains(secret.get2()), canonical);
  }

  @Provide("texts")
  Arbitrary<String> textsForPlanting() {
    return texts();
  }
}
