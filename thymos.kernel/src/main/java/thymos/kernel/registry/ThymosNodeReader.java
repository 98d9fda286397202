package thymos.kernel.registry;

import com.networknt.schema.InputFormat;
import com.networknt.schema.serialization.NodeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import thymos.api.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * Reads the bundled meta-schemas for the validator library with the Thymos JSON parser (E1) and
 * {@link JacksonTrees}, instead of the library's default reader: no Jackson {@code ObjectMapper}
 * is built, which is most of the library's start-up cost (T1.1). JSON only.
 */
final class ThymosNodeReader implements NodeReader {

  static final ThymosNodeReader INSTANCE = new ThymosNodeReader();

  private ThymosNodeReader() {}

  @Override
  public JsonNode readTree(String content, InputFormat inputFormat) {
    if (inputFormat != InputFormat.JSON) {
      throw new IllegalArgumentException("only JSON schemas are read, not " + inputFormat);
    }
    return JacksonTrees.of(Json.parse(content));
  }

  @Override
  public JsonNode readTree(InputStream content, InputFormat inputFormat) {
    try (content) {
      return readTree(new String(content.readAllBytes(), StandardCharsets.UTF_8), inputFormat);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
