package thymos.kernel.registry;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;

/**
 * The keywords of JSON Schema 2020-12 and where they hold subschemas, for the registration
 * policy (T1.1) the validator library does not enforce by itself: every keyword is one of the
 * 2020-12 vocabularies (a misspelt keyword would otherwise be an ignored annotation and silently
 * weaken the schema), {@code $ref} and {@code $dynamicRef} point into the document itself, and
 * {@code $schema} names draft 2020-12 — so nothing is ever fetched or read from disk.
 */
final class SchemaKeywords {

  static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

  /** Keywords whose value is one subschema. */
  private static final Set<String> ONE = Set.of("additionalProperties", "propertyNames", "items",
      "contains", "not", "if", "then", "else", "unevaluatedItems", "unevaluatedProperties",
      "contentSchema");
  /** Keywords whose value is an array of subschemas. */
  private static final Set<String> ARRAY = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
  /** Keywords whose value maps names to subschemas. */
  private static final Set<String> MAP = Set.of("properties", "patternProperties", "$defs",
      "dependentSchemas");
  /** The other keywords of the 2020-12 vocabularies (core, validation, meta-data, format, content). */
  private static final Set<String> OTHER = Set.of("$schema", "$id", "$ref", "$anchor",
      "$dynamicRef", "$dynamicAnchor", "$comment", "type", "const", "enum", "multipleOf",
      "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength",
      "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
      "maxProperties", "minProperties", "required", "dependentRequired", "title", "description",
      "default", "deprecated", "readOnly", "writeOnly", "examples", "format", "contentEncoding",
      "contentMediaType");

  private SchemaKeywords() {}

  /**
   * Checks the registration policy on a schema that already validates against the 2020-12
   * meta-schema.
   *
   * @throws JsonSchemaLoader.SchemaLoadException at the first offending keyword, in document order
   */
  static void checkPolicy(Json schema) {
    walk(schema, "", schema, false);
  }

  private static void walk(Json schema, String at, Json root, boolean embedded) {
    if (!(schema instanceof JsonObject o)) {
      return; // a boolean schema (the meta-schema refused anything else)
    }
    // Below a nested $id, "#/…" is relative to that resource; the library resolves those.
    boolean inner = embedded || (!at.isEmpty() && o.get("$id").isPresent());
    for (Map.Entry<String, Json> m : o.members().entrySet()) {
      String k = m.getKey();
      Json v = m.getValue();
      String p = at + "/" + escape(k);
      if (ONE.contains(k)) {
        walk(v, p, root, inner);
      } else if (ARRAY.contains(k) && v instanceof JsonArray a) {
        for (int i = 0; i < a.size(); i++) {
          walk(a.get(i), p + "/" + i, root, inner);
        }
      } else if (MAP.contains(k) && v instanceof JsonObject map) {
        map.members().forEach((name, s) -> walk(s, p + "/" + escape(name), root, inner));
      } else if (!OTHER.contains(k)) {
        throw new JsonSchemaLoader.SchemaLoadException(p, k,
            "is not a keyword of JSON Schema 2020-12 (a misspelt keyword would be ignored)");
      } else if ((k.equals("$ref") || k.equals("$dynamicRef"))
          && !(v instanceof JsonString s && s.value().startsWith("#"))) {
        throw new JsonSchemaLoader.SchemaLoadException(p, k, "only references inside the schema"
            + " (\"#…\") are allowed; nothing is fetched or read from files: " + text(v));
      } else if (k.equals("$schema") && !(v instanceof JsonString s
          && s.value().equals(DRAFT_2020_12))) {
        throw new JsonSchemaLoader.SchemaLoadException(p, k,
            "only " + DRAFT_2020_12 + " is supported: " + text(v));
      } else if (k.equals("$ref") && !inner && v instanceof JsonString s
          && s.value().startsWith("#/") && resolve(root, s.value().substring(1)) == null) {
        throw new JsonSchemaLoader.SchemaLoadException(p, k,
            "points at nothing in the schema: " + text(v));
      }
    }
  }

  /**
   * The keyword of the schema that a JSON pointer into it falls under, e.g. {@code properties}
   * for {@code /properties/x} and {@code type} for {@code /properties/x/type/0}; {@code "schema"}
   * for the root. Member names under {@code properties} are never mistaken for keywords.
   */
  static String keywordAt(String pointer) {
    List<String> tokens = tokens(pointer);
    String keyword = "schema";
    int i = 0;
    while (i < tokens.size()) {
      keyword = tokens.get(i);
      if (ONE.contains(keyword)) {
        i += 1;
      } else if ((ARRAY.contains(keyword) || MAP.contains(keyword)) && i + 1 < tokens.size()) {
        i += 2;
      } else {
        break;
      }
    }
    return keyword;
  }

  /** The value at {@code pointer} (RFC 6901, URI-fragment encoded) in {@code root}, or null. */
  private static Json resolve(Json root, String pointer) {
    String decoded;
    try {
      decoded = URLDecoder.decode(pointer.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    Json at = root;
    for (String t : tokens(decoded)) {
      if (at instanceof JsonObject o) {
        at = o.get(t).orElse(null);
      } else if (at instanceof JsonArray a && t.matches("0|[1-9][0-9]{0,8}")
          && Integer.parseInt(t) < a.size()) {
        at = a.get(Integer.parseInt(t));
      } else {
        return null;
      }
      if (at == null) {
        return null;
      }
    }
    return at;
  }

  private static List<String> tokens(String pointer) {
    List<String> out = new ArrayList<>();
    if (pointer.isEmpty()) {
      return out;
    }
    for (String t : pointer.substring(1).split("/", -1)) {
      out.add(t.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  /** Escapes a member name as a JSON pointer token (RFC 6901). */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static String text(Json v) {
    String s = v.canonicalString();
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }
}
