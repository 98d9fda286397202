package thymos.kernel.redaction;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The detectors a {@link Redactor} runs (X8.2). A hit is replaced by {@code [REDACTED:<label>]}
 * (X8.3), where the label is the lowercase name given with each constant.
 *
 * <p>{@link #KEY} judges object member names and replaces the member's whole value; every other
 * detector judges string content (values, member names, free text) and replaces only the span that
 * has the secret's shape, so the text around it stays readable.
 */
public enum Detector {
  /** {@code key}: a member whose name contains a sensitive word ({@code api_key}). */
  KEY("key"),
  /** {@code private_key}: a PEM block {@code -----BEGIN … PRIVATE KEY-----} to its END line. */
  PRIVATE_KEY("private_key"),
  /** {@code bearer}: the word {@code Bearer} (any case) followed by a credential. */
  BEARER("bearer"),
  /** {@code jwt}: three base64url segments joined by dots, the header starting {@code eyJ}. */
  JWT("jwt"),
  /** {@code aws_key}: an AWS access key id, {@code AKIA} or {@code ASIA} and 16 more characters. */
  AWS_KEY("aws_key"),
  /** {@code github_token}: {@code ghp_ gho_ ghu_ ghs_ ghr_ github_pat_} tokens. */
  GITHUB_TOKEN("github_token"),
  /** {@code slack_token}: {@code xoxa- xoxb- xoxp- xoxr- xoxs-} tokens. */
  SLACK_TOKEN("slack_token"),
  /** {@code llm_key}: model-provider keys, {@code sk-…} (OpenAI, Anthropic) and {@code AIza…}. */
  LLM_KEY("llm_key"),
  /** {@code url_password}: the password of a URL's {@code user:password@}; the rest is kept. */
  URL_PASSWORD("url_password");

  /** What every placeholder starts with; a string that already is a placeholder is never a hit. */
  static final String PLACEHOLDER_PREFIX = "[REDACTED:";

  /** An upper bound on the length of every placeholder (a test checks it). */
  static final int MAX_PLACEHOLDER_LENGTH = 32;

  private static final Set<String> PLACEHOLDERS =
      Arrays.stream(values()).map(Detector::placeholder).collect(Collectors.toUnmodifiableSet());

  private final String label;
  private final String placeholder;

  Detector(String label) {
    this.label = label;
    this.placeholder = PLACEHOLDER_PREFIX + label + "]";
  }

  /** The name written into the placeholder, e.g. {@code bearer}. */
  public String label() {
    return label;
  }

  /** The replacement text for a hit of this detector: {@code [REDACTED:<label>]} (X8.3). */
  public String placeholder() {
    return placeholder;
  }

  /** Whether {@code text} is exactly the placeholder of some detector. */
  static boolean isPlaceholder(String text) {
    return text.startsWith(PLACEHOLDER_PREFIX) && PLACEHOLDERS.contains(text);
  }

  /** The end of the placeholder starting at {@code i}, or -1 if none starts there. */
  static int placeholderEnd(String s, int i) {
    if (!s.startsWith(PLACEHOLDER_PREFIX, i)) {
      return -1;
    }
    // Bounded look-ahead: placeholders are short, and this keeps scans over "[REDACTED:[REDAC…"
    // linear.
    int limit = Math.min(s.length(), i + MAX_PLACEHOLDER_LENGTH);
    for (int j = i + PLACEHOLDER_PREFIX.length(); j < limit; j++) {
      if (s.charAt(j) == ']') {
        return isPlaceholder(s.substring(i, j + 1)) ? j + 1 : -1;
      }
    }
    return -1;
  }
}
