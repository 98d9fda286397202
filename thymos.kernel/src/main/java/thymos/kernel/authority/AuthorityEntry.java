package thymos.kernel.authority;

import java.util.Objects;
import thymos.api.crypto.Hash32;

/**
 * Where an authority fact is recorded in the authority trajectory (W2.1): the entry's position,
 * id and {@code recorded_ms}.
 *
 * @param seq the entry's position in the authority trajectory
 * @param id the entry id
 * @param recordedMs the entry's {@code recorded_ms}; for a revocation, the time it took effect
 */
public record AuthorityEntry(long seq, Hash32 id, long recordedMs) {

  /** @throws IllegalArgumentException for a negative seq or time */
  public AuthorityEntry {
    Objects.requireNonNull(id, "id");
    if (seq < 0 || recordedMs < 0) {
      throw new IllegalArgumentException("seq and recorded_ms must be >= 0");
    }
  }
}
