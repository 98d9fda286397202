package thymos.tools.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import thymos.api.spi.ToolFailure;

/** The SSRF guard (T5.1, T5.2): every hostile input is refused before any connection. */
class HttpGuardTest {

  private static final String PUBLIC = "93.184.216.34";

  /** A resolver from a fixed table; names not in it do not resolve. */
  static Resolver table(Map<String, List<String>> names) {
    return host -> {
      List<String> a = names.get(host);
      if (a == null) {
        throw new UnknownHostException(host);
      }
      java.util.ArrayList<InetAddress> out = new java.util.ArrayList<>();
      for (String s : a) {
        out.add(InetAddress.getByName(s)); // literals only: no lookup
      }
      return out;
    };
  }

  private static final Resolver DNS = table(Map.of(
      "example.com", List.of(PUBLIC),
      "api.example.com", List.of(PUBLIC),
      "evil.io", List.of(PUBLIC),
      "notexample.com", List.of(PUBLIC),
      "internal.example.com", List.of("10.1.2.3"),
      "mixed.example.com", List.of(PUBLIC, "192.168.0.7"),
      "v6.example.com", List.of("2606:2800:220:1:248:1893:25c8:1946"),
      "ula.example.com", List.of("fd12:3456:789a::1")));

  private static HttpGuard guard(String... allow) {
    return new HttpGuard(List.of(allow), DNS, AddressPolicy.PUBLIC_ONLY);
  }

  private static String refused(HttpGuard g, String url, ToolFailure.Kind kind) {
    HttpRefusal r = assertThrows(HttpRefusal.class, () -> g.check(url), url);
    ToolFailure f = r.toFailure();
    assertEquals(kind, f.kind(), f.message());
    return f.message();
  }

  private static String forbidden(String url, String... allow) {
    return refused(guard(allow), url, ToolFailure.Kind.FORBIDDEN_ADDRESS);
  }

  private static void assertNames(String message, String what) {
    assertTrue(message.contains(what), "message should name \"" + what + "\": " + message);
  }

  @Test
  @DisplayName("T5.1 file: scheme is refused")
  void required_T5_1_refusesFileScheme() {
    assertNames(forbidden("file:///etc/passwd"), "\"file\"");
  }

  @Test
  @DisplayName("T5.1 gopher: scheme is refused")
  void required_T5_1_refusesGopherScheme() {
    assertNames(forbidden("gopher://example.com:70/_GET"), "\"gopher\"");
  }

  @Test
  @DisplayName("T5.1 jar: scheme is refused")
  void required_T5_1_refusesJarScheme() {
    assertNames(forbidden("jar:http://example.com/x.jar!/a"), "\"jar\"");
  }

  @ParameterizedTest(name = "T5.2 loopback {0} is refused")
  @ValueSource(strings = {"http://127.0.0.1/", "http://127.8.9.10:8080/", "http://[::1]/"})
  void required_T5_2_refusesLoopback(String url) {
    assertNames(forbidden(url), "not a public address");
  }

  @ParameterizedTest(name = "T5.2 unspecified {0} is refused")
  @ValueSource(strings = {"http://0.0.0.0/", "http://[::]/"})
  void required_T5_2_refusesUnspecified(String url) {
    assertNames(forbidden(url), "not a public address");
  }

  @ParameterizedTest(name = "T5.2 link-local {0} is refused")
  @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/"})
  void required_T5_2_refusesLinkLocalAndMetadata(String url) {
    String m = forbidden(url);
    assertNames(m, "not a public address");
  }

  @ParameterizedTest(name = "T5.2 private {0} is refused")
  @ValueSource(strings = {"http://10.0.0.1/", "http://172.16.0.1/", "http://172.31.255.254/",
      "http://192.168.1.1/", "http://[fc00::1]/", "http://[fd00::5]/", "http://100.64.0.1/"})
  void required_T5_2_refusesPrivate(String url) {
    assertNames(forbidden(url), "not a public address");
  }

  @Test
  @DisplayName("T5.2 IPv4-mapped IPv6 [::ffff:127.0.0.1] is refused")
  void required_T5_2_refusesIpv4MappedLoopback() {
    assertNames(forbidden("http://[::ffff:127.0.0.1]/"), "127.0.0.1");
    assertNames(forbidden("http://[::ffff:a9fe:a9fe]/"), "169.254.169.254");
  }

  @Test
  @DisplayName("T5.2 decimal IPv4 http://2130706433 is refused")
  void required_T5_2_refusesDecimalIpv4() {
    assertNames(forbidden("http://2130706433/"), "non-canonical IPv4");
  }

  @Test
  @DisplayName("T5.2 octal IPv4 http://0177.0.0.1 is refused")
  void required_T5_2_refusesOctalIpv4() {
    assertNames(forbidden("http://0177.0.0.1/"), "non-canonical IPv4");
    assertNames(forbidden("http://0x7f.0.0.1/"), "non-canonical IPv4");
    assertNames(forbidden("http://127.1/"), "non-canonical IPv4");
  }

  @Test
  @DisplayName("T5.1 trailing-dot host localhost. is refused")
  void required_T5_1_refusesTrailingDotHost() {
    assertNames(forbidden("http://localhost./"), "ends with a dot");
    assertNames(forbidden("http://example.com./", "example.com"), "ends with a dot");
  }

  @Test
  @DisplayName("T5.1 user-info trick http://a.example.com:1@evil.io/ is refused")
  void required_T5_1_refusesUserInfo() {
    assertNames(forbidden("http://a.example.com:1@evil.io/", "example.com"), "user-info");
  }

  @Test
  @DisplayName("T5.1 query trick http://evil.io?.example.com is matched on the parsed host")
  void required_T5_1_allowListUsesParsedHostNotQuery() {
    String m = forbidden("http://evil.io?.example.com", "example.com");
    assertNames(m, "\"evil.io\" is not on the allow-list");
    assertNames(forbidden("http://evil.io#.example.com", "example.com"), "\"evil.io\"");
  }

  @Test
  @DisplayName("T5.1 allow-list: exact or subdomain at a dot boundary, never contains")
  void required_T5_1_allowListMatchesAtDotBoundary() throws HttpRefusal {
    HttpGuard g = guard("example.com");
    assertEquals(PUBLIC, g.check("https://example.com/").address().getHostAddress());
    assertEquals(PUBLIC, g.check("https://API.Example.com/x").address().getHostAddress());
    assertNames(forbidden("https://notexample.com/", "example.com"), "allow-list");
    assertNames(forbidden("https://example.com.evil.io/", "example.com"), "allow-list");
    assertNames(forbidden("http://" + PUBLIC + "/", "example.com"), "allow-list");
  }

  @Test
  @DisplayName("T5.2 a public-looking name resolving to a private address is refused")
  void required_T5_2_refusesNameResolvingToPrivate() {
    assertNames(forbidden("https://internal.example.com/", "example.com"), "10.1.2.3");
    assertNames(forbidden("https://ula.example.com/"), "fd12");
  }

  @Test
  @DisplayName("T5.2 a name is refused when any one of its addresses is not public")
  void required_T5_2_refusesWhenAnyAddressIsPrivate() {
    assertNames(forbidden("https://mixed.example.com/"), "192.168.0.7");
  }

  @Test
  @DisplayName("T5.2 the resolver is asked once; the checked address is the one kept")
  void required_T5_2_resolvesOnceAndPins() throws HttpRefusal {
    AtomicInteger calls = new AtomicInteger();
    Resolver rebinding = host -> List.of(InetAddress.getByName(
        calls.getAndIncrement() == 0 ? PUBLIC : "127.0.0.1"));
    HttpGuard g = new HttpGuard(List.of(), rebinding, AddressPolicy.PUBLIC_ONLY);
    assertEquals(PUBLIC, g.check("http://example.com/").address().getHostAddress());
    assertEquals(1, calls.get());
  }

  @Test
  @DisplayName("T5.2 an unknown name is not_found; a public IPv6 name passes")
  void unknownNameIsNotFound() throws HttpRefusal {
    refused(guard(), "http://nowhere.example.net/", ToolFailure.Kind.NOT_FOUND);
    assertTrue(guard().check("http://v6.example.com/").address().getHostAddress()
        .startsWith("2606"));
  }

  @Test
  @DisplayName("T5.2 address classes")
  void required_T5_2_addressClasses() throws UnknownHostException {
    for (String a : List.of("8.8.8.8", PUBLIC, "2606:4700::1111", "::8.8.8.8")) {
      assertTrue(AddressPolicy.isPublic(InetAddress.getByName(a)), a);
    }
    for (String a : List.of("255.255.255.255", "224.0.0.1", "198.18.0.1", "192.0.2.1",
        "::ffff:10.0.0.1", "64:ff9b::a00:1", "2002:7f00:1::", "ff02::1", "fec0::1",
        "2001:db8::1", "::1", "::", "0.1.2.3")) {
      assertFalse(AddressPolicy.isPublic(InetAddress.getByName(a)), a);
    }
  }
}
