package thymos.api.model;

import java.util.Objects;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;

/**
 * The state of one resource in the world (M5.2).
 *
 * @param version ≥ 1; 1 on first creation, +1 on every change (a re-create after a retraction
 *     continues the count)
 * @param value the free-form value (kept when retracted)
 * @param retracted whether the resource is retracted (hidden from reads, kept in the canonical
 *     form)
 * @param lastEntry the id of the entry whose delta last changed it
 */
public record ResourceState(long version, Json value, boolean retracted, Hash32 lastEntry) {

  /** @throws IllegalArgumentException if {@code version} is below 1 */
  public ResourceState {
    if (version < 1 || version > thymos.api.json.JsonNumber.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("version must be in [1, 2^53-1]: " + version);
    }
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(lastEntry, "last_entry");
  }
}
