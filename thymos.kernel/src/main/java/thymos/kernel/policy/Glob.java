package thymos.kernel.policy;

/**
 * The {@code glob} op of the policy language (P6.2): {@code *} matches any run of code points
 * (the empty run and {@code /} included), {@code ?} exactly one code point, every other character
 * itself. No character classes, no escapes, no regular expressions. Runs in O(pattern × text) at
 * worst (greedy star with one backtrack point), so no pattern can make a rule run away.
 */
final class Glob {

  private Glob() {}

  /** Whether {@code text} matches {@code pattern} entirely. */
  static boolean matches(String pattern, String text) {
    int[] p = pattern.codePoints().toArray();
    int[] t = text.codePoints().toArray();
    int pi = 0;
    int ti = 0;
    int star = -1; // the pattern index after the last '*' seen
    int resume = 0; // the text index that '*' is matched up to
    while (ti < t.length) {
      if (pi < p.length && p[pi] == '*') {
        star = ++pi;
        resume = ti;
      } else if (pi < p.length && (p[pi] == '?' || p[pi] == t[ti])) {
        pi++;
        ti++;
      } else if (star >= 0) {
        pi = star;
        ti = ++resume; // let the last '*' swallow one more code point
      } else {
        return false;
      }
    }
    while (pi < p.length && p[pi] == '*') {
      pi++;
    }
    return pi == p.length;
  }
}
