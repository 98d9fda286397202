package thymos.tools.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Property (T6.2): whatever the value, a URL placeholder cannot add segments or parameters. */
class UrlTemplateProperties {

  @Property(tries = 300)
  void required_T6_2_anyPathValueStaysOneSegment(@ForAll String value) throws Exception {
    UrlTemplate u = UrlTemplate.parse("http://h.example.com/p/{a}?q={a}");
    URI filled = u.fill(n -> value);
    assertEquals("h.example.com", filled.getHost());
    String[] segs = filled.getRawPath().split("/", -1);
    assertEquals(3, segs.length, filled.toString());
    assertEquals(1, filled.getRawQuery().split("&", -1).length, filled.toString());
  }
}
