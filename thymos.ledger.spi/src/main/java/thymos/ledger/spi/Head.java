package thymos.ledger.spi;

import java.util.Objects;
import thymos.api.crypto.Hash32;

/**
 * The last entry of a trajectory (L5.4): the next append must have {@code seq = seq() + 1} and
 * {@code parent = id()} (L5.1).
 *
 * @param seq the head's seq
 * @param id the head's entry id
 */
public record Head(long seq, Hash32 id) {

  /** @throws IllegalArgumentException for a negative seq */
  public Head {
    Objects.requireNonNull(id, "id");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be >= 0, got " + seq);
    }
  }

  /** The head of {@code entry}'s trajectory if {@code entry} is its last entry. */
  public static Head of(StoredEntry entry) {
    return new Head(entry.seq(), entry.id());
  }
}
