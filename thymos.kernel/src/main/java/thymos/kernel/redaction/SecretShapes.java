package thymos.kernel.redaction;

import static thymos.kernel.redaction.ShapeMatchers.NONE;

import java.util.EnumSet;
import java.util.Set;

/**
 * The value detectors of X8.2 over one string, in three phases of decreasing reach: PEM private
 * keys (multi-line, so they win over anything that would cut through their header), then URL
 * passwords, then the single-token shapes. Each phase runs only on the text the earlier phases
 * left, and placeholders already in the text split it first: a segment boundary is a hard end
 * for every detector, exactly as a placeholder is on a second pass. That is what makes
 * redaction idempotent; the property tests check it.
 *
 * <p>Within a phase the leftmost hit wins and scanning resumes after it; only the matched span is
 * replaced.
 */
final class SecretShapes {

  private static final String PEM_HEADER = "-----BEGIN ";

  private final Set<Detector> enabled;

  SecretShapes(Set<Detector> enabled) {
    this.enabled = enabled.isEmpty() ? EnumSet.noneOf(Detector.class) : EnumSet.copyOf(enabled);
  }

  /** Whether any value detector is enabled. */
  boolean active() {
    return enabled.size() > (enabled.contains(Detector.KEY) ? 1 : 0);
  }

  /** {@code text} with every hit replaced, or {@code text} itself when there is none. */
  String redact(String text, Tally tally) {
    if (!active()) {
      return text;
    }
    Output out = new Output(text, tally);
    int from = 0;
    int p = text.indexOf(Detector.PLACEHOLDER_PREFIX);
    while (p >= 0) {
      int end = Detector.placeholderEnd(text, p);
      if (end < 0) {
        p = text.indexOf(Detector.PLACEHOLDER_PREFIX, p + 1);
        continue;
      }
      privateKeys(text.substring(from, p), from, out);
      from = end;
      p = text.indexOf(Detector.PLACEHOLDER_PREFIX, end);
    }
    privateKeys(text.substring(from), from, out);
    return out.finish();
  }

  private void privateKeys(String seg, int offset, Output out) {
    int from = 0;
    if (enabled.contains(Detector.PRIVATE_KEY)) {
      int k = seg.indexOf(PEM_HEADER);
      while (k >= 0) {
        long span = ShapeMatchers.pem(seg, k);
        if (span == NONE) {
          k = seg.indexOf(PEM_HEADER, k + 1);
          continue;
        }
        urls(seg.substring(from, k), offset + from, out);
        from = end(span);
        out.replace(offset + k, offset + from, Detector.PRIVATE_KEY);
        k = seg.indexOf(PEM_HEADER, from);
      }
    }
    urls(seg.substring(from), offset + from, out);
  }

  private void urls(String seg, int offset, Output out) {
    int from = 0;
    if (enabled.contains(Detector.URL_PASSWORD)) {
      int k = seg.indexOf("://");
      while (k >= 0) {
        long span = ShapeMatchers.urlPassword(seg, k);
        if (span == NONE) {
          k = seg.indexOf("://", k + 1);
          continue;
        }
        // The user part before the password still goes through the token detectors.
        tokens(seg.substring(from, start(span)), offset + from, out);
        from = end(span);
        out.replace(offset + start(span), offset + from, Detector.URL_PASSWORD);
        k = seg.indexOf("://", from);
      }
    }
    tokens(seg.substring(from), offset + from, out);
  }

  private void tokens(String seg, int offset, Output out) {
    int n = seg.length();
    int i = 0;
    while (i < n) {
      Detector hit = null;
      long span = NONE;
      switch (seg.charAt(i)) {
        case 'B', 'b' -> {
          hit = Detector.BEARER;
          span = on(hit) ? ShapeMatchers.bearer(seg, i) : NONE;
        }
        case 'e' -> {
          hit = Detector.JWT;
          span = on(hit) ? ShapeMatchers.jwt(seg, i) : NONE;
        }
        case 'A' -> {
          hit = Detector.AWS_KEY;
          span = on(hit) ? ShapeMatchers.aws(seg, i) : NONE;
          if (span == NONE) {
            hit = Detector.LLM_KEY;
            span = on(hit) ? ShapeMatchers.google(seg, i) : NONE;
          }
        }
        case 'g' -> {
          hit = Detector.GITHUB_TOKEN;
          span = on(hit) ? ShapeMatchers.github(seg, i) : NONE;
        }
        case 'x' -> {
          hit = Detector.SLACK_TOKEN;
          span = on(hit) ? ShapeMatchers.slack(seg, i) : NONE;
        }
        case 's' -> {
          hit = Detector.LLM_KEY;
          span = on(hit) ? ShapeMatchers.openAi(seg, i) : NONE;
        }
        default -> { }
      }
      if (span == NONE) {
        i++;
        continue;
      }
      out.replace(offset + start(span), offset + end(span), hit);
      i = end(span);
    }
  }

  private boolean on(Detector d) {
    return enabled.contains(d);
  }

  private static int start(long span) {
    return (int) (span >>> 32);
  }

  private static int end(long span) {
    return (int) span;
  }

  /** Builds the redacted text lazily: spans arrive in increasing order. */
  private static final class Output {
    private final String text;
    private final Tally tally;
    private StringBuilder out;
    private int copied;

    Output(String text, Tally tally) {
      this.text = text;
      this.tally = tally;
    }

    void replace(int start, int end, Detector d) {
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, start).append(d.placeholder());
      copied = end;
      tally.count++;
    }

    String finish() {
      return out == null ? text : out.append(text, copied, text.length()).toString();
    }
  }

  /** A running count of hits across one redaction. */
  static final class Tally {
    int count;
  }
}
