package thymos.tools.manifest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The URL of an {@code http} manifest (T6.2): scheme and authority are literal (no placeholder
 * before the first {@code /} of the path), placeholders in the path are percent-encoded as one
 * path segment (everything but {@code A-Z a-z 0-9 - _ ~}, so {@code /}, {@code .}, {@code ?},
 * {@code #}, {@code @} and {@code %} are encoded), placeholders in the query as a query value
 * (everything but {@code A-Z a-z 0-9 - . _ ~}). No fragment. A filled URL therefore always has
 * the template's scheme, host, port and path segments.
 */
final class UrlTemplate {

  private final Template template;
  private final List<Boolean> inQuery; // per part of the template
  private final String authority;
  private final String host;

  private UrlTemplate(Template template, List<Boolean> inQuery, String authority, String host) {
    this.template = template;
    this.inQuery = List.copyOf(inQuery);
    this.authority = authority;
    this.host = host;
  }

  /** Parses {@code text}: a placeholder template that is an http(s) URL once filled. */
  static UrlTemplate parse(String text) throws Template.Malformed {
    Template t = Template.parse(text);
    List<Boolean> inQuery = new ArrayList<>();
    boolean query = false;
    boolean pathStarted = false;
    int slashes = 0;
    for (Template.Part p : t.parts()) {
      switch (p) {
        case Template.Literal l -> {
          inQuery.add(query);
          for (char c : l.text().toCharArray()) {
            if (c == '#') {
              throw new Template.Malformed("a URL template has no fragment (\"#\")");
            }
            if (c == '/' && ++slashes == 3) {
              pathStarted = true;
            }
            if (c == '?') {
              query = true;
              pathStarted = true;
            }
          }
        }
        case Template.Slot s -> {
          if (!pathStarted) {
            throw new Template.Malformed("placeholder {" + s.name() + "} is in the scheme or"
                + " authority; placeholders may only appear in the path or query");
          }
          inQuery.add(query);
        }
      }
    }
    URI probe;
    try {
      probe = new URI(t.fill(n -> "x"));
    } catch (URISyntaxException e) {
      throw new Template.Malformed("not a URL: " + e.getMessage());
    }
    String scheme = probe.getScheme() == null ? "" : probe.getScheme();
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new Template.Malformed("scheme must be http or https, found \"" + scheme + "\"");
    }
    if (probe.getRawUserInfo() != null || probe.getHost() == null) {
      throw new Template.Malformed("the authority must be a host with an optional port, no"
          + " user-info");
    }
    return new UrlTemplate(t, inQuery, probe.getRawAuthority(),
        probe.getHost().toLowerCase(Locale.ROOT));
  }

  /** The literal host, lower case. */
  String host() {
    return host;
  }

  /** The names of the placeholders. */
  java.util.Set<String> names() {
    return template.names();
  }

  /**
   * The names of placeholders in the path, whose value must not be empty (an empty segment would
   * change the path's shape).
   */
  java.util.Set<String> pathNames() {
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    for (int i = 0; i < template.parts().size(); i++) {
      if (template.parts().get(i) instanceof Template.Slot s && !inQuery.get(i)) {
        names.add(s.name());
      }
    }
    return names;
  }

  /**
   * The URL with each placeholder percent-encoded for its component.
   *
   * @throws IllegalStateException if the result does not parse or its authority differs from
   *     the template's (cannot happen with the encoding above; checked anyway)
   */
  URI fill(Function<String, String> value) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < template.parts().size(); i++) {
      switch (template.parts().get(i)) {
        case Template.Literal l -> b.append(l.text());
        case Template.Slot s -> b.append(encode(value.apply(s.name()), inQuery.get(i)));
      }
    }
    try {
      URI u = new URI(b.toString());
      if (!authority.equals(u.getRawAuthority()) || u.getRawFragment() != null) {
        throw new IllegalStateException("filled URL changed its authority: " + u);
      }
      return u;
    } catch (URISyntaxException e) {
      throw new IllegalStateException("filled URL does not parse: " + e.getMessage(), e);
    }
  }

  /** Percent-encodes the UTF-8 bytes of {@code v} except the unreserved characters kept. */
  static String encode(String v, boolean query) {
    StringBuilder b = new StringBuilder();
    for (byte x : v.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '~' || (query && c == '.');
      if (keep) {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }
}
