package thymos.kernel.redaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import thymos.api.ConfigurationException;

/**
 * The key detector's word matching (X8.2): a member name is split into lowercase words and is a
 * hit when some configured phrase (one word, or several that must be adjacent) occurs in it.
 * Words compare whole, so {@code author} never matches {@code authorization} and {@code tokens}
 * never matches {@code token}.
 */
final class KeyWords {

  private static final Pattern PHRASE = Pattern.compile("[a-z0-9]+( [a-z0-9]+)*");

  private final List<String[]> phrases;
  /** Every word of every phrase, by its first character, for the allocation-free pre-check. */
  private final String[][] vocabularyByFirst = new String[128][];

  private KeyWords(List<String[]> phrases) {
    this.phrases = phrases;
    phrases.stream().flatMap(Arrays::stream).distinct().forEach(w -> {
      String[] bucket = vocabularyByFirst[w.charAt(0)];
      bucket = bucket == null ? new String[1] : Arrays.copyOf(bucket, bucket.length + 1);
      bucket[bucket.length - 1] = w;
      vocabularyByFirst[w.charAt(0)] = bucket;
    });
  }

  /**
   * Compiles phrases: lowercase ASCII words separated by single spaces.
   *
   * @throws ConfigurationException {@code THY-X802} naming the first malformed phrase
   */
  static KeyWords of(Set<String> phrases) {
    List<String[]> compiled = new ArrayList<>();
    for (String p : phrases.stream().sorted().toList()) {
      if (!PHRASE.matcher(p).matches()) {
        throw new ConfigurationException("THY-X802", "X8.2",
            "sensitive key phrase must be lowercase words [a-z0-9]+ separated by single spaces: \""
                + p + "\"", List.of(), null);
      }
      compiled.add(p.split(" "));
    }
    return new KeyWords(List.copyOf(compiled));
  }

  /** Whether {@code name} contains a sensitive phrase as whole, adjacent words. */
  boolean matches(String name) {
    // Most names contain no phrase word even as a substring; they are answered without splitting.
    if (!containsVocabulary(name)) {
      return false;
    }
    List<String> words = split(name);
    for (int i = 0; i < words.size(); i++) {
      for (String[] phrase : phrases) {
        if (startsAt(words, i, phrase)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean containsVocabulary(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = Character.toLowerCase(name.charAt(i));
      String[] bucket = c < 128 ? vocabularyByFirst[c] : null;
      if (bucket != null) {
        for (String w : bucket) {
          if (lowercaseRegionEquals(name, i, w)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  // Lowercases exactly as split does, so the pre-check never rejects a name split would accept.
  private static boolean lowercaseRegionEquals(String name, int i, String word) {
    if (i + word.length() > name.length()) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (Character.toLowerCase(name.charAt(i + k)) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsAt(List<String> words, int i, String[] phrase) {
    if (i + phrase.length > words.size()) {
      return false;
    }
    for (int k = 0; k < phrase.length; k++) {
      if (!words.get(i + k).equals(phrase[k])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Splits a name into lowercase words: at every character that is not a letter or digit ({@code
   * _ - .} and any other), at lower-to-upper case changes ({@code apiKey}), before the last
   * capital of an acronym followed by lowercase ({@code APIKey} → {@code api key}) and between
   * letters and digits ({@code oauth2Token} → {@code oauth 2 token}). Placeholders ({@code
   * [REDACTED:…]}) are skipped.
   */
  static List<String> split(String name) {
    List<String> words = new ArrayList<>(4);
    StringBuilder word = new StringBuilder();
    int n = name.length();
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      int placeholderEnd = c == '[' ? Detector.placeholderEnd(name, i) : -1;
      if (placeholderEnd > 0) {
        // A placeholder left by a value detector is no word: "[REDACTED:github_token]" must not
        // make its member a key hit on a second pass.
        flush(word, words);
        i = placeholderEnd - 1;
        continue;
      }
      if (!Character.isLetterOrDigit(c)) {
        flush(word, words);
        continue;
      }
      if (!word.isEmpty() && boundary(name.charAt(i - 1), c, i + 1 < n ? name.charAt(i + 1) : 0)) {
        flush(word, words);
      }
      word.append(Character.toLowerCase(c));
    }
    flush(word, words);
    return words;
  }

  private static boolean boundary(char prev, char c, char next) {
    if (Character.isDigit(prev) != Character.isDigit(c)) {
      return true;
    }
    if (Character.isUpperCase(c)) {
      return Character.isLowerCase(prev)
          || (Character.isUpperCase(prev) && Character.isLowerCase(next));
    }
    return false;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (!word.isEmpty()) {
      words.add(word.toString());
      word.setLength(0);
    }
  }

  @Override
  public String toString() {
    return phrases.stream().map(p -> String.join(" ", p)).toList().toString();
  }

  /** For tests: the compiled phrases. */
  List<List<String>> phrases() {
    return phrases.stream().map(Arrays::asList).toList();
  }
}
