package thymos.federation;

import thymos.api.crypto.PublicKey;
import thymos.api.json.JsonObject;
import thymos.api.spi.AnchorSink;
import thymos.api.spi.AnchorSinkProvider;

/**
 * The {@code http} anchor sink (A5.2): POSTs the checkpoint's JSON to an endpoint, which answers
 * 2xx with a JSON object naming the {@code checkpoint_id} it accepted; the receipt is the
 * response, {@code {url, status, body}}. With {@code witness_key} the endpoint must also
 * co-sign the checkpoint — {@code witness} and {@code signature} members, an Ed25519 signature
 * over the same message the runtime signed ({@code sign("checkpoint", …)}, A4) — and only such a
 * receipt verifies. Configuration: {@code {"url": "http(s)://…", "witness_key"?: "<hex>",
 * "timeout_ms"?: 10000}}.
 */
public final class HttpAnchorSinkProvider implements AnchorSinkProvider {

  /** The provider's name. */
  public static final String NAME = "http";

  /** No I/O until {@link #open}. */
  public HttpAnchorSinkProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String specVersion() {
    return SPEC_VERSION;
  }

  @Override
  public AnchorSink open(JsonObject config) {
    return SinkConfig.read(NAME, config, c -> new HttpAnchorSink(c.url("url"),
        c.optString("witness_key").map(k -> {
          try {
            return PublicKey.parse(k, "/witness_key");
          } catch (RuntimeException e) {
            throw SinkConfig.invalid(NAME, e.getMessage(), e);
          }
        }), c.timeout()));
  }
}
