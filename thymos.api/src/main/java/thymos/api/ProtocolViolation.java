package thymos.api;

import java.util.Objects;

/**
 * Input that breaks the protocol: malformed or non-I-JSON text, a document that does not parse
 * strictly, a value outside its limits, an id that does not match its body.
 *
 * <p>{@link #pointer()} is the RFC 6901 JSON pointer of the offending value inside the document
 * being read ({@code ""} for the whole document); the message names it too.
 */
public final class ProtocolViolation extends ThymosException {

  private static final long serialVersionUID = 1L;

  private final String pointer;

  /**
   * @param rule the spec rule broken, e.g. {@code E1.5}
   * @param pointer JSON pointer of the offending value, {@code ""} for the whole document
   * @param detail what was wrong, with expected and actual where known
   */
  public ProtocolViolation(String rule, String pointer, String detail) {
    this(rule, pointer, detail, null);
  }

  /** As {@link #ProtocolViolation(String, String, String)}, with a cause. */
  public ProtocolViolation(String rule, String pointer, String detail, Throwable cause) {
    super(codeFor(rule), rule, "at " + displayPointer(pointer) + ": " + detail, cause);
    this.pointer = Objects.requireNonNull(pointer, "pointer");
  }

  /** The JSON pointer of the offending value; {@code ""} is the whole document. */
  public String pointer() {
    return pointer;
  }

  private static String displayPointer(String pointer) {
    return pointer == null || pointer.isEmpty() ? "/" : pointer;
  }
}
