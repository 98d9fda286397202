package thymos.kernel.policy;

import java.util.Map;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.spi.Policy;

/**
 * A built-in policy (P5): version {@code "1"}, and a content document {@code {name, version,
 * params}} that describes it completely (P1), so its policy id changes with every parameter (P4).
 */
sealed interface BuiltinPolicy extends Policy
    permits Freshness, TenantIsolation, ThresholdApproval, ToolRate {

  /** The parameters, snake_case, as written in the content document. */
  Map<String, Json> params();

  @Override
  default String version() {
    return Params.VERSION;
  }

  @Override
  default JsonObject content() {
    return Params.content(name(), params());
  }
}
