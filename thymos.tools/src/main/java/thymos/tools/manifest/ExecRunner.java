package thymos.tools.manifest;

import java.util.List;
import java.util.Optional;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolOutcome;

/**
 * Runs the argv of an {@code exec} manifest in the worker of T4 (T6.4), exactly as the built-in
 * {@code exec} does: profile check, cleared environment, sandboxed cwd, limits.
 */
@FunctionalInterface
interface ExecRunner extends AutoCloseable {

  /**
   * Runs {@code argv} (already filled: each element one argument, never split).
   *
   * @param cwd the sandbox-relative working folder, if the manifest names one
   * @return on success the output object of the built-in {@code exec} ({@code exit_code},
   *     {@code stdout}, {@code stdout_truncated}, …); else a typed failure ({@code
   *     exit_nonzero}, {@code timeout}, {@code path_denied}, …)
   */
  ToolOutcome run(List<String> argv, Optional<String> cwd, long timeoutMs, ToolContext context);

  /** Stops the workers, if any. */
  @Override
  default void close() {}
}
