package thymos.tools.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A deny-list pattern (T3.3) over {@code /}-separated sandbox-relative paths: {@code *} matches
 * any run of characters within one segment, {@code ?} one character, and a segment that is exactly
 * {@code **} matches zero or more whole segments. Nothing else is special: no regular expression
 * is ever built from configuration. Matching ignores ASCII case, so {@code .ENV} is denied like
 * {@code .env} on case-insensitive file systems. Runs in O(pattern × path) time. Also the
 * file filter of {@code fs_search} (T2).
 *
 * @param pattern the pattern as written
 * @param segments its {@code /}-separated segments, lower-cased
 */
public record Glob(String pattern, List<String> segments) {

  /** Copies the segments; use {@link #parse} to build one from a pattern. */
  public Glob {
    segments = List.copyOf(segments);
  }

  /**
   * Parses {@code pattern}.
   *
   * @throws IllegalArgumentException if it is empty, absolute, has an empty segment, or uses
   *     {@code **} inside a segment
   */
  public static Glob parse(String pattern) {
    if (pattern.isEmpty() || pattern.startsWith("/") || pattern.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("pattern \"" + pattern
          + "\" must be a non-empty relative path pattern");
    }
    List<String> segs = new ArrayList<>();
    for (String s : pattern.split("/", -1)) {
      if (s.isEmpty()) {
        throw new IllegalArgumentException("pattern \"" + pattern + "\" has an empty segment");
      }
      if (s.contains("**") && !s.equals("**")) {
        throw new IllegalArgumentException("pattern \"" + pattern
            + "\": ** must be a whole segment");
      }
      segs.add(s.toLowerCase(Locale.ROOT));
    }
    return new Glob(pattern, segs);
  }

  /** Whether the path given by its segments (empty for the root itself) matches. */
  public boolean matches(List<String> path) {
    int p = segments.size();
    int n = path.size();
    // can[i][j]: pattern segments i.. match path segments j..
    boolean[][] can = new boolean[p + 1][n + 1];
    can[p][n] = true;
    for (int i = p - 1; i >= 0; i--) {
      String seg = segments.get(i);
      for (int j = n; j >= 0; j--) {
        if (seg.equals("**")) {
          can[i][j] = can[i + 1][j] || (j < n && can[i][j + 1]);
        } else {
          can[i][j] = j < n && can[i + 1][j + 1]
              && segmentMatches(seg, path.get(j).toLowerCase(Locale.ROOT));
        }
      }
    }
    return can[0][0];
  }

  /** Wildcard match of one segment: greedy with one backtrack point, linear in practice. */
  static boolean segmentMatches(String pat, String s) {
    int pi = 0;
    int si = 0;
    int star = -1;
    int mark = 0;
    while (si < s.length()) {
      if (pi < pat.length() && (pat.charAt(pi) == '?' || pat.charAt(pi) == s.charAt(si))
          && pat.charAt(pi) != '*') {
        pi++;
        si++;
      } else if (pi < pat.length() && pat.charAt(pi) == '*') {
        star = pi++;
        mark = si;
      } else if (star >= 0) {
        pi = star + 1;
        si = ++mark;
      } else {
        return false;
      }
    }
    while (pi < pat.length() && pat.charAt(pi) == '*') {
      pi++;
    }
    return pi == pat.length();
  }

  @Override
  public String toString() {
    return pattern;
  }
}
