package thymos.tools.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static thymos.tools.manifest.ManifestFixtures.config;
import static thymos.tools.manifest.ManifestFixtures.context;
import static thymos.tools.manifest.ManifestFixtures.write;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolResult;
import thymos.tools.http.LoopbackHttp;

/** Placeholders (T6.2): filled once, one argv element each, percent-encoded in URLs. */
class ManifestPlaceholderTest {

  @TempDir Path dir;

  private static final String AB_SCHEMA = "{\"type\":\"object\",\"required\":[\"a\",\"b\"],"
      + "\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"}}}";

  private Tool execTool(String argv, ManifestFixtures.RecordingExec exec) {
    write(dir, "m.json", ManifestFixtures.exec("m", "external", argv)
        .replace(ManifestFixtures.ECHO_SCHEMA, AB_SCHEMA));
    return Manifests.tools(config(dir, ",\"exec\":{\"profile\":\"inspect\"}"),
        c -> exec, s -> LoopbackHttp.publicOnly(s, Map.of())).get(0);
  }

  @Test
  void required_T6_2_aValueHoldingAPlaceholderIsNotExpandedAgain() {
    var exec = new ManifestFixtures.RecordingExec();
    Tool t = execTool("[\"printf\",\"{a}\",\"{b}\",\"{a}-{b}\"]", exec);
    assertInstanceOf(ToolResult.class, t.execute(context("{\"a\":\"{b}\",\"b\":\"{a}{{x}}\"}")));
    assertEquals(List.of(List.of("printf", "{b}", "{a}{{x}}", "{b}-{a}{{x}}")), exec.calls);
  }

  @Test
  void required_T6_2_aValueWithSpacesAndQuotesStaysOneArgvElement() {
    var exec = new ManifestFixtures.RecordingExec();
    Tool t = execTool("[\"grep\",\"-e\",\"{a}\",\"--\",\"x{b}\"]", exec);
    String hostile = "a b \"c d\" 'e' ; rm -rf / && $(id) `id` \n|";
    t.execute(context("{\"a\":" + thymos.api.json.Json.string(hostile) + ",\"b\":\" \"}"));
    assertEquals(List.of(List.of("grep", "-e", hostile, "--", "x ")), exec.calls);
  }

  @Test
  void required_T6_2_urlInjectionIsPercentEncodedSoHostAndPathCannotChange() throws Exception {
    UrlTemplate u = UrlTemplate.parse("https://api.example.com/v1/items/{a}/raw?q={b}&x=1");
    for (String evil : List.of("../../admin", "?admin=1", "#frag", "user@evil.com",
        "%2F..%2Fadmin", "a/b", "..", "evil.com:80/", "\\..\\")) {
      URI filled = u.fill(n -> evil);
      assertEquals("api.example.com", filled.getHost(), evil);
      assertEquals(-1, filled.getPort(), evil);
      assertEquals(null, filled.getRawFragment(), evil);
      assertEquals(null, filled.getRawUserInfo(), evil);
      String path = filled.getRawPath();
      assertEquals(5, path.split("/", -1).length, path); // "", v1, items, {a}, raw
      assertEquals(List.of("", "v1", "items"), List.of(path.split("/")).subList(0, 3));
      assertEquals(evil, java.net.URLDecoder.decode(path.split("/")[3],
          java.nio.charset.StandardCharsets.UTF_8));
      assertEquals(2, filled.getRawQuery().split("&").length, filled.getRawQuery());
    }
    assertEquals("..%2F..%2Fadmin".replace(".", "%2E"),
        UrlTemplate.encode("../../admin", false));
    assertEquals("%252F", UrlTemplate.encode("%2F", false));
    assertEquals("a%3Fb%23c%40d%26e%3Df", UrlTemplate.encode("a?b#c@d&e=f", true));
  }

  @Test
  void required_T6_2_malformedUrlTemplatesAreRefused() {
    for (String bad : List.of("https://{a}/", "https://api.example.com:{a}/", "ftp://x.com/",
        "https://u@x.com/", "https://x.com/#{a}", "{a}")) {
      assertThrows(Template.Malformed.class, () -> UrlTemplate.parse(bad), bad);
    }
  }
}
