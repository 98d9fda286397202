package thymos.kernel.registry;

import java.util.List;
import java.util.Map;
import java.util.Set;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonBoolean;
import thymos.api.json.JsonNull;
import thymos.api.json.JsonNumber;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;

/**
 * A compiled JSON Schema node of the subset {@link JsonSchemaLoader} accepts. Immutable; compiled
 * once per tool at registration and validated against many times (C2 stage 12). Absent keywords
 * are {@code null} fields.
 */
record JsonSchema(
    boolean rejectAll,
    Set<String> types,
    Map<String, JsonSchema> properties,
    List<String> required,
    JsonSchema additionalProperties,
    JsonSchema items,
    List<Json> enumValues,
    Json constValue,
    Double minimum,
    Double maximum,
    Double exclusiveMinimum,
    Double exclusiveMaximum,
    Integer minLength,
    Integer maxLength,
    Integer minItems,
    Integer maxItems) {

  /** The schema {@code true}: every value is valid. */
  static final JsonSchema ANY = new JsonSchema(false, null, Map.of(), List.of(), null, null, null,
      null, null, null, null, null, null, null, null, null);

  /** The schema {@code false}: no value is valid. */
  static final JsonSchema NONE = new JsonSchema(true, null, Map.of(), List.of(), null, null, null,
      null, null, null, null, null, null, null, null, null);

  /** Appends to {@code errors} every violation of this schema by {@code value} at {@code pointer}. */
  void validate(Json value, String pointer, List<SchemaError> errors) {
    if (rejectAll) {
      errors.add(new SchemaError(pointer, "false", "no value is allowed here"));
      return;
    }
    if (types != null && !types.contains(typeOf(value))
        && !(types.contains("number") && value instanceof JsonNumber)) {
      errors.add(new SchemaError(pointer, "type",
          "expected " + String.join(" or ", types) + ", found " + typeOf(value)));
      return; // the other keywords would only repeat the type error
    }
    if (enumValues != null && !enumValues.contains(value)) {
      errors.add(new SchemaError(pointer, "enum", "value " + value.canonicalString()
          + " is not one of " + new JsonArray(enumValues).canonicalString()));
    }
    if (constValue != null && !constValue.equals(value)) {
      errors.add(new SchemaError(pointer, "const", "expected " + constValue.canonicalString()
          + ", found " + value.canonicalString()));
    }
    switch (value) {
      case JsonNumber n -> validateNumber(n.value(), pointer, errors);
      case JsonString s -> validateLength(s.value().codePointCount(0, s.value().length()),
          minLength, maxLength, "Length", "characters", pointer, errors);
      case JsonArray a -> validateArray(a, pointer, errors);
      case JsonObject o -> validateObject(o, pointer, errors);
      case JsonBoolean b -> { }
      case JsonNull z -> { }
    }
  }

  private void validateNumber(double v, String pointer, List<SchemaError> errors) {
    if (minimum != null && v < minimum) {
      errors.add(new SchemaError(pointer, "minimum", num(v) + " is less than " + num(minimum)));
    }
    if (maximum != null && v > maximum) {
      errors.add(new SchemaError(pointer, "maximum", num(v) + " is greater than " + num(maximum)));
    }
    if (exclusiveMinimum != null && v <= exclusiveMinimum) {
      errors.add(new SchemaError(pointer, "exclusiveMinimum",
          num(v) + " is not greater than " + num(exclusiveMinimum)));
    }
    if (exclusiveMaximum != null && v >= exclusiveMaximum) {
      errors.add(new SchemaError(pointer, "exclusiveMaximum",
          num(v) + " is not less than " + num(exclusiveMaximum)));
    }
  }

  private static void validateLength(int size, Integer min, Integer max, String suffix,
      String unit, String pointer, List<SchemaError> errors) {
    if (min != null && size < min) {
      errors.add(new SchemaError(pointer, "min" + suffix,
          "has " + size + " " + unit + ", fewer than " + min));
    }
    if (max != null && size > max) {
      errors.add(new SchemaError(pointer, "max" + suffix,
          "has " + size + " " + unit + ", more than " + max));
    }
  }

  private void validateArray(JsonArray a, String pointer, List<SchemaError> errors) {
    validateLength(a.size(), minItems, maxItems, "Items", "items", pointer, errors);
    if (items != null) {
      for (int i = 0; i < a.size(); i++) {
        items.validate(a.get(i), pointer + "/" + i, errors);
      }
    }
  }

  private void validateObject(JsonObject o, String pointer, List<SchemaError> errors) {
    for (String name : required) {
      if (o.get(name).isEmpty()) {
        errors.add(new SchemaError(pointer, "required",
            "missing required property \"" + name + "\""));
      }
    }
    for (Map.Entry<String, Json> member : o.members().entrySet()) {
      String child = pointer + "/" + escape(member.getKey());
      JsonSchema declared = properties.get(member.getKey());
      if (declared != null) {
        declared.validate(member.getValue(), child, errors);
      } else if (additionalProperties != null && additionalProperties.rejectAll) {
        errors.add(new SchemaError(child, "additionalProperties",
            "property \"" + member.getKey() + "\" is not allowed"));
      } else if (additionalProperties != null) {
        additionalProperties.validate(member.getValue(), child, errors);
      }
    }
  }

  /** The JSON Schema type of a value; integral numbers are {@code integer}. */
  static String typeOf(Json value) {
    return switch (value) {
      case JsonNumber n -> n.value() == Math.rint(n.value()) ? "integer" : "number";
      case JsonString s -> "string";
      case JsonArray a -> "array";
      case JsonObject o -> "object";
      case JsonBoolean b -> "boolean";
      case JsonNull z -> "null";
    };
  }

  /** Escapes a member name as a JSON pointer token (RFC 6901). */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static String num(double v) {
    return new JsonNumber(v).canonicalString();
  }
}
