package thymos.kernel.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The value detectors of X8.2, each with hits and near misses. */
class ValueDetectorTest {

  static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
      + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0"
      + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
  static final String PEM_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n"
      + "VJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbv\n";
  static final String GHP = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5";

  private final Redactor redactor = Redactor.defaults();

  static Stream<Arguments> hits() {
    return Stream.of(
        // PEM private keys, whole block, any label ending in PRIVATE KEY
        hit("-----BEGIN PRIVATE KEY-----\n" + PEM_BODY + "-----END PRIVATE KEY-----",
            "[REDACTED:private_key]"),
        hit("key:\n-----BEGIN RSA PRIVATE KEY-----\n" + PEM_BODY
            + "-----END RSA PRIVATE KEY-----\nnext", "key:\n[REDACTED:private_key]\nnext"),
        hit("-----BEGIN OPENSSH PRIVATE KEY-----\n" + PEM_BODY
            + "-----END OPENSSH PRIVATE KEY-----", "[REDACTED:private_key]"),
        hit("-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + PEM_BODY
            + "-----END ENCRYPTED PRIVATE KEY-----", "[REDACTED:private_key]"),
        hit("cut: -----BEGIN EC PRIVATE KEY-----\n" + PEM_BODY, "cut: [REDACTED:private_key]"),
        // Bearer credentials
        hit("Bearer abc.def.ghi", "[REDACTED:bearer]"),
        hit("Authorization: Bearer abc.def.ghi", "Authorization: [REDACTED:bearer]"),
        hit("{\"h\":\"bearer 0123456789\"}", "{\"h\":\"[REDACTED:bearer]\"}"),
        hit("BEARER\tXyZ12345, then", "[REDACTED:bearer], then"),
        hit("Bearer " + JWT, "[REDACTED:bearer]"),
        hit("Bearer abcdefghijklmnopqrst", "[REDACTED:bearer]"),
        // JWTs
        hit(JWT, "[REDACTED:jwt]"),
        hit("id_token=" + JWT + "&x=1", "id_token=[REDACTED:jwt]&x=1"),
        hit("eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.", "[REDACTED:jwt]"),
        // AWS access key ids
        hit("AKIAIOSFODNN7EXAMPLE", "[REDACTED:aws_key]"),
        hit("aws id ASIAY34FZKBOKMUTVV7A.", "aws id [REDACTED:aws_key]."),
        // GitHub tokens
        hit(GHP, "[REDACTED:github_token]"),
        hit("gho_16C7e42F292c6912E7710c838347Ae178B4a", "[REDACTED:github_token]"),
        hit("token ghu_16C7e42F292c6912E7710c838347Ae178B4a ok",
            "token [REDACTED:github_token] ok"),
        hit("ghs_16C7e42F292c6912E7710c838347Ae178B4a", "[REDACTED:github_token]"),
        hit("ghr_16C7e42F292c6912E7710c838347Ae178B4a", "[REDACTED:github_token]"),
        hit("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ",
            "[REDACTED:github_token]"),
        // Slack tokens
        hit("xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "[REDACTED:slack_token]"),
        hit("xoxa-2-1234567890", "[REDACTED:slack_token]"),
        hit("xoxp-1234567890-abc", "[REDACTED:slack_token]"),
        hit("(xoxr-1234567890abc)", "([REDACTED:slack_token])"),
        hit("xoxs-1234567890abc", "[REDACTED:slack_token]"),
        // Model-provider keys
        hit("sk-proj-abc123DEF456ghi789JKL012mno345", "[REDACTED:llm_key]"),
        hit("key=sk-ant-api03-AbCdEf0123456789-xyz_ABC;", "key=[REDACTED:llm_key];"),
        hit("sk-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL", "[REDACTED:llm_key]"),
        hit("AIzaSyA-1234567890abcdefghijklmnopqrstu", "[REDACTED:llm_key]"),
        // URLs with a password: only the password goes
        hit("postgres://app:hunter2@db.internal:5432/prod",
            "postgres://app:[REDACTED:url_password]@db.internal:5432/prod"),
        hit("redis://:s3cret@cache", "redis://:[REDACTED:url_password]@cache"),
        hit("https://u:p@ss@host/x", "https://u:[REDACTED:url_password]@host/x"),
        hit("a https://u:pw@h b ftp://v:qq@k", "a https://u:[REDACTED:url_password]@h b "
            + "ftp://v:[REDACTED:url_password]@k"),
        // Tokens right after a hit are found, so a second pass finds nothing new
        hit("-----BEGIN PRIVATE KEY-----x-----END PRIVATE KEY-----" + GHP,
            "[REDACTED:private_key][REDACTED:github_token]"));
  }

  static Stream<String> nearMisses() {
    return Stream.of(
        "-----BEGIN PUBLIC KEY-----\nMIIBIjANBg\n-----END PUBLIC KEY-----",
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
        "-----BEGIN PRIVATE KEY", "----- BEGIN PRIVATE KEY-----",
        "a bearer token", "Bearer", "Bearer abc", "Bearerabc12345678", "forbearer 12345678",
        "bearer authentication", "Bearer [REDACTED:jwt]", "Bearer\n",
        "eyJ", "eyJhbGciOiJIUzI1NiJ9", "eyJabc.def.ghi", "xeyJhbGciOiJIUzI1NiJ9.eyJz.sig",
        "eyJhbGciOiJIUzI1NiJ9..sig", "eyJhbGciOiJIUzI1NiJ9.eyJz",
        "AKIAIOSFODNN7EXAMPL", "AKIAIOSFODNN7EXAMPLEX", "AKIAiosfodnn7example",
        "XAKIAIOSFODNN7EXAMPLE", "AKIA_IOSFODNN7EXAMPL", "ABIAIOSFODNN7EXAMPLE",
        "ghp_short", "ghx_16C7e42F292c6912E7710c838347Ae178B4a", "github_pat_short",
        "xghp_16C7e42F292c6912E7710c838347Ae178B4a", "github.com/ghp",
        "xoxz-1234567890abc", "xoxb-short", "xoxb1234567890abc",
        "sk-learn", "task-1234567890ABCDEFGHIJ", "sk-some-very-long-lowercase-slug-name",
        "AIzaShort", "sk_0123456789ABCDEFGHIJKLMN",
        "https://user@host", "https://host:8080/path", "https://user:@host",
        "mailto:user@host", "https://example.com/a:b@c", "https://u:[REDACTED:url_password]@h",
        "http://[::1]:8080/", "://", ":", "",
        "[REDACTED:key]", "[REDACTED:bearer]", "[REDACTED:private_key]", "[REDACTED:jwt]",
        "[REDACTED:aws_key]", "[REDACTED:github_token]", "[REDACTED:slack_token]",
        "[REDACTED:llm_key]", "[REDACTED:url_password]");
  }

  private static Arguments hit(String text, String redacted) {
    return Arguments.of(text, redacted);
  }

  @ParameterizedTest
  @MethodSource("hits")
  void required_X8_2_secretShapesAreReplacedByTheirPlaceholder(String text, String expected) {
    Redacted<String> r = redactor.redactText(text);
    assertEquals(expected, r.value());
    assertEquals(count(expected), r.count());
    assertEquals(r.value(), redactor.redactText(r.value()).value(), "idempotent");
    assertEquals(0, redactor.redactText(r.value()).count(), "idempotent");
  }

  @ParameterizedTest
  @MethodSource("nearMisses")
  void required_X8_2_nearMissesAreKept(String text) {
    Redacted<String> r = redactor.redactText(text);
    assertSame(text, r.value());
    assertEquals(0, r.count());
  }

  @Test
  void required_X8_2_disabledDetectorsNeverHit() {
    String text = "Bearer abc.def.ghi and " + GHP;
    Redactor onlyGithub = Redactor.builder().detectors(Set.of(Detector.GITHUB_TOKEN)).build();
    assertEquals("Bearer abc.def.ghi and [REDACTED:github_token]",
        onlyGithub.redactText(text).value());
    Redactor none = Redactor.builder().detectors(EnumSet.noneOf(Detector.class)).build();
    assertSame(text, none.redactText(text).value());
  }

  @Test
  void required_X8_3_placeholdersNameTheirDetector() {
    for (Detector d : Detector.values()) {
      assertEquals("[REDACTED:" + d.label() + "]", d.placeholder());
      assertTrue(d.placeholder().length() <= Detector.MAX_PLACEHOLDER_LENGTH, d.name());
      assertTrue(Detector.isPlaceholder(d.placeholder()));
    }
  }

  private static int count(String redacted) {
    return redacted.split("\\[REDACTED:", -1).length - 1;
  }
}
