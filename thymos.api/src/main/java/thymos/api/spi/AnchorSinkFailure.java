package thymos.api.spi;

import java.util.Objects;
import thymos.api.LedgerException;

/**
 * An anchor sink could not publish or read what it holds (A5.2): the endpoint is unreachable or
 * refused, the file cannot be written, or the sink's own history was rewritten. Code {@code
 * THY-A502}. A receipt that does not verify is not this exception but a {@link
 * thymos.api.proof.ProofVerification.Rejected} value.
 */
public final class AnchorSinkFailure extends LedgerException {

  private static final long serialVersionUID = 1L;

  private final String sink;

  /**
   * @param sink the sink's name
   * @param detail what failed, naming the position or response where known
   * @param cause the underlying cause, or {@code null}
   */
  public AnchorSinkFailure(String sink, String detail, Throwable cause) {
    super(codeFor("A5.2"), "A5.2", "anchor sink " + Objects.requireNonNull(sink, "sink") + ": "
        + detail, cause);
    this.sink = sink;
  }

  /** The sink's name. */
  public String sink() {
    return sink;
  }
}
