package thymos.api.spi;

import java.util.Locale;
import java.util.Objects;
import thymos.api.model.ErrorInfo;

/**
 * A typed tool error (T1.4), recorded as a {@code failure} entry (X2.6) with the kind's wire name.
 *
 * @param kind what went wrong
 * @param message a human message; redacted before it is recorded (X8.1)
 */
public record ToolFailure(Kind kind, String message) implements ToolOutcome {

  /** Checks for {@code null}. */
  public ToolFailure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /** The {@code error} value of the failure entry: {@code {kind, message}} (X2.6). */
  public ErrorInfo toErrorInfo() {
    return new ErrorInfo(kind.wire(), message);
  }

  /** The kinds of tool failure (T1.4); the wire form is the lower-case name. */
  public enum Kind {
    /** A path resolves outside the sandbox roots or through a refused link (T3.2). */
    PATH_ESCAPE,
    /** A path is on the sandbox deny list (T3.3). */
    PATH_DENIED,
    /** A file, resource or remote object does not exist. */
    NOT_FOUND,
    /** Input or output exceeds a size cap. */
    TOO_LARGE,
    /** The deadline or a tool timeout passed (T4.4). */
    TIMEOUT,
    /** A program exited with a non-zero status (T4). */
    EXIT_NONZERO,
    /** An address is not public (T5.2). */
    FORBIDDEN_ADDRESS,
    /** The worker process crashed or sent a malformed frame (T4.4). */
    WORKER_CRASHED,
    /** A remote party answered with something unusable. */
    BAD_RESPONSE,
    /** The tool's postconditions failed after it ran (X2). */
    POSTCONDITION_FAILED,
    /** The cancellation signal was raised (T1.3). */
    CANCELLED,
    /** The tool cannot undo this commit (X6.4). */
    NOT_COMPENSABLE,
    /** Any other error of the tool itself. */
    TOOL_ERROR;

    /** The JSON form, lower snake_case (E4.1). */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
