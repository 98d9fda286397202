package thymos.kernel.registry;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import com.networknt.schema.resource.SchemaLoader;
import java.util.List;
import java.util.Locale;
import thymos.api.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * Compiles a tool's input schema (T1.1, C2 stage 12) with the networknt JSON Schema validator,
 * draft 2020-12 fixed. A schema is refused unless it (1) validates against the 2020-12
 * meta-schema bundled in the library, (2) uses only 2020-12 keywords, references only inside
 * itself and names no other draft ({@link SchemaKeywords}), and (3) compiles, every in-document
 * reference resolved. The library's loader may read only the bundled meta-schemas: no network,
 * no files, no class-path resources of the schema's choosing. {@code format} is an annotation
 * (the 2020-12 default); messages are in {@link Locale#ROOT}, whatever the JVM's locale.
 */
final class JsonSchemaLoader {

  private static final String META_PREFIX = "https://json-schema.org/draft/2020-12/";

  static final SchemaRegistryConfig CONFIG = SchemaRegistryConfig.builder()
      .pathType(PathType.JSON_POINTER)
      .locale(Locale.ROOT)
      .formatAssertionsEnabled(false)
      .preloadSchema(true)
      .build();

  /** Loads the bundled 2020-12 meta-schemas only; everything else is refused, not fetched. */
  private static final SchemaLoader BUNDLED_META_SCHEMAS_ONLY = SchemaLoader.builder()
      .allow(iri -> iri.toString().startsWith(META_PREFIX))
      .fetchRemoteResources(false)
      .build();

  private static final Schema META_SCHEMA = registry().getSchema(
      SchemaLocation.of(SchemaKeywords.DRAFT_2020_12));

  private JsonSchemaLoader() {}

  /**
   * A registry for one tool schema: a fresh one per tool, so one tool's {@code $id} can never
   * stand for another tool's schema or a meta-schema.
   */
  static SchemaRegistry registry() {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        b -> b.schemaRegistryConfig(CONFIG).schemaLoader(BUNDLED_META_SCHEMAS_ONLY)
            .nodeReader(ThymosNodeReader.INSTANCE));
  }

  /**
   * Compiles {@code schema}.
   *
   * @throws SchemaLoadException naming the JSON pointer into the schema and the keyword
   */
  static JsonSchema load(Json schema) {
    JsonNode node = JacksonTrees.of(schema);
    List<Error> meta = META_SCHEMA.validate(node);
    if (!meta.isEmpty()) {
      Error first = meta.get(0);
      String pointer = first.getInstanceLocation().toString();
      throw new SchemaLoadException(pointer, SchemaKeywords.keywordAt(pointer),
          "is not valid JSON Schema 2020-12: " + first.getMessage()
          + " (meta-schema keyword " + first.getKeyword() + ")");
    }
    SchemaKeywords.checkPolicy(schema);
    try {
      Schema compiled = registry().getSchema(node);
      compiled.initializeValidators(); // resolves every $ref now, not on the first proposal
      return new JsonSchema(compiled);
    } catch (SchemaException | IllegalArgumentException | IllegalStateException e) {
      throw new SchemaLoadException("", "schema", "does not compile: " + e.getMessage());
    }
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
