package thymos.tools.http;

import thymos.api.spi.ToolFailure;

/** A refused or failed HTTP step, carrying the typed failure it becomes (T1.4, T5). */
final class HttpRefusal extends Exception {

  private static final long serialVersionUID = 1L;

  private final ToolFailure.Kind kind;

  HttpRefusal(ToolFailure.Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  ToolFailure toFailure() {
    return new ToolFailure(kind, getMessage());
  }
}
