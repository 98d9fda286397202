package thymos.kernel.policy;

import java.util.List;
import thymos.api.ConfigurationException;
import thymos.api.ThymosException;
import thymos.api.json.Json;
import thymos.api.json.StrictObject;
import thymos.api.spi.Policy;

/**
 * The built-in policies (P5) by name, and their reconstruction from a content document, so a
 * policy set can be configured (or re-created from a recorded configuration) as JSON: {@code
 * {name, version, params}}, read strictly.
 */
public final class BuiltinPolicies {

  /** The names of the built-in policies. */
  public static final List<String> NAMES =
      List.of(TenantIsolation.NAME, ThresholdApproval.NAME, ToolRate.NAME, Freshness.NAME);

  private BuiltinPolicies() {}

  /**
   * The built-in policy whose content document is {@code content}; {@code
   * fromContent(p.content())} equals {@code p}.
   *
   * @throws ConfigurationException ({@code THY-P500}) for an unknown name or version (listing
   *     the candidates) or a parameter out of range
   * @throws thymos.api.ProtocolViolation for a malformed document: a missing or unknown member or
   *     a wrong type (E1.5)
   */
  public static Policy fromContent(Json content) {
    StrictObject o = StrictObject.of(content, "");
    String name = o.string("name");
    String version = o.string("version");
    if (!NAMES.contains(name)) {
      throw error("unknown built-in policy \"" + name + "\"", NAMES, null);
    }
    if (!version.equals(Params.VERSION)) {
      throw error("built-in policy " + name + " has no version \"" + version + "\"",
          List.of(name + "@" + Params.VERSION), null);
    }
    StrictObject p = o.nested("params");
    o.end();
    try {
      return switch (name) {
        case TenantIsolation.NAME -> TenantIsolation.fromParams(p);
        case ThresholdApproval.NAME -> ThresholdApproval.fromParams(p);
        case ToolRate.NAME -> ToolRate.fromParams(p);
        default -> Freshness.fromParams(p);
      };
    } catch (IllegalArgumentException e) {
      throw error("built-in policy " + name + ": " + e.getMessage(), List.of(), e);
    }
  }

  private static ConfigurationException error(String detail, List<String> candidates,
      Throwable cause) {
    return new ConfigurationException(ThymosException.codeFor("P5"), "P5", detail, candidates,
        cause);
  }
}
