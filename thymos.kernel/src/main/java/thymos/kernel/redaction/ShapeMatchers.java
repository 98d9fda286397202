package thymos.kernel.redaction;

/**
 * The secret shapes of X8.2 as hand-written matchers. Each looks at one position of a segment of
 * text and returns the span to replace or {@link #NONE}; each attempt starts at a boundary and
 * scans one run, which keeps a whole scan linear in the length of the text (no regular
 * expressions, no backtracking). A segment ends hard: nothing past {@code s.length()} is seen.
 */
final class ShapeMatchers {

  /** No match; otherwise a span packs {@code start << 32 | end}. */
  static final long NONE = -1;

  private static final int BEARER_MIN = 8;
  private static final int BEARER_LETTERS_ONLY_MIN = 16;
  private static final int JWT_HEADER_MIN = 10;
  private static final int AWS_LENGTH = 16;
  private static final int GITHUB_MIN = 20;
  private static final int SLACK_MIN = 10;
  private static final int OPENAI_MIN = 20;
  private static final int GOOGLE_MIN = 30;
  private static final int PEM_LABEL_MAX = 64;

  private static final String[] GITHUB_PREFIXES = {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"};

  private ShapeMatchers() {}

  static long span(int start, int end) {
    return ((long) start << 32) | end;
  }

  /** Characters of base64url and the token formats: ASCII letters, digits, {@code _ -}. */
  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '-';
  }

  /** A token may start here: at the beginning or after a character that cannot be in a token. */
  private static boolean tokenBoundary(String s, int i) {
    return i == 0 || !isTokenChar(s.charAt(i - 1));
  }

  /** The end of the run of token characters starting at {@code i}. */
  private static int tokenRunEnd(String s, int i) {
    int j = i;
    while (j < s.length() && isTokenChar(s.charAt(j))) {
      j++;
    }
    return j;
  }

  /** {@code prefix} then at least {@code min} token characters, all consumed. */
  static long prefixed(String s, int i, String prefix, int min) {
    if (!s.startsWith(prefix, i) || !tokenBoundary(s, i)) {
      return NONE;
    }
    int body = i + prefix.length();
    int end = tokenRunEnd(s, body);
    return end - body >= min ? span(i, end) : NONE;
  }

  // -----BEGIN <LABEL>PRIVATE KEY----- … -----END <LABEL>PRIVATE KEY-----; an unterminated block
  // is redacted to the end of the segment, since everything after its header is key material.
  static long pem(String s, int i) {
    if (!s.startsWith("-----BEGIN ", i)) {
      return NONE;
    }
    int labelStart = i + 11;
    int j = labelStart;
    while (j < s.length() && j - labelStart <= PEM_LABEL_MAX) {
      char c = s.charAt(j);
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ')) {
        break;
      }
      j++;
    }
    String label = s.substring(labelStart, j);
    if (!label.endsWith("PRIVATE KEY") || !s.startsWith("-----", j)) {
      return NONE;
    }
    String footer = "-----END " + label + "-----";
    int footerAt = s.indexOf(footer, j + 5);
    return span(i, footerAt < 0 ? s.length() : footerAt + footer.length());
  }

  // "Bearer" (any case), blanks, then a credential: at least 8 characters up to a delimiter, and
  // when it is letters only, at least 16 — so prose such as "a bearer token" stays.
  static long bearer(String s, int i) {
    if (!s.regionMatches(true, i, "bearer", 0, 6)
        || !tokenBoundary(s, i)) {
      return NONE;
    }
    int j = i + 6;
    int blanks = j;
    while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
      j++;
    }
    if (j == blanks) {
      return NONE;
    }
    int tokenStart = j;
    boolean lettersOnly = true;
    while (j < s.length() && !endsBearerToken(s.charAt(j))) {
      char c = s.charAt(j);
      lettersOnly &= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      j++;
    }
    int length = j - tokenStart;
    boolean hit = length >= (lettersOnly ? BEARER_LETTERS_ONLY_MIN : BEARER_MIN);
    return hit ? span(i, j) : NONE;
  }

  private static boolean endsBearerToken(char c) {
    return Character.isWhitespace(c) || "\"'`,;<>()[]{}\\".indexOf(c) >= 0;
  }

  // header.payload.signature in base64url; the header is JSON, so it starts "eyJ" ('{"').
  static long jwt(String s, int i) {
    if (!s.startsWith("eyJ", i) || !tokenBoundary(s, i)) {
      return NONE;
    }
    int headerEnd = tokenRunEnd(s, i);
    if (headerEnd - i < JWT_HEADER_MIN || headerEnd >= s.length() || s.charAt(headerEnd) != '.') {
      return NONE;
    }
    int payloadEnd = tokenRunEnd(s, headerEnd + 1);
    if (payloadEnd == headerEnd + 1 || payloadEnd >= s.length() || s.charAt(payloadEnd) != '.') {
      return NONE;
    }
    int end = tokenRunEnd(s, payloadEnd + 1);
    while (end < s.length() && s.charAt(end) == '=') {
      end++;
    }
    return span(i, end);
  }

  static long aws(String s, int i) {
    if (!(s.startsWith("AKIA", i) || s.startsWith("ASIA", i)) || !tokenBoundary(s, i)) {
      return NONE;
    }
    int end = tokenRunEnd(s, i + 4);
    if (end - (i + 4) != AWS_LENGTH) {
      return NONE;
    }
    for (int j = i + 4; j < end; j++) {
      char c = s.charAt(j);
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        return NONE;
      }
    }
    return span(i, end);
  }

  static long google(String s, int i) {
    return prefixed(s, i, "AIza", GOOGLE_MIN);
  }

  static long github(String s, int i) {
    for (String prefix : GITHUB_PREFIXES) {
      if (s.startsWith(prefix, i)) {
        return prefixed(s, i, prefix, GITHUB_MIN);
      }
    }
    return prefixed(s, i, "github_pat_", GITHUB_MIN);
  }

  static long slack(String s, int i) {
    if (!s.startsWith("xox", i) || i + 4 >= s.length() || s.charAt(i + 4) != '-'
        || "abprs".indexOf(s.charAt(i + 3)) < 0) {
      return NONE;
    }
    return prefixed(s, i, s.substring(i, i + 5), SLACK_MIN);
  }

  // sk-…, sk-ant-…, sk-proj-…: a long body with a digit or a capital, which random keys have and
  // lowercase slugs such as "sk-learn-tutorial-examples" do not.
  static long openAi(String s, int i) {
    long span = prefixed(s, i, "sk-", OPENAI_MIN);
    if (span == NONE) {
      return NONE;
    }
    for (int j = i + 3; j < (int) span; j++) {
      char c = s.charAt(j);
      if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
        return span;
      }
    }
    return NONE;
  }

  // scheme://user:password@host — only the password is replaced; user and host stay readable.
  // The userinfo ends at the last '@' before the authority ends, as WHATWG URL parsing does.
  static long urlPassword(String s, int i) {
    if (!s.startsWith("://", i)) {
      return NONE;
    }
    int start = i + 3;
    int at = -1;
    int j = start;
    while (j < s.length() && !endsAuthority(s.charAt(j))) {
      if (s.charAt(j) == '@') {
        at = j;
      }
      j++;
    }
    if (at < 0) {
      return NONE;
    }
    int colon = start;
    while (colon < at && s.charAt(colon) != ':') {
      colon++;
    }
    if (colon >= at - 1) {
      return NONE;
    }
    return span(colon + 1, at);
  }

  private static boolean endsAuthority(char c) {
    return Character.isWhitespace(c) || "/?#\"'`<>\\".indexOf(c) >= 0;
  }

}
