package thymos.cli;

import java.util.Map;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;

/** Indented JSON for files people edit ({@code thymos.json}); members in canonical order. */
final class Pretty {

  private Pretty() {}

  static String print(Json value) {
    StringBuilder b = new StringBuilder();
    write(value, b, "");
    return b.toString();
  }

  private static void write(Json v, StringBuilder b, String indent) {
    switch (v) {
      case JsonObject o when o.size() > 0 -> {
        b.append("{\n");
        int i = 0;
        for (Map.Entry<String, Json> e : o.members().entrySet()) {
          b.append(indent).append("  ").append(Json.string(e.getKey()).canonicalString())
              .append(": ");
          write(e.getValue(), b, indent + "  ");
          b.append(++i < o.size() ? ",\n" : "\n");
        }
        b.append(indent).append('}');
      }
      case JsonArray a when a.size() > 0 -> {
        b.append("[\n");
        for (int i = 0; i < a.size(); i++) {
          b.append(indent).append("  ");
          write(a.get(i), b, indent + "  ");
          b.append(i + 1 < a.size() ? ",\n" : "\n");
        }
        b.append(indent).append(']');
      }
      default -> b.append(v.canonicalString());
    }
  }
}
