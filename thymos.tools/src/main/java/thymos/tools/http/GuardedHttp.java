package thymos.tools.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import thymos.api.json.Json;
import thymos.api.model.Delta;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;

/**
 * The module-internal entry point to the HTTP guard (T5) for manifest tools (T6.4): one request
 * with any method, checked by a {@link HttpGuard} built for the call's allowed hosts, sent pinned
 * to the checked address by {@link PinnedHttp}. {@code GET} and {@code HEAD} follow redirects
 * like {@code http_fetch}, each hop re-checked; other methods do not follow them. A status of 400
 * or more is a {@code bad_response} failure. This package is not exported: only code of this
 * module can reach it, and the address policy is not configurable (T5.4).
 */
public final class GuardedHttp {

  private final HttpSettings settings;
  private final Resolver resolver;
  private final AddressPolicy policy;

  /** Public addresses only, the platform resolver. */
  public GuardedHttp(HttpSettings settings) {
    this(settings, Resolver.SYSTEM, AddressPolicy.PUBLIC_ONLY);
  }

  /** Test hook (T5.4); not reachable from configuration. */
  GuardedHttp(HttpSettings settings, Resolver resolver, AddressPolicy policy) {
    this.settings = settings;
    this.resolver = resolver;
    this.policy = policy;
  }

  /** The settings (caps, timeouts, the runtime's own allow-list). */
  public HttpSettings settings() {
    return settings;
  }

  /**
   * Sends one request.
   *
   * @param allowedHosts the manifest's hosts; a host must also be on the settings' allow-list
   *     when that is not empty
   * @param headers extra headers, names and values already checked by the caller
   * @param body the body, empty for none
   * @param timeoutMs connect and read timeout, bounded by the settings' timeouts
   * @return the output of {@code http_fetch}'s shape, or a typed failure ({@code
   *     forbidden_address} for a refused host or address)
   */
  public ToolOutcome send(String method, URI url, List<Map.Entry<String, String>> headers,
      byte[] body, List<String> allowedHosts, long timeoutMs,
      ToolContext.Cancellation cancellation) {
    HttpGuard manifestGuard = new HttpGuard(allowedHosts, resolver, policy);
    HttpGuard runtimeGuard = new HttpGuard(settings.allow(), resolver, policy);
    int connect = (int) Math.min(timeoutMs, settings.connectTimeoutMs());
    int read = (int) Math.min(timeoutMs, settings.readTimeoutMs());
    boolean follow = method.equals("GET") || method.equals("HEAD");
    try {
      runtimeGuard.check(url);
      HttpGuard.Target target = manifestGuard.check(url);
      List<Json> hops = new ArrayList<>();
      for (int redirects = 0; ; redirects++) {
        if (cancellation.isCancelled()) {
          return new ToolFailure(ToolFailure.Kind.CANCELLED, method + " " + target.uri()
              + " cancelled");
        }
        PinnedHttp.Response r = PinnedHttp.send(target, method, headers, body,
            settings.maxBytes(), connect, read);
        String location = r.headers().get("location");
        if (!follow || r.status() / 100 != 3 || r.status() == 304 || location == null) {
          if (r.status() >= 400) {
            return new ToolFailure(ToolFailure.Kind.BAD_RESPONSE, method + " " + target.uri()
                + " answered HTTP " + r.status());
          }
          return ToolResult.of(HttpFetch.output(target.uri(), r, hops), Delta.EMPTY);
        }
        if (redirects >= settings.maxRedirects()) {
          return new ToolFailure(ToolFailure.Kind.BAD_RESPONSE, "more than "
              + settings.maxRedirects() + " redirects; the last pointed to " + location);
        }
        URI next;
        try {
          next = target.uri().resolve(new URI(location));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
          return new ToolFailure(ToolFailure.Kind.BAD_RESPONSE, "bad redirect \"" + location
              + "\"");
        }
        hops.add(Json.string(target.uri().toString()));
        try {
          runtimeGuard.check(next);
          target = manifestGuard.check(next); // each hop is a new request (T5.3)
        } catch (HttpRefusal refused) {
          return new ToolFailure(ToolFailure.Kind.FORBIDDEN_ADDRESS, "redirect " + (redirects
              + 1) + " from " + target.uri() + " refused: " + refused.getMessage());
        }
      }
    } catch (HttpRefusal refused) {
      return refused.toFailure();
    }
  }
}
