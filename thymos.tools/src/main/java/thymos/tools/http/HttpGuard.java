package thymos.tools.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import thymos.api.spi.ToolFailure;

/**
 * The SSRF guard of {@code http_fetch} (T5.1, T5.2): parses a URL once, refuses anything but
 * {@code http}/{@code https}, user-info, trailing-dot and non-canonical numeric hosts, hosts
 * outside the allow-list, and hosts of which <em>any</em> address is not allowed by the {@link
 * AddressPolicy}. The {@link Target} it returns carries the checked address, which is the one
 * connected to (no second resolution).
 */
final class HttpGuard {

  private static final Pattern CANONICAL_V4 =
      Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9_-]*[a-z0-9])?"
      + "(\\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*");

  private final List<String> allow;
  private final Resolver resolver;
  private final AddressPolicy policy;

  /**
   * @param allow allowed domains (lower case, no trailing dot), each matching itself and its
   *     subdomains; empty allows every host whose addresses pass the policy
   */
  HttpGuard(List<String> allow, Resolver resolver, AddressPolicy policy) {
    this.allow = List.copyOf(allow);
    this.resolver = resolver;
    this.policy = policy;
  }

  /** A checked request target: connect to {@code address:port}, speak to {@code host}. */
  record Target(URI uri, boolean https, String host, int port, InetAddress address) {}

  /** Parses and checks {@code url} (T5.1, T5.2). */
  Target check(String url) throws HttpRefusal {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw refuse("not a URL: " + e.getMessage());
    }
    return check(uri);
  }

  /** Checks a parsed URL, e.g. a redirect target (T5.3). */
  Target check(URI uri) throws HttpRefusal {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw refuse("scheme \"" + scheme + "\" is refused; only http and https (T5.1)");
    }
    if (uri.getRawUserInfo() != null) {
      throw refuse("user-info in \"" + uri.getRawAuthority() + "\" is refused (T5.1)");
    }
    String raw = uri.getHost();
    if ((raw == null || raw.isEmpty()) && uri.getRawAuthority() != null
        && numeric(uri.getRawAuthority().replaceFirst(":[0-9]*$", "").toLowerCase(Locale.ROOT))) {
      throw nonCanonical(uri.getRawAuthority()); // e.g. 127.1, 0x7f.0.0.1: URI finds no host
    }
    if (raw == null || raw.isEmpty()) {
      throw refuse("no parsable host in \"" + uri.getRawAuthority() + "\" (T5.1)");
    }
    String host = raw.toLowerCase(Locale.ROOT);
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    boolean https = scheme.equals("https");
    if (host.startsWith("[")) { // an IPv6 literal: no DNS, checked as is
      InetAddress a = allowed(literal(host.substring(1, host.length() - 1), host), port, host);
      return new Target(uri, https, host, port, listed(host, a));
    }
    if (host.endsWith(".")) {
      throw refuse("host \"" + host + "\" ends with a dot; refused (T5.1)");
    }
    if (numeric(host)) {
      if (!CANONICAL_V4.matcher(host).matches() || !octets(host)) {
        throw nonCanonical(host);
      }
      InetAddress a = allowed(literal(host, host), port, host);
      return new Target(uri, https, host, port, listed(host, a));
    }
    if (!NAME.matcher(host).matches()) {
      throw refuse("host \"" + host + "\" is not a plain DNS name (T5.1)");
    }
    listed(host, null);
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new HttpRefusal(ToolFailure.Kind.NOT_FOUND, "host \"" + host + "\" does not resolve");
    }
    if (addresses.isEmpty()) {
      throw new HttpRefusal(ToolFailure.Kind.NOT_FOUND, "host \"" + host + "\" has no address");
    }
    for (InetAddress a : addresses) { // every address, so a rebinding resolver gains nothing
      allowed(a, port, host);
    }
    return new Target(uri, https, host, port, addresses.get(0));
  }

  /** Exact or subdomain match on the parsed host, at a dot boundary (T5.1). */
  private InetAddress listed(String host, InetAddress a) throws HttpRefusal {
    if (!allow.isEmpty() && allow.stream().noneMatch(d -> host.equals(d)
        || host.endsWith("." + d))) {
      throw refuse("host \"" + host + "\" is not on the allow-list " + allow + " (T5.1)");
    }
    return a;
  }

  private InetAddress allowed(InetAddress a, int port, String host) throws HttpRefusal {
    if (!policy.allows(a, port)) {
      throw refuse("host \"" + host + "\" resolves to " + a.getHostAddress()
          + ", which is not a public address (T5.2)");
    }
    return a;
  }

  private static InetAddress literal(String text, String host) throws HttpRefusal {
    try {
      return InetAddress.getByName(text); // a literal: parsed, never looked up
    } catch (UnknownHostException e) {
      throw refuse("host \"" + host + "\" is not a valid address literal");
    }
  }

  /** Whether the last label is a number: no DNS name ends so, so it means an IPv4 address. */
  private static boolean numeric(String host) {
    String last = host.substring(host.lastIndexOf('.') + 1);
    return !last.isEmpty() && (last.chars().allMatch(c -> c >= '0' && c <= '9')
        || last.startsWith("0x"));
  }

  private static HttpRefusal nonCanonical(String host) {
    return refuse("host \"" + host + "\" is a non-canonical IPv4 spelling (decimal, octal, hex"
        + " or short form); refused (T5.2)");
  }

  private static boolean octets(String host) {
    for (String p : host.split("\\.")) {
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  private static HttpRefusal refuse(String message) {
    return new HttpRefusal(ToolFailure.Kind.FORBIDDEN_ADDRESS, message);
  }
}
