package thymos.kernel.authority;

import java.util.List;
import thymos.api.model.Writ;

/**
 * The outcome of verifying a writ chain (W4, C2 stages 4–8): {@link Valid} with the chain root
 * first, or the {@link Rejection} of the first failing check in stage order.
 */
public sealed interface ChainVerification permits ChainVerification.Valid, Rejection {

  /**
   * The chain holds: every signature verifies, the root is anchored, every link obeys W3, nothing
   * is revoked and {@code now} is in every window.
   *
   * @param chain the writs from the root to the verified writ, never empty
   */
  record Valid(List<Writ> chain) implements ChainVerification {

    /** Copies the chain; refuses an empty one. */
    public Valid {
      chain = List.copyOf(chain);
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("a chain holds at least its root");
      }
    }

    /** The root writ, issued by a trust anchor (W1.2). */
    public Writ root() {
      return chain.get(0);
    }

    /** The verified writ, last of the chain. */
    public Writ leaf() {
      return chain.get(chain.size() - 1);
    }
  }

  /** Whether the chain holds. */
  default boolean isValid() {
    return this instanceof Valid;
  }

  /**
   * The chain, root first, if it holds.
   *
   * @throws thymos.api.AuthorityException carrying the rejection's reason, rule and writ
   */
  default List<Writ> chainOrThrow() {
    return switch (this) {
      case Valid v -> v.chain();
      case Rejection r -> throw r.toException();
    };
  }
}
