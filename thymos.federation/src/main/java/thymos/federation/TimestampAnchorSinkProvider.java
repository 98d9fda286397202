package thymos.federation;

import thymos.api.json.JsonObject;
import thymos.api.spi.AnchorSink;
import thymos.api.spi.AnchorSinkProvider;
import thymos.api.spi.SystemEntropy;

/**
 * The {@code rfc3161} anchor sink (A5.2): the receipt is a timestamp token from an RFC 3161
 * timestamp authority over the checkpoint id (message imprint SHA-256 of the id's 32 bytes),
 * {@code {url, token (base64 DER), gen_time_ms}}. A receipt verifies when its token's imprint is
 * the checkpoint's and it is signed by the pinned TSA certificate. Configuration: {@code {"url":
 * "http(s)://…", "certificate": "<PEM or DER file>", "timeout_ms"?: 10000}}.
 */
public final class TimestampAnchorSinkProvider implements AnchorSinkProvider {

  /** The provider's name. */
  public static final String NAME = "rfc3161";

  /** No I/O until {@link #open}. */
  public TimestampAnchorSinkProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String specVersion() {
    return SPEC_VERSION;
  }

  /** Opens the sink; reads the pinned certificate. */
  @Override
  public AnchorSink open(JsonObject config) {
    return SinkConfig.read(NAME, config, c -> new TimestampAnchorSink(c.url("url"),
        Certificates.read(NAME, c.path("certificate")), c.timeout(), new SystemEntropy()));
  }
}
