package thymos.api.spi;

import thymos.api.json.JsonObject;

/**
 * A plugin that opens {@link AnchorSink}s (A5.2), found with {@link java.util.ServiceLoader} and
 * selected by {@link #name()} — explicitly, failing closed on zero, several or unknown candidates
 * (00-overview). Providers are tiny and side-effect free: a public no-arg constructor, constant
 * {@link #name()} and {@link #specVersion()}, no I/O before {@link #open}. Register with {@code
 * provides thymos.api.spi.AnchorSinkProvider with …} and in {@code META-INF/services}.
 */
public interface AnchorSinkProvider {

  /** The version of this contract a provider must implement to be selected. */
  String SPEC_VERSION = "1";

  /** A short unique name, e.g. {@code file}; the {@code provider} of a sink selection. */
  String name();

  /** The contract version implemented; selection refuses any other than {@link #SPEC_VERSION}. */
  String specVersion();

  /**
   * Opens a sink.
   *
   * @param config the sink's configuration; {@link JsonObject#EMPTY} when none was given
   * @throws thymos.api.ConfigurationException ({@code THY-A502}) if the configuration is unusable,
   *     naming the offending member
   */
  AnchorSink open(JsonObject config);
}
