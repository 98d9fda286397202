/**
 * The tool registry (spec 08 T1): tools found through {@code ToolProvider} plugins, unique names,
 * and validation of intent arguments against each tool's input JSON Schema (C2 stage 12).
 */
package thymos.kernel.registry;
