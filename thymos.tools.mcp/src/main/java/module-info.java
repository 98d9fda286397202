/**
 * The MCP bridge (spec 08 T7): exposes the tools of Model Context Protocol servers, started over
 * stdio, through the official MCP Java SDK, each behind a mapping that gives it a Thymos name,
 * effect, risk and compensability and pins a hash of its definition. The SDK and its
 * dependencies are automatic modules, so this module stays out of the default jlink image.
 */
module thymos.tools.mcp {
  requires io.modelcontextprotocol.sdk.mcp;
  requires tools.jackson.databind;
  requires transitive thymos.api;

  exports thymos.tools.mcp;

  provides thymos.api.spi.ToolProvider with thymos.tools.mcp.McpToolProvider;
}
