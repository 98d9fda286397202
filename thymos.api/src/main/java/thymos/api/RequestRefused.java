package thymos.api;

import java.util.Objects;

/**
 * A well-formed request the runtime refuses in the state it is in, and for which it records
 * nothing (I7): a vote from a key outside the channel, a second vote, a vote with a bad signature
 * or on a resolved or expired pending entry (X3.2, X3.6), a second {@code open} of a writ that
 * already binds a trajectory (X1.1), a run on a writ that is not registered or not valid now.
 *
 * <p>{@link #reason()} is a stable kind in lower snake_case ({@code duplicate_vote}, {@code
 * writ_already_bound}, …) for programs; the message names the ids involved for people.
 */
public final class RequestRefused extends ThymosException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  /**
   * @param rule the spec rule that refuses the request, e.g. {@code X3.2}
   * @param reason the stable reason kind, e.g. {@code approver_not_listed}
   * @param detail what was refused and why, naming ids, expected and actual
   */
  public RequestRefused(String rule, String reason, String detail) {
    super(codeFor(rule), rule, Objects.requireNonNull(reason, "reason") + ": " + detail, null);
    this.reason = reason;
  }

  /** The stable reason kind, e.g. {@code duplicate_vote}. */
  public String reason() {
    return reason;
  }
}
