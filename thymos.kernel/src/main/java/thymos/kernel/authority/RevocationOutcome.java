package thymos.kernel.authority;

import java.util.Objects;
import thymos.api.model.RevocationPayload;

/**
 * The outcome of a revocation (W5): {@link Revoked} (a new fact), {@link AlreadyRevoked} (a no-op,
 * W5.4), or a {@link Rejection} (unknown writ, bad signature, signer not allowed).
 */
public sealed interface RevocationOutcome
    permits RevocationOutcome.Revoked, RevocationOutcome.AlreadyRevoked, Rejection {

  /**
   * The writ and every descendant are now void (W5.2); the caller records the revocation.
   *
   * @param revocation the accepted revocation
   */
  record Revoked(RevocationPayload revocation) implements RevocationOutcome {
    /** Checks for {@code null}. */
    public Revoked {
      Objects.requireNonNull(revocation, "revocation");
    }
  }

  /**
   * The writ was already revoked; nothing changed (W5.4).
   *
   * @param existing the revocation accepted first
   */
  record AlreadyRevoked(RevocationPayload existing) implements RevocationOutcome {
    /** Checks for {@code null}. */
    public AlreadyRevoked {
      Objects.requireNonNull(existing, "existing");
    }
  }

  /** Whether this revocation added a fact (and so must be recorded). */
  default boolean changed() {
    return this instanceof Revoked;
  }

  /**
   * The revocation in force for the writ, new or existing.
   *
   * @throws thymos.api.AuthorityException carrying the rejection's reason, rule and writ
   */
  default RevocationPayload revocationOrThrow() {
    return switch (this) {
      case Revoked r -> r.revocation();
      case AlreadyRevoked a -> a.existing();
      case Rejection r -> throw r.toException();
    };
  }
}
