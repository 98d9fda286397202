package thymos.kernel.registry;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import thymos.api.json.Json;

/**
 * A tool's input schema compiled by the validator library (T1.1): compiled once at registration,
 * validated against on every proposal (C2 stage 12). Immutable and safe to share between threads.
 */
final class JsonSchema {

  private final Schema schema;

  JsonSchema(Schema schema) {
    this.schema = Objects.requireNonNull(schema, "schema");
  }

  /** Every violation of this schema by {@code value}, in the library's evaluation order. */
  List<SchemaError> validate(Json value) {
    List<Error> errors = schema.validate(JacksonTrees.of(value));
    if (errors.isEmpty()) {
      return List.of();
    }
    List<SchemaError> out = new ArrayList<>(errors.size());
    for (Error e : errors) {
      out.add(toSchemaError(e));
    }
    return out;
  }

  private static SchemaError toSchemaError(Error e) {
    String pointer = e.getInstanceLocation().toString();
    String keyword = e.getKeyword() == null ? "false" : e.getKeyword();
    // A member or element the schema does not allow is named by its own pointer, as the
    // Thymos validator did, not by its parent's.
    if ((keyword.equals("additionalProperties") || keyword.equals("unevaluatedProperties"))
        && e.getProperty() != null) {
      pointer = pointer + "/" + SchemaKeywords.escape(e.getProperty());
    } else if ((keyword.equals("items") || keyword.equals("unevaluatedItems"))
        && e.getIndex() != null) {
      pointer = pointer + "/" + e.getIndex();
    }
    return new SchemaError(pointer, keyword, e.getMessage());
  }
}
