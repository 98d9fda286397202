// A small MCP server for the bridge's tests (T7.2, T1.4), on the official Node SDK over stdio.
// `echo` has the description in ECHO_DESCRIPTION, so a test can change a definition after
// pinning; `crash` exits the process in the middle of the call.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "thymos-test-server", version: "1.0.0" });

server.registerTool("echo", {
  description: process.env.ECHO_DESCRIPTION ?? "Echoes its text.",
  inputSchema: { text: z.string() },
}, async ({ text }) => ({ content: [{ type: "text", text: "echo: " + text }] }));

server.registerTool("crash", {
  description: "Exits the server in the middle of a call.",
  inputSchema: {},
}, async () => { process.exit(3); });

server.registerTool("fail", {
  description: "Answers with an error result.",
  inputSchema: {},
}, async () => ({ isError: true, content: [{ type: "text", text: "it went wrong" }] }));

server.registerTool("sleep", {
  description: "Answers after five seconds.",
  inputSchema: {},
}, async () => {
  await new Promise((resolve) => setTimeout(resolve, 5000));
  return { content: [{ type: "text", text: "late" }] };
});

await server.connect(new StdioServerTransport());
