package thymos.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import thymos.api.json.Json;
import thymos.api.model.World;

/**
 * The hostile URLs against {@code http_fetch} through a real kernel run with the
 * production guard (T5.1, T5.2; allow-list {@code example.com}): each ends as a {@code
 * forbidden_address} failure recorded as the trajectory's last entry, the world unchanged, and
 * the trajectory replays. None of them needs DNS: the guard refuses before resolving. The cases
 * that need a server or a resolver (a private DNS answer, a redirect to loopback, a 1 GB body)
 * run against a local server in {@code thymos.tools.http.HttpFetchTest} through the test-only
 * address policy of T5.4.
 */
class HttpHostileInputsTest {

  @TempDir Path root;
  KernelHarness k;

  @BeforeEach
  void setUp() {
    k = new KernelHarness(root, ",\"http\":{\"allow\":[\"example.com\"]}",
        List.of("http_fetch"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "http://127.0.0.1/", "http://localhost./", "http://[::1]/", "http://[::ffff:127.0.0.1]/",
      "http://0.0.0.0/", "http://169.254.169.254/latest/meta-data", "http://10.0.0.1/",
      "http://2130706433/", "http://0177.0.0.1/", "http://evil.io?.example.com",
      "http://a.example.com:1@evil.io/", "file:///etc/passwd", "gopher://example.com/",
      "jar:http://example.com/x.jar!/a", "http://[::]/", "http://evil.io/#.example.com"})
  void required_T5_hostileUrlIsAForbiddenAddressFailureEntry(String url) {
    assertEquals("forbidden_address", k.refusal(k.submit("http_fetch",
        "{\"url\":" + Json.string(url) + "}")));
    assertEquals(World.EMPTY, k.run.world());
    k.assertReplays();
  }
}
