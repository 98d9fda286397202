package thymos.api.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * The key of a world resource (M5): {@code (kind, id)}, both strings, ordered by kind then id in
 * UTF-16 code-unit order ({@link String#compareTo}), the order of the canonical world (R4).
 *
 * @param kind the resource kind, e.g. {@code file}
 * @param id the resource id within its kind
 */
public record ResourceKey(String kind, String id) implements Comparable<ResourceKey> {

  private static final Comparator<ResourceKey> ORDER =
      Comparator.comparing(ResourceKey::kind).thenComparing(ResourceKey::id);

  /** Checks for {@code null}. */
  public ResourceKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
  }

  @Override
  public int compareTo(ResourceKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return kind + "/" + id;
  }
}
