package thymos.federation;

import thymos.api.json.JsonObject;
import thymos.api.spi.AnchorSink;
import thymos.api.spi.AnchorSinkProvider;

/**
 * The {@code file} anchor sink (A5.2): an append-only JSON Lines file, owner-only, each line
 * {@code {line, prev, checkpoint}} chained to the one before by its BLAKE3 hash and forced to
 * disk before the receipt {@code {path, line, line_hash}} is returned. A file whose chain or
 * earlier lines changed is refused. Configuration: {@code {"path": "<file>"}}.
 */
public final class FileAnchorSinkProvider implements AnchorSinkProvider {

  /** The provider's name. */
  public static final String NAME = "file";

  /** No I/O until {@link #open}. */
  public FileAnchorSinkProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String specVersion() {
    return SPEC_VERSION;
  }

  /** Opens the sink on {@code path}; the file is created on the first publish. */
  @Override
  public AnchorSink open(JsonObject config) {
    return new FileAnchorSink(SinkConfig.read(NAME, config, c -> c.path("path")));
  }
}
