package thymos.tools.exec;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One program to run in a worker (T4.1): an argv array (never a shell line, T4.2), a working
 * folder already resolved inside the sandbox (T3, T4.3) and the limits of T4.4.
 *
 * @param argv the program and its arguments; {@code argv[0]} is a program name of the profile (or
 *     the absolute path the profile resolved it to), each element is passed to the program as is
 * @param cwd the absolute working folder, already confined to the sandbox by the caller
 * @param timeoutMs the wall-clock limit, after which the whole process tree is killed
 * @param maxOutputBytes the cap on captured bytes of stdout and, separately, of stderr
 * @param home the value of {@code HOME} for the program (the sandbox root); {@code cwd} when empty
 */
public record ExecRequest(List<String> argv, Path cwd, long timeoutMs, long maxOutputBytes,
    Optional<Path> home) {

  /**
   * Copies {@code argv} and checks the values.
   *
   * @throws IllegalArgumentException for an empty argv, an element holding NUL (which no program
   *     could receive), a relative {@code cwd} or {@code home}, or a limit below 1
   */
  public ExecRequest {
    argv = List.copyOf(argv);
    Objects.requireNonNull(cwd, "cwd");
    Objects.requireNonNull(home, "home");
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv must hold at least the program");
    }
    for (String a : argv) {
      if (a.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("an argv element must not contain NUL");
      }
    }
    if (!cwd.isAbsolute() || home.map(h -> !h.isAbsolute()).orElse(false)) {
      throw new IllegalArgumentException("cwd and home must be absolute: " + cwd + ", " + home);
    }
    if (timeoutMs < 1 || maxOutputBytes < 1) {
      throw new IllegalArgumentException("limits must be >= 1: timeout_ms " + timeoutMs
          + ", max_output_bytes " + maxOutputBytes);
    }
  }

  /** A request whose {@code HOME} is {@code cwd}. */
  public ExecRequest(List<String> argv, Path cwd, long timeoutMs, long maxOutputBytes) {
    this(argv, cwd, timeoutMs, maxOutputBytes, Optional.empty());
  }
}
