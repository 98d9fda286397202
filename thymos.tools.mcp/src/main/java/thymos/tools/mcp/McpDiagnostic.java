package thymos.tools.mcp;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a tool of an MCP server is not exposed (T7.1, T7.2), for the CLI or an operator to print.
 *
 * @param server the server's configured name
 * @param mcpTool the tool's name on the server (server text: untrusted, shown, never obeyed)
 * @param kind what is wrong
 * @param expectedPin the approved pin, for {@link Kind#PIN_MISMATCH} and {@link Kind#MISSING}
 * @param actualPin the pin of the definition the server listed, for {@link Kind#UNMAPPED} and
 *     {@link Kind#PIN_MISMATCH} (what a re-approval would write)
 */
public record McpDiagnostic(String server, String mcpTool, Kind kind,
    Optional<String> expectedPin, Optional<String> actualPin) {

  /** Checks for {@code null}. */
  public McpDiagnostic {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(mcpTool, "mcpTool");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(expectedPin, "expectedPin");
    Objects.requireNonNull(actualPin, "actualPin");
  }

  /** The kinds of diagnostic. */
  public enum Kind {
    /** The server offers the tool, the mapping does not name it: not exposed (T7.1). */
    UNMAPPED,
    /** The tool's definition hash differs from the approved pin: refused until re-approved (T7.2). */
    PIN_MISMATCH,
    /** The mapping names a tool the server does not list. */
    MISSING
  }

  /** One line for people: {@code server/tool: kind (expected …, actual …)}. */
  @Override
  public String toString() {
    return server + "/" + mcpTool + ": " + kind.name().toLowerCase(java.util.Locale.ROOT)
        + expectedPin.map(p -> ", expected pin " + p).orElse("")
        + actualPin.map(p -> ", actual pin " + p).orElse("");
  }
}
