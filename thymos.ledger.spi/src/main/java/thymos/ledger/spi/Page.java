package thymos.ledger.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One slice of an ordered listing (L5.4). Continue with {@link PageRequest#after} and the key of
 * {@link #last()} while {@link #hasMore()}.
 *
 * @param items the items in listing order, at most the requested limit
 * @param hasMore whether items after the last one existed when the page was read
 * @param <T> the item type
 */
public record Page<T>(List<T> items, boolean hasMore) {

  /** Copies the items. */
  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }

  /** The last item, the key source of the next request; empty for an empty page. */
  public Optional<T> last() {
    return items.isEmpty() ? Optional.empty() : Optional.of(items.getLast());
  }
}
