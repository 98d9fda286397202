package thymos.tck;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies one store under test (K1). A factory given the same environment twice must open the
 * same store — that is how the TCK closes and reopens a store (L5.1 durability, L5.7) and how it
 * gives racing threads their own handles (L5.2); given a new environment it must open a fresh,
 * empty store.
 *
 * @param directory a folder that exists, is empty at first and belongs to this store alone; file
 *     backends put their files here. The TCK deletes it after the test.
 * @param name a unique name of 1 to 48 characters {@code [a-z0-9_]} starting with a letter, usable
 *     as a database or schema name by server backends
 * @param seed the seed of the test's random choices, for reproducing a run ({@code
 *     -Dthymos.tck.seed}, K5)
 * @param durable whether the test checks durability, so the factory should use its production
 *     durability settings; when false it may trade durability on power loss for speed (the TCK
 *     never cuts power, it only closes and reopens)
 */
public record TckEnvironment(Path directory, String name, long seed, boolean durable) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");

  /** @throws IllegalArgumentException if {@code name} is not {@code [a-z][a-z0-9_]{0,47}} */
  public TckEnvironment {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a TCK store name is [a-z][a-z0-9_]{0,47}, got " + name);
    }
  }
}
