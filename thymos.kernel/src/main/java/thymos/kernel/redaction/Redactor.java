package thymos.kernel.redaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonBoolean;
import thymos.api.json.JsonNull;
import thymos.api.json.JsonNumber;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.kernel.redaction.SecretShapes.Tally;

/**
 * Replaces secrets in values from outside before they are hashed or persisted (X8.1) with
 * {@code [REDACTED:<detector>]} and counts the hits (X8.3).
 *
 * <p>Two kinds of detector run (X8.2). The {@linkplain Detector#KEY key detector} replaces the
 * whole value of an object member whose name contains a sensitive phrase ({@link
 * #defaultKeyPhrases()}); {@code null} and boolean values are kept, as they cannot carry a secret.
 * The value detectors replace spans of strings that have a known secret shape, in string values,
 * in member names and in free text ({@link #redactText(String)}). Two member names redacted to the
 * same text stay distinct: the later one (in canonical order) gets {@code ~2}, {@code ~3}, ….
 *
 * <p>Guarantees, for every value: redaction never throws (for values nested as deep as the stack
 * allows; parsed values are at most 64 deep, E1.6); a value without a hit is returned as the same
 * instance; redacting a redacted value changes nothing and counts 0 (a placeholder already in the
 * text is kept and never a hit); cost is linear in the size of the value. A redactor is immutable
 * and thread-safe.
 */
public final class Redactor {

  private static final Set<String> DEFAULT_KEY_PHRASES = Set.of(
      "password", "passwords", "passwd", "secret", "secrets", "token", "apikey", "api key",
      "api keys", "authorization", "bearer", "credential", "credentials", "private key",
      "private keys", "privatekey", "cookie", "cookies", "session");

  private static final Redactor DEFAULTS = builder().build();

  private final KeyWords keyWords;
  private final SecretShapes shapes;

  private Redactor(KeyWords keyWords, SecretShapes shapes) {
    this.keyWords = keyWords;
    this.shapes = shapes;
  }

  /** The redactor with every detector and the default key phrases (X8.2). */
  public static Redactor defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The default sensitive phrases of the key detector (X8.2): the spec's words plus the plurals
   * of those that name secret material. {@code tokens} and {@code sessions} are deliberately
   * absent: they are counts in Thymos's own documents ({@code tokens_used}, budget {@code tokens}).
   */
  public static Set<String> defaultKeyPhrases() {
    return DEFAULT_KEY_PHRASES;
  }

  /**
   * Redacts {@code value} (X8.1–X8.3). Objects stay objects, arrays arrays and strings strings,
   * so the result has the type of the argument.
   *
   * @return the redacted value (the argument itself when the count is 0) and the number of hits
   */
  @SuppressWarnings("unchecked")
  public <T extends Json> Redacted<T> redact(T value) {
    Objects.requireNonNull(value, "value");
    Tally tally = new Tally();
    Json out = walk(value, tally);
    return new Redacted<>((T) out, tally.count);
  }

  /**
   * Redacts free text — failure messages, rationale, routing-evidence reasons (X8.1) — with the
   * value detectors. Only the secret spans are replaced; the rest of the text stays.
   *
   * @return the redacted text (the argument itself when the count is 0) and the number of hits
   */
  public Redacted<String> redactText(String text) {
    Objects.requireNonNull(text, "text");
    Tally tally = new Tally();
    String out = shapes.redact(text, tally);
    return new Redacted<>(out, tally.count);
  }

  /** Whether the key detector treats a member named {@code name} as holding a secret (X8.2). */
  public boolean isSensitiveKey(String name) {
    return keyWords != null && keyWords.matches(name);
  }

  private Json walk(Json value, Tally tally) {
    return switch (value) {
      case JsonString s -> {
        String r = shapes.redact(s.value(), tally);
        yield r == s.value() ? s : new JsonString(r);
      }
      case JsonArray a -> walkArray(a, tally);
      case JsonObject o -> walkObject(o, tally);
      case JsonNumber n -> n;
      case JsonBoolean b -> b;
      case JsonNull n -> n;
    };
  }

  private JsonArray walkArray(JsonArray array, Tally tally) {
    List<Json> elements = array.elements();
    List<Json> out = null;
    for (int i = 0; i < elements.size(); i++) {
      Json e = elements.get(i);
      Json r = walk(e, tally);
      if (out == null && r != e) {
        out = new ArrayList<>(elements.subList(0, i));
      }
      if (out != null) {
        out.add(r);
      }
    }
    return out == null ? array : new JsonArray(out);
  }

  private JsonObject walkObject(JsonObject object, Tally tally) {
    TreeMap<String, Json> out = null;
    for (Map.Entry<String, Json> m : object.members().entrySet()) {
      String name = shapes.redact(m.getKey(), tally);
      Json value = m.getValue();
      // The redacted name is judged too, so a second pass (which sees only it) finds no new hit.
      boolean keyHit = isSensitiveKey(m.getKey()) || (name != m.getKey() && isSensitiveKey(name));
      Json r = keyHit ? replaceWhole(value, tally) : walk(value, tally);
      if (out == null && (name != m.getKey() || r != value)) {
        // First change: copy the unchanged members before this one (names are unique).
        out = new TreeMap<>();
        for (Map.Entry<String, Json> before : object.members().entrySet()) {
          if (before.getKey().equals(m.getKey())) {
            break;
          }
          out.put(before.getKey(), before.getValue());
        }
      }
      if (out != null) {
        out.put(unique(name, out), r);
      }
    }
    return out == null ? object : new JsonObject(out);
  }

  private static Json replaceWhole(Json value, Tally tally) {
    if (value instanceof JsonNull || value instanceof JsonBoolean
        || (value instanceof JsonString s && Detector.isPlaceholder(s.value()))) {
      return value;
    }
    tally.count++;
    return new JsonString(Detector.KEY.placeholder());
  }

  // Two names redacted to the same placeholder would collide; later ones get "~2", "~3", ….
  private static String unique(String name, Map<String, Json> taken) {
    String candidate = name;
    for (int k = 2; taken.containsKey(candidate); k++) {
      candidate = name + "~" + k;
    }
    return candidate;
  }

  /** Configures a {@link Redactor}; starts from the defaults. Not thread-safe. */
  public static final class Builder {

    private final Set<String> keyPhrases = new LinkedHashSet<>(DEFAULT_KEY_PHRASES);
    private final EnumSet<Detector> detectors = EnumSet.allOf(Detector.class);

    private Builder() {}

    /**
     * Replaces the key detector's phrases: lowercase ASCII words {@code [a-z0-9]+}, several words
     * separated by single spaces meaning adjacent words ({@code "api key"}).
     */
    public Builder keyPhrases(Collection<String> phrases) {
      keyPhrases.clear();
      keyPhrases.addAll(phrases);
      return this;
    }

    /** Adds phrases to the key detector (e.g. {@code "passphrase"}, {@code "access key"}). */
    public Builder addKeyPhrases(String... phrases) {
      keyPhrases.addAll(List.of(phrases));
      return this;
    }

    /** Runs only {@code enabled} detectors; the others never report a hit. */
    public Builder detectors(Collection<Detector> enabled) {
      detectors.clear();
      detectors.addAll(enabled);
      return this;
    }

    /**
     * The configured redactor.
     *
     * @throws thymos.api.ConfigurationException {@code THY-X802} for a malformed key phrase
     */
    public Redactor build() {
      KeyWords words = KeyWords.of(keyPhrases);
      return new Redactor(detectors.contains(Detector.KEY) ? words : null,
          new SecretShapes(detectors));
    }
  }
}
