package thymos.kernel.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonBoolean;
import thymos.api.json.JsonNumber;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;

/**
 * Compiles a tool's input schema (T1.1, C2 stage 12) into a {@link JsonSchema}. Thymos validates
 * the subset of JSON Schema 2020-12 that tool arguments need: {@code type}, {@code properties},
 * {@code required}, {@code additionalProperties}, {@code items}, {@code enum}, {@code const},
 * {@code minimum}, {@code maximum}, {@code exclusiveMinimum}, {@code exclusiveMaximum},
 * {@code minLength}, {@code maxLength}, {@code minItems}, {@code maxItems}, boolean schemas, and
 * the annotations {@code $schema} (2020-12 only), {@code $id}, {@code $comment}, {@code title},
 * {@code description}, {@code default}, {@code examples}. Every other keyword — {@code pattern},
 * {@code $ref}, {@code oneOf}, {@code format} … — fails the load, so no schema is silently
 * weakened (fail closed).
 */
final class JsonSchemaLoader {

  static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

  private static final Set<String> TYPES =
      Set.of("object", "array", "string", "number", "integer", "boolean", "null");
  private static final Set<String> ANNOTATIONS =
      Set.of("$id", "$comment", "title", "description", "default", "examples");

  private JsonSchemaLoader() {}

  /**
   * Compiles {@code schema}.
   *
   * @throws SchemaLoadException naming the JSON pointer into the schema and the keyword
   */
  static JsonSchema load(Json schema) {
    return compile(schema, "");
  }

  private static JsonSchema compile(Json schema, String at) {
    if (schema instanceof JsonBoolean b) {
      return b.value() ? JsonSchema.ANY : JsonSchema.NONE;
    }
    if (!(schema instanceof JsonObject o)) {
      throw new SchemaLoadException(at, "schema", "a schema is an object or a boolean");
    }
    Set<String> types = null;
    Map<String, JsonSchema> properties = Map.of();
    List<String> required = List.of();
    JsonSchema additional = null;
    JsonSchema items = null;
    List<Json> enumValues = null;
    Json constValue = null;
    Double[] bounds = new Double[4];
    Integer[] sizes = new Integer[4];
    for (Map.Entry<String, Json> m : o.members().entrySet()) {
      String k = m.getKey();
      Json v = m.getValue();
      String p = at + "/" + JsonSchema.escape(k);
      switch (k) {
        case "$schema" -> {
          if (!at.isEmpty() || !(v instanceof JsonString s) || !s.value().equals(DRAFT_2020_12)) {
            throw new SchemaLoadException(p, k, "only " + DRAFT_2020_12 + " at the root");
          }
        }
        case "type" -> types = types(v, p);
        case "properties" -> properties = properties(v, p);
        case "required" -> required = List.copyOf(strings(v, p, k));
        case "additionalProperties" -> additional = compile(v, p);
        case "items" -> items = compile(v, p);
        case "enum" -> {
          if (!(v instanceof JsonArray a) || a.size() == 0) {
            throw new SchemaLoadException(p, k, "must be a non-empty array");
          }
          enumValues = a.elements();
        }
        case "const" -> constValue = v;
        case "minimum" -> bounds[0] = number(v, p, k);
        case "maximum" -> bounds[1] = number(v, p, k);
        case "exclusiveMinimum" -> bounds[2] = number(v, p, k);
        case "exclusiveMaximum" -> bounds[3] = number(v, p, k);
        case "minLength" -> sizes[0] = size(v, p, k);
        case "maxLength" -> sizes[1] = size(v, p, k);
        case "minItems" -> sizes[2] = size(v, p, k);
        case "maxItems" -> sizes[3] = size(v, p, k);
        default -> {
          if (!ANNOTATIONS.contains(k)) {
            throw new SchemaLoadException(p, k, "keyword is not supported by the Thymos validator");
          }
        }
      }
    }
    return new JsonSchema(false, types, properties, required, additional, items, enumValues,
        constValue, bounds[0], bounds[1], bounds[2], bounds[3], sizes[0], sizes[1], sizes[2],
        sizes[3]);
  }

  private static Set<String> types(Json v, String p) {
    List<String> names = v instanceof JsonString s ? List.of(s.value()) : strings(v, p, "type");
    if (names.isEmpty()) {
      throw new SchemaLoadException(p, "type", "must name at least one type");
    }
    for (String t : names) {
      if (!TYPES.contains(t)) {
        throw new SchemaLoadException(p, "type", "unknown type \"" + t + "\"");
      }
    }
    return Set.copyOf(new LinkedHashSet<>(names));
  }

  private static Map<String, JsonSchema> properties(Json v, String p) {
    if (!(v instanceof JsonObject o)) {
      throw new SchemaLoadException(p, "properties", "must be an object");
    }
    Map<String, JsonSchema> out = new LinkedHashMap<>();
    o.members().forEach((name, s) -> out.put(name, compile(s, p + "/" + JsonSchema.escape(name))));
    return Map.copyOf(out);
  }

  private static List<String> strings(Json v, String p, String keyword) {
    if (!(v instanceof JsonArray a)) {
      throw new SchemaLoadException(p, keyword, "must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (Json e : a.elements()) {
      if (!(e instanceof JsonString s) || out.contains(s.value())) {
        throw new SchemaLoadException(p, keyword, "must be an array of distinct strings");
      }
      out.add(s.value());
    }
    return out;
  }

  private static Double number(Json v, String p, String keyword) {
    if (!(v instanceof JsonNumber n)) {
      throw new SchemaLoadException(p, keyword, "must be a number");
    }
    return n.value();
  }

  private static Integer size(Json v, String p, String keyword) {
    if (!(v instanceof JsonNumber n) || n.value() < 0 || n.value() != Math.rint(n.value())
        || n.value() > Integer.MAX_VALUE) {
      throw new SchemaLoadException(p, keyword, "must be a non-negative integer");
    }
    return (int) n.value();
  }

  /** A schema the validator cannot load; the registry turns it into a configuration error. */
  static final class SchemaLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String pointer;
    final String keyword;

    SchemaLoadException(String pointer, String keyword, String message) {
      super((pointer.isEmpty() ? "/" : pointer) + " [" + keyword + "] " + message, null, false,
          false);
      this.pointer = pointer;
      this.keyword = keyword;
    }
  }
}
