package thymos.kernel.authority;

import java.util.Objects;
import thymos.api.model.Writ;

/**
 * The outcome of registering a writ (W2.2): {@link Registered} (a new fact), {@link
 * AlreadyRegistered} (a no-op returning the writ already known), or a {@link Rejection}.
 */
public sealed interface Registration
    permits Registration.Registered, Registration.AlreadyRegistered, Rejection {

  /**
   * The writ verified and is now known; the caller records it in the authority trajectory.
   *
   * @param writ the registered writ
   */
  record Registered(Writ writ) implements Registration {
    /** Checks for {@code null}. */
    public Registered {
      Objects.requireNonNull(writ, "writ");
    }
  }

  /**
   * A writ with this id was already registered; nothing changed (W2.2).
   *
   * @param existing the writ registered first
   */
  record AlreadyRegistered(Writ existing) implements Registration {
    /** Checks for {@code null}. */
    public AlreadyRegistered {
      Objects.requireNonNull(existing, "existing");
    }
  }

  /** Whether this registration added a fact (and so must be recorded). */
  default boolean changed() {
    return this instanceof Registered;
  }

  /**
   * The registered writ, new or existing.
   *
   * @throws thymos.api.AuthorityException carrying the rejection's reason, rule and writ
   */
  default Writ writOrThrow() {
    return switch (this) {
      case Registered r -> r.writ();
      case AlreadyRegistered a -> a.existing();
      case Rejection r -> throw r.toException();
    };
  }
}
