package thymos.api.spi;

/**
 * What a tool operation returns (T1.1, T1.4): a {@link ToolResult} or a typed {@link
 * ToolFailure}. Expected tool errors are values; a tool that throws is treated by the kernel as a
 * {@code tool_error} failure.
 */
public sealed interface ToolOutcome permits ToolResult, ToolFailure {}
