package thymos.api.json;

import java.nio.charset.StandardCharsets;

/**
 * Finds member values in bytes already known to be canonical JSON (E1.1): no whitespace, and a
 * '"' inside a string is always escaped, so skipping a value needs only brackets and strings.
 */
final class CanonicalScan {

  private CanonicalScan() {}

  /**
   * The range {@code [from, to)} of the value of member {@code name} of the object starting at
   * {@code objectStart}, or {@code null} if it has no such member. Compares the name with the
   * raw member-name bytes, so a name needing escapes is reported absent (the caller then takes
   * the general path).
   */
  static int[] member(byte[] in, int objectStart, String name) {
    byte[] wanted = ('"' + name + "\":").getBytes(StandardCharsets.UTF_8);
    if (in[objectStart] != '{' || in[objectStart + 1] == '}') {
      return null;
    }
    int p = objectStart + 1;
    while (true) {
      // p is on a member's opening quote
      int valueStart = skipString(in, p) + 1; // past the ':'
      boolean match = valueStart - p == wanted.length
          && java.util.Arrays.equals(in, p, valueStart, wanted, 0, wanted.length);
      int valueEnd = skipValue(in, valueStart);
      if (match) {
        return new int[] {valueStart, valueEnd};
      }
      if (in[valueEnd] != ',') {
        return null; // '}'
      }
      p = valueEnd + 1;
    }
  }

  /** The index just past the string whose opening quote is at {@code p}. */
  private static int skipString(byte[] in, int p) {
    p++;
    while (true) {
      byte b = in[p];
      if (b == '"') {
        return p + 1;
      }
      p += b == '\\' ? 2 : 1; // an escape is two bytes; the rest of a u-escape is plain hex
    }
  }

  /** The index just past the value starting at {@code p}. */
  private static int skipValue(byte[] in, int p) {
    byte b = in[p];
    if (b == '"') {
      return skipString(in, p);
    }
    if (b != '{' && b != '[') {
      while (p < in.length && in[p] != ',' && in[p] != '}' && in[p] != ']') {
        p++;
      }
      return p;
    }
    int depth = 0;
    while (true) {
      b = in[p];
      if (b == '"') {
        p = skipString(in, p);
        continue;
      }
      if (b == '{' || b == '[') {
        depth++;
      } else if (b == '}' || b == ']') {
        depth--;
        if (depth == 0) {
          return p + 1;
        }
      }
      p++;
    }
  }
}
