/**
 * A sample third-party tool plugin: one tool, {@code echo}, that returns its arguments. Used by
 * {@code CustomRuntimeIT} and {@code docs/custom-runtime.md} to show a plugin linked into a
 * jlink image with {@code --add-modules}.
 */
module example.echo {
  requires thymos.api;

  provides thymos.api.spi.ToolProvider with example.echo.EchoToolProvider;
}
