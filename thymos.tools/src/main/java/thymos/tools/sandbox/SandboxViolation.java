package thymos.tools.sandbox;

import java.util.Objects;
import thymos.api.spi.ToolFailure;

/**
 * A path the sandbox refuses (T3.2–T3.4), or a file operation that cannot be done inside it. It
 * carries the typed failure kind a tool reports ({@code path_escape}, {@code path_denied},
 * {@code not_found}, {@code too_large}, …) and a message naming the path.
 *
 * <p>A checked exception on purpose: it never leaves a tool, which turns it into a {@link
 * ToolFailure} value with {@link #toFailure()} (T1.4), and the compiler makes sure every tool
 * does. It is not a {@code ThymosException}: it is an expected outcome of model-supplied input,
 * not a broken contract.
 */
public final class SandboxViolation extends Exception {

  private static final long serialVersionUID = 1L;

  private final ToolFailure.Kind kind;
  private final String path;

  /**
   * @param kind the failure kind a tool reports
   * @param path the path as the caller gave it (or the sandbox-relative key)
   * @param detail what is wrong; the message is {@code <path>: <detail>}
   */
  public SandboxViolation(ToolFailure.Kind kind, String path, String detail) {
    super(quote(path) + ": " + detail);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.path = Objects.requireNonNull(path, "path");
  }

  /** As {@link #SandboxViolation(ToolFailure.Kind, String, String)}, with an I/O cause. */
  public SandboxViolation(ToolFailure.Kind kind, String path, String detail, Throwable cause) {
    this(kind, path, detail);
    initCause(cause);
  }

  /** The failure kind (T1.4). */
  public ToolFailure.Kind kind() {
    return kind;
  }

  /** The path the violation is about. */
  public String path() {
    return path;
  }

  /** The tool failure to return for this violation (T1.4). */
  public ToolFailure toFailure() {
    return new ToolFailure(kind, getMessage());
  }

  private static String quote(String path) {
    // Keep messages one line and printable: the path came from a model.
    StringBuilder b = new StringBuilder("\"");
    path.codePoints().limit(512).forEach(c -> {
      if (c == 0) {
        b.append("\\0");
      } else if (Character.isISOControl(c)) {
        b.append(String.format("\\u%04x", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    return b.append(path.codePointCount(0, path.length()) > 512 ? "…\"" : "\"").toString();
  }
}
