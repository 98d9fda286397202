package thymos.tools.exec;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import thymos.api.spi.ToolFailure;

/**
 * What became of an {@link ExecRequest} (T4.1, T4.4). Expected negative outcomes (a refused
 * program, a timeout, a crashed worker) are values with a {@link Status}, never exceptions.
 *
 * @param status how the call ended
 * @param exitCode the program's exit status when it {@link Status#EXITED} ({@code 128 + signal}
 *     for a program ended by a signal, as the JDK reports it); {@code -1} otherwise
 * @param stdout the captured standard output, cut at the cap
 * @param stderr the captured standard error, cut at the cap
 * @param durationMs wall-clock milliseconds the worker measured from spawn to the end of the tree;
 *     {@code 0} when nothing was spawned
 * @param message a human explanation for every status but {@link Status#EXITED}; empty for it
 */
public record ExecResult(Status status, int exitCode, Captured stdout, Captured stderr,
    long durationMs, String message) {

  /** Checks for {@code null}. */
  public ExecResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(message, "message");
  }

  /** A result for a call that never reached a program ({@code refused}, crashes, …). */
  public static ExecResult failed(Status status, String message) {
    return new ExecResult(status, -1, Captured.EMPTY, Captured.EMPTY, 0, message);
  }

  /** Whether the captured stdout was cut at the cap (T4.4 {@code truncated: true}). */
  public boolean stdoutTruncated() {
    return stdout.truncated();
  }

  /** Whether the captured stderr was cut at the cap. */
  public boolean stderrTruncated() {
    return stderr.truncated();
  }

  /** How a call ended; the wire form (docs/worker-protocol.md) is the lower-case name. */
  public enum Status {
    /** The program ran and exited (with any exit code). */
    EXITED,
    /** The wall-clock limit passed; the whole process tree was killed (T4.4). */
    TIMEOUT,
    /** {@code argv[0]} is not a program of the profile; nothing was spawned (T4.2). */
    REFUSED,
    /** The program could not be started (e.g. the file vanished or is not executable). */
    SPAWN_FAILED,
    /** The worker rejected the request as malformed. */
    BAD_REQUEST,
    /** The worker died, hung or sent a malformed frame (T4.4). */
    WORKER_CRASHED,
    /** The caller's cancellation signal was raised; the worker and its tree were killed. */
    CANCELLED;

    /** The wire form. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The tool failure kind for this status (T1.4); {@code exit_nonzero} for {@link #EXITED}. */
    public ToolFailure.Kind failureKind() {
      return switch (this) {
        case EXITED -> ToolFailure.Kind.EXIT_NONZERO;
        case TIMEOUT -> ToolFailure.Kind.TIMEOUT;
        case REFUSED -> ToolFailure.Kind.PATH_DENIED;
        case SPAWN_FAILED, BAD_REQUEST -> ToolFailure.Kind.TOOL_ERROR;
        case WORKER_CRASHED -> ToolFailure.Kind.WORKER_CRASHED;
        case CANCELLED -> ToolFailure.Kind.CANCELLED;
      };
    }
  }

  /**
   * Bytes a program wrote to one stream, cut at the cap, with the number it wrote in all.
   * Immutable: the bytes are copied in and out.
   */
  public static final class Captured {

    /** Nothing captured. */
    public static final Captured EMPTY = new Captured(new byte[0], false, 0);

    private final byte[] bytes;
    private final boolean truncated;
    private final long total;

    /**
     * @param bytes the captured prefix (copied)
     * @param truncated whether the program wrote more than was kept
     * @param total bytes the program wrote to the stream (read and discarded beyond the cap)
     */
    public Captured(byte[] bytes, boolean truncated, long total) {
      this.bytes = bytes.clone();
      this.truncated = truncated;
      this.total = Math.max(total, bytes.length);
    }

    /** A copy of the captured bytes. */
    public byte[] bytes() {
      return bytes.clone();
    }

    /** How many bytes were captured. */
    public int size() {
      return bytes.length;
    }

    /** Whether the program wrote more than the cap. */
    public boolean truncated() {
      return truncated;
    }

    /** Bytes the program wrote in all (at least {@link #size()}). */
    public long total() {
      return total;
    }

    /** The captured bytes as UTF-8, malformed sequences replaced (for messages and tests). */
    public String text() {
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Captured c && c.truncated == truncated && c.total == total
          && Arrays.equals(c.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes) * 31 + Boolean.hashCode(truncated) + Long.hashCode(total);
    }

    @Override
    public String toString() {
      return "Captured[" + bytes.length + " of " + total + " bytes"
          + (truncated ? ", truncated" : "") + "]";
    }
  }
}
