package thymos.api.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a value as legal but non-canonical JSON text: members in random order, random
 * whitespace, characters randomly written as {@code \\uXXXX} or short escapes, numbers in Java's
 * {@code 1.0E21} style. Every such text must canonicalise to the same bytes (E1.1).
 */
final class ScrambledWriter {

  private final Random random;
  private final StringBuilder out = new StringBuilder();

  private ScrambledWriter(Random random) {
    this.random = random;
  }

  static String write(Json value, Random random) {
    ScrambledWriter w = new ScrambledWriter(random);
    w.space();
    w.value(value);
    w.space();
    return w.out.toString();
  }

  private void value(Json value) {
    switch (value) {
      case JsonObject o -> {
        List<Map.Entry<String, Json>> members = new ArrayList<>(o.members().entrySet());
        Collections.shuffle(members, random);
        out.append('{');
        space();
        for (int i = 0; i < members.size(); i++) {
          if (i > 0) {
            out.append(',');
            space();
          }
          string(members.get(i).getKey());
          space();
          out.append(':');
          space();
          value(members.get(i).getValue());
          space();
        }
        out.append('}');
      }
      case JsonArray a -> {
        out.append('[');
        space();
        for (int i = 0; i < a.size(); i++) {
          if (i > 0) {
            out.append(',');
            space();
          }
          value(a.get(i));
          space();
        }
        out.append(']');
      }
      case JsonString s -> string(s.value());
      case JsonNumber n -> out.append(random.nextBoolean()
          ? n.toString() : Double.toString(n.value()));
      case JsonBoolean b -> out.append(b.value());
      case JsonNull x -> out.append("null");
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int pick = random.nextInt(4);
      if (Character.isHighSurrogate(c)) {
        // A pair is escaped whole or not at all: UTF-8 has no half of a raw pair.
        String pair = s.substring(i, i + 2);
        out.append(pick == 0 ? String.format("\\u%04x\\u%04X", (int) c, (int) s.charAt(i + 1))
            : pair);
        i++;
      } else if (pick == 0 || c < 0x20 || c == '"' || c == '\\') {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append(pick == 0 ? "\\u000A" : "\\n");
          case '/' -> out.append("\\/");
          default -> out.append(String.format(pick == 1 ? "\\u%04x" : "\\u%04X", (int) c));
        }
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  private void space() {
    while (random.nextInt(4) == 0) {
      out.append(" \t\r\n".charAt(random.nextInt(4)));
    }
  }
}
