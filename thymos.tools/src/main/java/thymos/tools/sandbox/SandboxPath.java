package thymos.tools.sandbox;

import java.util.List;
import java.util.Objects;

/**
 * A path the sandbox accepted (T3.2, T3.3): which root, the segments below it (no {@code .},
 * {@code ..}, empty or link-bearing segment), and its resource key.
 *
 * <p>The key is what {@code file} resources are keyed by (T2): the {@code /}-joined segments
 * ({@code .} for the root itself) in a sandbox with one root; with several roots it is prefixed by
 * the root's index, {@code 1/src/a.txt}. {@link Sandbox#resolveKey} reads it back.
 *
 * @param root the index of the root in {@link Sandbox#roots()}
 * @param segments the names below the root, outermost first; empty for the root itself
 * @param key the resource key
 */
public record SandboxPath(int root, List<String> segments, String key) {

  /**
   * Copies the segments and checks their shape.
   *
   * @throws IllegalArgumentException for a negative root or a segment that is empty, {@code .},
   *     {@code ..}, or holds {@code /} or NUL
   */
  public SandboxPath {
    if (root < 0) {
      throw new IllegalArgumentException("root index must be >= 0: " + root);
    }
    segments = List.copyOf(segments);
    for (String s : segments) {
      if (s.isEmpty() || s.equals(".") || s.equals("..") || s.indexOf('/') >= 0
          || s.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("not a path segment: \"" + s + "\"");
      }
    }
    Objects.requireNonNull(key, "key");
  }

  /** The last segment, the file's own name; {@code .} for the root. */
  public String name() {
    return segments.isEmpty() ? "." : segments.get(segments.size() - 1);
  }

  @Override
  public String toString() {
    return key;
  }
}
