package thymos.tools.http;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.model.Delta;
import thymos.api.model.EffectClass;
import thymos.api.model.RiskClass;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolDescriptor;
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;
import thymos.tools.internal.OneCallTool;

/**
 * {@code http_fetch} (T5, external / medium): a guarded HTTP {@code GET} or {@code HEAD} (T2;
 * {@code POST} only through a manifest, T6). Every hop, the first and each of at most {@code
 * max_redirects} redirects, is checked by the {@link HttpGuard} and sent to the checked address. Output: {@code {url, status, content_type?, size, truncated, content |
 * content_base64, redirects}}; a body above the cap is cut at the cap and {@code truncated} is
 * {@code true}. The delta is empty: the world is not modelled as changing by a read.
 */
public final class HttpFetch extends OneCallTool {

  static final String SCHEMA = """
      {"type":"object","additionalProperties":false,"required":["url"],
       "properties":{
        "url":{"type":"string","minLength":1,"description":"an http or https URL"},
        "method":{"enum":["GET","HEAD"],"description":"GET (the default) or HEAD"}}}""";

  private final HttpSettings settings;
  private final HttpGuard guard;

  /** The tool with the configured settings, the platform resolver and public addresses only. */
  public HttpFetch(HttpSettings settings) {
    this(settings, Resolver.SYSTEM, AddressPolicy.PUBLIC_ONLY);
  }

  /** Test hook (T5.4): another resolver and address policy; not reachable from configuration. */
  HttpFetch(HttpSettings settings, Resolver resolver, AddressPolicy policy) {
    super(new ToolDescriptor("http_fetch", "1",
        "Fetch an http(s) URL with GET or HEAD; public addresses only, allow-listed hosts, capped"
            + " body.",
        (JsonObject) Json.parse(SCHEMA), EffectClass.EXTERNAL, RiskClass.MEDIUM, false));
    this.settings = settings;
    this.guard = new HttpGuard(settings.allow(), resolver, policy);
  }

  @Override
  public ToolOutcome execute(ToolContext context) {
    if (!(context.args().get("url").orElse(null) instanceof JsonString url)) {
      return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, "member \"url\" must be a string");
    }
    String method = context.args().get("method").orElse(null) instanceof JsonString m
        ? m.value() : "GET"; // the schema admits GET and HEAD only
    try {
      HttpGuard.Target target = guard.check(url.value());
      List<Json> hops = new ArrayList<>();
      for (int redirects = 0; ; redirects++) {
        if (context.cancellation().isCancelled()) {
          return new ToolFailure(ToolFailure.Kind.CANCELLED, method + " " + target.uri()
              + " cancelled");
        }
        PinnedHttp.Response r = PinnedHttp.send(target, method, List.of(), new byte[0],
            settings.maxBytes(), settings.connectTimeoutMs(), settings.readTimeoutMs());
        String location = r.headers().get("location");
        if (r.status() / 100 != 3 || r.status() == 304 || location == null) {
          return ToolResult.of(output(target.uri(), r, hops), Delta.EMPTY);
        }
        if (redirects >= settings.maxRedirects()) {
          return new ToolFailure(ToolFailure.Kind.BAD_RESPONSE, "more than "
              + settings.maxRedirects() + " redirects; the last pointed to " + location + " (T5.3)");
        }
        URI next;
        try {
          next = target.uri().resolve(new URI(location));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
          return new ToolFailure(ToolFailure.Kind.BAD_RESPONSE, "bad redirect \"" + location + "\"");
        }
        hops.add(Json.string(target.uri().toString()));
        try {
          target = guard.check(next); // each hop is a new request (T5.3)
        } catch (HttpRefusal refused) {
          return new ToolFailure(ToolFailure.Kind.FORBIDDEN_ADDRESS, "redirect " + (redirects + 1)
              + " from " + target.uri() + " refused: " + refused.getMessage());
        }
      }
    } catch (HttpRefusal refused) {
      return refused.toFailure();
    }
  }

  static JsonObject output(URI url, PinnedHttp.Response r, List<Json> hops) {
    Map<String, Json> m = new LinkedHashMap<>();
    m.put("url", Json.string(url.toString()));
    m.put("status", Json.integer(r.status()));
    if (r.headers().containsKey("content-type")) {
      m.put("content_type", Json.string(r.headers().get("content-type")));
    }
    m.put("size", Json.integer(r.body().length));
    m.put("truncated", Json.bool(r.truncated()));
    byte[] body = r.truncated() ? trimPartialUtf8(r.body()) : r.body();
    try {
      m.put("content", Json.string(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString()));
    } catch (CharacterCodingException e) {
      m.put("content_base64", Json.string(Base64.getEncoder().encodeToString(r.body())));
    }
    m.put("redirects", Json.array(hops));
    return Json.object(m);
  }

  private static byte[] trimPartialUtf8(byte[] bytes) {
    int n = bytes.length;
    for (int back = 1; back <= Math.min(3, n); back++) {
      int b = bytes[n - back] & 0xff;
      if ((b & 0xc0) != 0x80) {
        int len = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        return len > back ? java.util.Arrays.copyOf(bytes, n - back) : bytes;
      }
    }
    return bytes;
  }
}
