package thymos.kernel.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import thymos.api.ConfigurationException;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;

/** The key detector of X8.2: member names split into words, whole-word phrase matches. */
class KeyDetectorTest {

  private final Redactor redactor = Redactor.defaults();

  @ParameterizedTest
  @ValueSource(strings = {"password", "userPassword", "db.password", "PASSWORD", "passwd",
      "passwords", "client_secret", "clientSecret", "secrets", "token", "accessToken",
      "refresh-token", "id_token", "csrfToken", "oauth2Token", "token2", "apikey", "APIKEY",
      "api_key", "apiKey", "APIKey", "x-api-key", "API_KEY", "api.keys", "Authorization",
      "proxy-authorization", "bearer", "bearer_token", "credential", "aws_credentials",
      "Credentials", "privateKey", "private_key", "PRIVATE-KEY", "privatekey",
      "signing.privateKeys", "cookie", "Set-Cookie", "cookies", "session", "sessionId",
      "SESSION_ID", "author_token_count"})
  void required_X8_2_sensitiveNamesAreKeyHits(String name) {
    assertTrue(redactor.isSensitiveKey(name), name);
    Redacted<JsonObject> r = redactor.redact(Json.object(Map.of(name, Json.string("v4lue"))));
    assertEquals(Json.object(Map.of(name, Json.string("[REDACTED:key]"))), r.value());
    assertEquals(1, r.count());
  }

  @ParameterizedTest
  @ValueSource(strings = {"author", "authors", "authored_by", "tokens_used", "max_tokens",
      "inputTokens", "tokens", "tokenizer", "sessions", "keys", "key", "api", "apiVersion",
      "api_url", "keyboard", "monkey", "private", "publicKey", "public_key", "privacy_key",
      "apiKeyword", "privateKeyboard", "passage", "secretary", "cookiecutter", "", "-",
      "[REDACTED:github_token]", "[REDACTED:url_password]"})
  void required_X8_2_otherNamesAreNotKeyHits(String name) {
    assertFalse(redactor.isSensitiveKey(name), name);
    JsonObject value = Json.object(Map.of(name, Json.string("ann")));
    assertSame(value, redactor.redact(value).value());
  }

  @Test
  void splitsAtSeparatorsCaseChangesAcronymsAndDigits() {
    assertEquals(List.of("api", "key"), KeyWords.split("apiKey"));
    assertEquals(List.of("api", "key"), KeyWords.split("APIKey"));
    assertEquals(List.of("http", "server", "url"), KeyWords.split("HTTPServerURL"));
    assertEquals(List.of("oauth", "2", "token"), KeyWords.split("oauth2Token"));
    assertEquals(List.of("x", "api", "key"), KeyWords.split("x-api-key"));
    assertEquals(List.of("db", "password"), KeyWords.split("db.password"));
    assertEquals(List.of("a", "b"), KeyWords.split("__a  b__"));
    assertEquals(List.of("é", "nom"), KeyWords.split("É_Nom"));
    assertEquals(List.of("x", "y"), KeyWords.split("x[REDACTED:slack_token]y"));
    assertEquals(List.of("redacted", "nope"), KeyWords.split("[REDACTED:nope]"));
    assertEquals(List.of(), KeyWords.split(""));
  }

  @Test
  void required_X8_2_keyHitReplacesTheWholeValueOfAnyKind() {
    JsonObject value = Json.object(Map.of(
        "credentials", Json.object(Map.of("user", Json.string("u"), "pin", Json.integer(1234))),
        "session_cookies", Json.array(List.of(Json.string("a"), Json.string("b"))),
        "pin_password", Json.integer(987654),
        "empty_secret", Json.string("")));
    Redacted<JsonObject> r = redactor.redact(value);
    assertEquals(4, r.count());
    r.value().members().values()
        .forEach(v -> assertEquals(Json.string("[REDACTED:key]"), v));
  }

  @Test
  void required_X8_2_keyHitKeepsNullBooleansAndPlaceholders() {
    JsonObject value = Json.object(Map.of("password", Json.nullValue(),
        "session_active", Json.bool(true), "token", Json.string("[REDACTED:bearer]"),
        "api_key", Json.string("[REDACTED:key]")));
    Redacted<JsonObject> r = redactor.redact(value);
    assertSame(value, r.value());
    assertEquals(0, r.count());
  }

  @Test
  void keyPhrasesAreConfigurable() {
    Redactor custom = Redactor.builder().keyPhrases(Set.of("passphrase", "access key")).build();
    assertTrue(custom.isSensitiveKey("gpgPassphrase"));
    assertTrue(custom.isSensitiveKey("aws_access_key_id"));
    assertFalse(custom.isSensitiveKey("password"));
    assertFalse(custom.isSensitiveKey("access"));
    Redactor more = Redactor.builder().addKeyPhrases("passphrase").build();
    assertTrue(more.isSensitiveKey("passphrase") && more.isSensitiveKey("password"));
  }

  @Test
  void disablingTheKeyDetectorKeepsEveryMember() {
    Redactor valuesOnly = Redactor.builder().detectors(Set.of(Detector.BEARER)).build();
    JsonObject value = Json.object(Map.of("password", Json.string("hunter2")));
    assertSame(value, valuesOnly.redact(value).value());
    assertFalse(valuesOnly.isSensitiveKey("password"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"API key", "", "api  key", " api", "api-key", "pässword"})
  void required_X8_2_malformedKeyPhraseIsAConfigurationError(String phrase) {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Redactor.builder().addKeyPhrases(phrase).build());
    assertEquals("THY-X802", e.code());
    assertTrue(e.getMessage().contains("\"" + phrase + "\""), e.getMessage());
  }

  @Test
  void defaultPhrasesFollowTheSpecListAndKeepCountsOut() {
    Set<String> phrases = Redactor.defaultKeyPhrases();
    assertTrue(phrases.containsAll(Set.of("password", "passwd", "secret", "token", "apikey",
        "api key", "authorization", "bearer", "credential", "credentials", "private key",
        "cookie", "session")));
    assertFalse(phrases.contains("tokens"));
    assertFalse(phrases.contains("sessions"));
  }
}
