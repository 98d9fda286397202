package thymos.ledger.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * Which slice of an ordered listing to return (L5.4): at most {@code limit} items strictly after
 * the key {@code after}, or from the start. Keyset paging, so pages stay correct while other
 * writers append and backends need no server-side cursor.
 *
 * @param after the key of the last item already seen; empty for the first page
 * @param limit the most items to return, 1 to {@value #MAX_LIMIT}
 * @param <K> the listing's key: a trajectory id, or an {@link EntryQuery.Key}
 */
public record PageRequest<K>(Optional<K> after, int limit) {

  /** The largest page a caller may ask for; keeps every page's memory bounded. */
  public static final int MAX_LIMIT = 10_000;

  /** @throws IllegalArgumentException if {@code limit} is outside 1..{@value #MAX_LIMIT} */
  public PageRequest {
    Objects.requireNonNull(after, "after");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("page limit must be 1.." + MAX_LIMIT + ", got " + limit);
    }
  }

  /** The first page of {@code limit} items. */
  public static <K> PageRequest<K> first(int limit) {
    return new PageRequest<>(Optional.empty(), limit);
  }

  /** The page of {@code limit} items after {@code key}. */
  public static <K> PageRequest<K> after(K key, int limit) {
    return new PageRequest<>(Optional.of(key), limit);
  }
}
