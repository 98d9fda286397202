package thymos.api.model;

import java.util.regex.Pattern;

/**
 * Writ scope patterns (M2, W3 rule 6): a literal tool name, or a prefix ending in one {@code *}
 * ({@code fs_*}, {@code *}). Literals follow the tool-name grammar {@code [a-z][a-z0-9_.-]{0,63}}
 * (T1.1); a prefix is any start of such a name.
 */
public final class Scopes {

  private static final Pattern LITERAL = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
  private static final Pattern PREFIX = Pattern.compile("([a-z][a-z0-9_.-]{0,62})?\\*");

  private Scopes() {}

  /** Whether {@code pattern} is a well-formed scope pattern. */
  public static boolean isValid(String pattern) {
    return LITERAL.matcher(pattern).matches() || PREFIX.matcher(pattern).matches();
  }

  /** Whether {@code pattern} is a prefix pattern (ends in {@code *}). */
  public static boolean isPrefix(String pattern) {
    return pattern.endsWith("*");
  }

  /** Whether {@code pattern} grants the tool named {@code tool} (C2 stage 9). */
  public static boolean matches(String pattern, String tool) {
    return isPrefix(pattern)
        ? tool.startsWith(pattern.substring(0, pattern.length() - 1))
        : pattern.equals(tool);
  }

  /**
   * Whether {@code parent} covers {@code child} (W3 rule 6): a literal covers only itself; a
   * prefix {@code p*} covers a literal {@code q} when {@code q} starts with {@code p}, and a prefix
   * {@code q*} when {@code q} starts with {@code p}.
   */
  public static boolean covers(String parent, String child) {
    if (!isPrefix(parent)) {
      return parent.equals(child);
    }
    String p = parent.substring(0, parent.length() - 1);
    String q = isPrefix(child) ? child.substring(0, child.length() - 1) : child;
    return q.startsWith(p);
  }
}
