package thymos.tools.mcp.internal;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import thymos.api.json.Json;
import thymos.api.model.Delta;
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;

/** Turns a {@code tools/call} result into an observation output or a typed failure (T7.3). */
final class McpResults {

  /** How much of an error result's text goes into the failure message. */
  private static final int MAX_ERROR_TEXT = 2_000;

  private McpResults() {}

  /**
   * {@code {content: [blocks…], structured_content?}} as the server sent them, or, when the
   * result says {@code isError}, a {@code tool_error} failure carrying its text. The delta is
   * empty: the bridge cannot know what a server changed, so effects live in the mapping's
   * effect class and the output, not in the world.
   */
  static ToolOutcome outcome(String server, McpConfig.Mapped m, McpSchema.CallToolResult r) {
    String what = "MCP tool " + server + "/" + m.mcpName() + ": ";
    Json content;
    try {
      content = McpSession.toJson(r.content() == null ? java.util.List.of() : r.content());
    } catch (RuntimeException e) { // ProtocolViolation for non-I-JSON, Jackson errors
      return new ToolFailure(ToolFailure.Kind.BAD_RESPONSE, what + "content is not I-JSON: "
          + e.getMessage());
    }
    if (Boolean.TRUE.equals(r.isError())) {
      StringBuilder text = new StringBuilder();
      if (r.content() != null) {
        for (McpSchema.Content c : r.content()) {
          if (c instanceof McpSchema.TextContent t && t.text() != null) {
            text.append(t.text()).append('\n');
          }
        }
      }
      String s = text.toString().strip();
      if (s.length() > MAX_ERROR_TEXT) {
        s = s.substring(0, MAX_ERROR_TEXT) + "…";
      }
      return new ToolFailure(ToolFailure.Kind.TOOL_ERROR, what + "the server reported an error: "
          + s);
    }
    Map<String, Json> out = new LinkedHashMap<>();
    out.put("content", content);
    if (r.structuredContent() != null) {
      try {
        out.put("structured_content", McpSession.toJson(r.structuredContent()));
      } catch (RuntimeException e) {
        return new ToolFailure(ToolFailure.Kind.BAD_RESPONSE, what
            + "structured content is not I-JSON: " + e.getMessage());
      }
    }
    return ToolResult.of(Json.object(out), Delta.EMPTY);
  }
}
