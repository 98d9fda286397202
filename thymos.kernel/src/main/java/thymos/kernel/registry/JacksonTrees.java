package thymos.kernel.registry;

import java.util.Map;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonBoolean;
import thymos.api.json.JsonNull;
import thymos.api.json.JsonNumber;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the Jackson tree the validator library reads from a Thymos JSON value, node by node —
 * no text is written or parsed on the compile path (C2 stage 12). Integral numbers within
 * 2^53 become long nodes and every other number a double node, for schemas and arguments alike,
 * so {@code const}, {@code enum} and {@code type: integer} see {@code 1} and {@code 1.0} as one
 * value, as JSON Schema requires.
 */
final class JacksonTrees {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JacksonTrees() {}

  static JsonNode of(Json value) {
    return switch (value) {
      case JsonObject o -> object(o);
      case JsonArray a -> array(a);
      case JsonString s -> NODES.stringNode(s.value());
      case JsonNumber n -> n.isSafeInteger() ? NODES.numberNode((long) n.value())
          : NODES.numberNode(n.value());
      case JsonBoolean b -> NODES.booleanNode(b.value());
      case JsonNull z -> NODES.nullNode();
    };
  }

  private static ObjectNode object(JsonObject o) {
    ObjectNode node = NODES.objectNode();
    for (Map.Entry<String, Json> m : o.members().entrySet()) {
      node.set(m.getKey(), of(m.getValue()));
    }
    return node;
  }

  private static ArrayNode array(JsonArray a) {
    ArrayNode node = NODES.arrayNode(a.size());
    for (Json e : a.elements()) {
      node.add(of(e));
    }
    return node;
  }
}
