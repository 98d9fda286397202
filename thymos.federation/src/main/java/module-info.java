/**
 * Thymos federation: exchanges signed checkpoints with the outside. Anchor sinks publish the
 * anchor trajectory's checkpoints (A5.2) to an append-only JSON Lines file, an HTTP endpoint or
 * an RFC 3161 timestamp authority; attested clocks back their readings with an RFC 3161 token or
 * a time authority's signature (A6). Implements SPIs of {@code thymos.api} only; the kernel never
 * depends on it.
 */
module thymos.federation {
  requires java.net.http;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.util;
  requires transitive thymos.api;

  exports thymos.federation;

  provides thymos.api.spi.AnchorSinkProvider with
      thymos.federation.FileAnchorSinkProvider,
      thymos.federation.HttpAnchorSinkProvider,
      thymos.federation.TimestampAnchorSinkProvider;
}
