package thymos.tools.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

  private static boolean matches(String pattern, String path) {
    return Glob.parse(pattern).matches(path.isEmpty() ? List.of() : List.of(path.split("/")));
  }

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
      "**/.env, .env, true",
      "**/.env, a/b/.env, true",
      "**/.env, a/.env/x, false",
      "**/.env, a/.envrc, false",
      "**/*.pem, cert.pem, true",
      "**/*.pem, a/b/c.PEM, true",
      "**/*.pem, a/pem, false",
      "**/id_rsa*, home/id_rsa.pub, true",
      "**/id_rsa*, home/my_id_rsa, false",
      "**/.ssh/**, .ssh, true",
      "**/.ssh/**, u/.ssh/known_hosts, true",
      "**/.ssh/**, u/ssh/known_hosts, false",
      ".git/**, .git/config, true",
      ".git/**, .git, true",
      ".git/**, src/.git/config, false",
      "a?c, abc, true",
      "a?c, ac, false",
      "a*b*c, axxbyyc, true",
      "a*b*c, axxbyy, false",
      "*, x, true",
      "*, x/y, false",
  })
  void required_T3_3_globSemantics(String pattern, String path, boolean expected) {
    assertEquals(expected, matches(pattern, path));
  }

  @Test
  void refusesMalformedPatterns() {
    for (String bad : List.of("", "/abs", "a//b", "a**b", "x/**y")) {
      assertThrows(IllegalArgumentException.class, () -> Glob.parse(bad), bad);
    }
  }

  @Test
  void manyStarsStayFast() {
    String pattern = "**/" + "*a".repeat(30) + "b";
    String name = "a".repeat(5000);
    assertFalse(matches(pattern, "x/" + name));
    assertTrue(matches("**/**/**/" + "*a".repeat(30), "x/y/" + name));
  }

  @Property
  void doubleStarMatchesEveryPath(
      @ForAll @Size(max = 6) List<@AlphaChars @StringLength(min = 1, max = 5) String> path) {
    assertTrue(Glob.parse("**").matches(path));
  }

  @Property
  void aLiteralPathMatchesItselfOnly(
      @ForAll @Size(min = 1, max = 6) List<@AlphaChars @StringLength(min = 1, max = 5) String> a,
      @ForAll @Size(min = 1, max = 6) List<@AlphaChars @StringLength(min = 1, max = 5) String> b) {
    Glob g = Glob.parse(String.join("/", a));
    assertTrue(g.matches(a));
    assertEquals(String.join("/", a).equalsIgnoreCase(String.join("/", b)), g.matches(b));
  }
}
