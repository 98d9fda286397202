package thymos.tools.internal;

import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Delta;
import thymos.api.model.DeltaResult;
import thymos.api.model.World;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;

/** Tool contexts for unit tests. */
final class Contexts {

  static final Hash32 KEY = Hash32.of(new byte[Hash32.LENGTH]);

  private Contexts() {}

  static ToolContext of(String args, World world) {
    return of(args, world, Optional.empty());
  }

  static ToolContext of(String args, World world, Optional<ToolContext.Sandbox> sandbox) {
    return new ToolContext((JsonObject) Json.parse(args), world, KEY, Long.MAX_VALUE,
        ToolContext.Cancellation.NEVER, sandbox);
  }

  static ToolResult ok(ToolOutcome o) {
    if (o instanceof ToolResult r) {
      return r;
    }
    throw new AssertionError("expected a result, got " + o);
  }

  static JsonObject out(ToolOutcome o) {
    return (JsonObject) ok(o).output();
  }

  static World apply(World w, Delta d) {
    return switch (w.apply(d, KEY)) {
      case DeltaResult.Applied a -> a.world();
      default -> throw new AssertionError("delta does not apply: " + d.toJson());
    };
  }
}
