package thymos.tools.mcp;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;

/**
 * The definition pin of an MCP tool (T7.2): {@code BLAKE3-256("thymos/v1/mcp_tool" ‖ 0x00 ‖
 * JCS({name, description, input_schema}))} over the tool's {@code tools/list} entry, as 64
 * lower-case hex — the tagged-hash form of E2.1 with a tag of the bridge's own, so a pin never
 * equals an id of a protocol document. {@code description} is left out when the server gives
 * none. A mapped tool whose pin differs from the approved one is not exposed.
 */
public final class McpPins {

  /** The domain tag hashed in front of the canonical definition. */
  public static final String TAG = "thymos/v1/mcp_tool";

  private McpPins() {}

  /**
   * The pin of one tool definition.
   *
   * @param name the tool's MCP name
   * @param description its description, or {@code null} when the server sent none
   * @param inputSchema its input schema
   * @throws thymos.api.ProtocolViolation if the schema cannot be canonicalised (E1)
   */
  public static String pin(String name, String description, JsonObject inputSchema) {
    return Ids.blake3(tagged(definition(name, description, inputSchema))).hex();
  }

  /** The document a pin hashes: {@code {name, description?, input_schema}}. */
  public static JsonObject definition(String name, String description, JsonObject inputSchema) {
    Map<String, Json> m = new LinkedHashMap<>();
    m.put("name", Json.string(Objects.requireNonNull(name, "name")));
    if (description != null) {
      m.put("description", Json.string(description));
    }
    m.put("input_schema", Objects.requireNonNull(inputSchema, "inputSchema"));
    return Json.object(m);
  }

  private static byte[] tagged(JsonObject doc) {
    byte[] tag = TAG.getBytes(StandardCharsets.US_ASCII);
    byte[] body = doc.canonicalBytes();
    byte[] out = new byte[tag.length + 1 + body.length];
    System.arraycopy(tag, 0, out, 0, tag.length);
    System.arraycopy(body, 0, out, tag.length + 1, body.length);
    return out;
  }
}
