package thymos.kernel.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;

/** Redaction of whole values (X8.1–X8.3): the acceptance example, nesting, names, cost. */
class RedactorTest {

  private final Redactor redactor = Redactor.defaults();

  /** Asserts no run of 4 bytes of {@code secret} appears in the canonical form of {@code v}. */
  static void assertNoSecretByteRemains(Json v, String secret) {
    String canonical = new String(v.canonicalBytes(), StandardCharsets.UTF_8);
    for (int i = 0; i + 4 <= secret.length(); i++) {
      String window = secret.substring(i, i + 4);
      assertFalse(canonical.contains(window), "\"" + window + "\" of the secret in " + canonical);
    }
  }

  @Test
  void required_X8_2_issueAcceptanceExample() {
    String apiKey = "s3cr3t-VALUE-9x7q";
    JsonObject input = (JsonObject) Json.parse(
        "{\"api_key\": \"" + apiKey + "\", \"author\": \"ann\", \"note\": \"Bearer abc.def.ghi\"}");
    Redacted<JsonObject> r = redactor.redact(input);
    assertEquals(Json.parse(
        "{\"api_key\":\"[REDACTED:key]\",\"author\":\"ann\",\"note\":\"[REDACTED:bearer]\"}"),
        r.value());
    assertEquals(2, r.count());
    assertTrue(r.changed());
    assertNoSecretByteRemains(r.value(), apiKey);
    assertNoSecretByteRemains(r.value(), "abc.def.ghi");
  }

  @Test
  void required_X8_2_nestedObjectsAndArraysAreRedactedEverywhere() {
    JsonObject input = (JsonObject) Json.parse("""
        {"steps": [
           {"request": {"headers": {"Authorization": "Basic dXNlcjpwdw==", "Accept": "json"},
                        "url": "https://bot:tiger77@api.example/v1"}},
           ["plain", ["deeper", "AKIAIOSFODNN7EXAMPLE"]],
           {"tokens_used": 120, "output": "done"}],
         "author": "ann"}""");
    Redacted<JsonObject> r = redactor.redact(input);
    assertEquals(Json.parse("""
        {"steps": [
           {"request": {"headers": {"Authorization": "[REDACTED:key]", "Accept": "json"},
                        "url": "https://bot:[REDACTED:url_password]@api.example/v1"}},
           ["plain", ["deeper", "[REDACTED:aws_key]"]],
           {"tokens_used": 120, "output": "done"}],
         "author": "ann"}"""), r.value());
    assertEquals(3, r.count());
    assertNoSecretByteRemains(r.value(), "dXNlcjpwdw==");
    assertNoSecretByteRemains(r.value(), "tiger77");
    assertNoSecretByteRemains(r.value(), "IOSFODNN7EXAMPLE");
  }

  @Test
  void required_X8_2_untouchedSubtreesAreSharedNotCopied() {
    JsonObject clean = (JsonObject) Json.parse("{\"a\": [1, \"x\", {\"b\": null}]}");
    JsonArray input = Json.array(List.of(clean, Json.string("Bearer abc.def.ghi")));
    Redacted<JsonArray> r = redactor.redact(input);
    assertSame(clean, r.value().get(0));
    assertSame(clean, redactor.redact(clean).value());
    assertEquals(0, redactor.redact(clean).count());
  }

  @Test
  void required_X8_2_memberNamesWithSecretShapesAreRedacted() {
    String ghp = ValueDetectorTest.GHP;
    JsonObject input = Json.object(Map.of(ghp, Json.integer(1), "user " + ghp, Json.integer(2)));
    Redacted<JsonObject> r = redactor.redact(input);
    assertEquals(Json.object(Map.of("[REDACTED:github_token]", Json.integer(1),
        "user [REDACTED:github_token]", Json.integer(2))), r.value());
    assertEquals(2, r.count());
    assertNoSecretByteRemains(r.value(), ghp.substring(4));
  }

  @Test
  void required_X8_2_namesRedactedAlikeStayDistinct() {
    String a = "ghp_" + "a".repeat(36);
    String b = "ghp_" + "b".repeat(36);
    JsonObject input = Json.object(Map.of(a, Json.integer(1), b, Json.integer(2)));
    Redacted<JsonObject> r = redactor.redact(input);
    assertEquals(Json.object(Map.of("[REDACTED:github_token]", Json.integer(1),
        "[REDACTED:github_token]~2", Json.integer(2))), r.value());
    assertEquals(2, r.count());
    assertEquals(0, redactor.redact(r.value()).count());
  }

  @Test
  void required_X8_2_aNameRedactedToASensitiveWordIsNotAKeyHitTwice() {
    // "[REDACTED:slack_token]" contains the word token; placeholders are not words.
    JsonObject input = Json.object(Map.of("xoxb-1234567890abc", Json.string("v")));
    Redacted<JsonObject> once = redactor.redact(input);
    assertEquals(Json.object(Map.of("[REDACTED:slack_token]", Json.string("v"))), once.value());
    assertSame(once.value(), redactor.redact(once.value()).value());
  }

  @Test
  void required_X8_1_freeTextKeepsItsContext() {
    Redacted<String> r = redactor.redactText(
        "POST https://svc:pw0rd@api.example failed: 401 for Bearer abcd1234efgh; retry later");
    assertEquals("POST https://svc:[REDACTED:url_password]@api.example failed: 401 for "
        + "[REDACTED:bearer]; retry later", r.value());
    assertEquals(2, r.count());
    String plain = "tool kv_put failed: key not found";
    assertSame(plain, redactor.redactText(plain).value());
  }

  @Test
  void required_X8_2_aRootStringStaysAString() {
    Redacted<JsonString> r = redactor.redact(Json.string(ValueDetectorTest.JWT));
    assertEquals(Json.string("[REDACTED:jwt]"), r.value());
    Json number = Json.integer(5); // scalars other than strings pass through
    assertSame(number, redactor.redact(number).value());
  }

  @Test
  void deepValuesBuiltInCodeDoNotBreakRedaction() {
    Json v = Json.string("Bearer abc.def.ghi");
    for (int i = 0; i < 1_000; i++) {
      v = i % 2 == 0 ? Json.array(List.of(v)) : Json.object(Map.of("k", v));
    }
    Redacted<Json> r = redactor.redact(v);
    assertEquals(1, r.count());
  }

  @Test
  void required_X8_1_costStaysLinearOnAdversarialText() {
    int n = 1 << 20;
    List<String> adversarial = List.of(
        "eyJ".repeat(n / 3), "eyJaaaaaaaaaa.".repeat(n / 14), "eyJaaaaaaaaaa-".repeat(n / 14),
        "bearer ".repeat(n / 7), "Bearer  x".repeat(n / 9), "-----BEGIN ".repeat(n / 11),
        "-----BEGIN PRIVATE KEY-----".repeat(n / 27), "://a@".repeat(n / 5),
        "://" + "a@".repeat(n / 2), "://[REDACTED:".repeat(n / 13), "sk-".repeat(n / 3),
        "sk-a".repeat(n / 4), "ghp_".repeat(n / 4), "xoxb-".repeat(n / 5), "AKIA".repeat(n / 4),
        "a".repeat(n), "-".repeat(n), ":".repeat(n));
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      for (String text : adversarial) {
        redactor.redactText(text);
      }
    });
  }
}
