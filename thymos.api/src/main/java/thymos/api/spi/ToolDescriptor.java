package thymos.api.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import thymos.api.ConfigurationException;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.EffectClass;
import thymos.api.model.RiskClass;

/**
 * What a tool declares about itself (T1.1): its name, version, description, input JSON Schema
 * (2020-12), effect and risk class (M3), and whether it can compensate its commits (X6.1).
 *
 * @param name the tool name, {@code [a-z][a-z0-9_.-]{0,63}} (T1.1); writ scopes match it (M2)
 * @param version the tool's version, non-empty
 * @param description what the tool does, shown to cognition (X10.1)
 * @param inputSchema the JSON Schema its arguments must satisfy (C2 stage 12)
 * @param effect what the tool may do to the world (M3)
 * @param risk how risky a call is (M3)
 * @param compensable whether {@link Tool#compensate} can undo a commit (X6.1)
 */
public record ToolDescriptor(String name, String version, String description,
    JsonObject inputSchema, EffectClass effect, RiskClass risk, boolean compensable) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

  /**
   * Checks the name grammar and {@code null}s.
   *
   * @throws ConfigurationException {@code THY-T101} for a malformed name or an empty version
   */
  public ToolDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(inputSchema, "inputSchema");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(risk, "risk");
    if (!isValidName(name)) {
      throw new ConfigurationException("THY-T101", "T1.1", "tool name \"" + name
          + "\" does not match [a-z][a-z0-9_.-]{0,63}", List.of(), null);
    }
    if (version.isEmpty()) {
      throw new ConfigurationException("THY-T101", "T1.1",
          "tool \"" + name + "\" has an empty version", List.of(), null);
    }
  }

  /** Whether {@code name} follows the tool-name grammar {@code [a-z][a-z0-9_.-]{0,63}} (T1.1). */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /**
   * The view cognition gets of this tool (X10.1):
   * {@code {name, description, input_schema, effect, risk}}.
   */
  public JsonObject cognitionView() {
    Map<String, Json> m = new LinkedHashMap<>();
    m.put("name", Json.string(name));
    m.put("description", Json.string(description));
    m.put("input_schema", inputSchema);
    m.put("effect", effect.toJson());
    m.put("risk", risk.toJson());
    return Json.object(m);
  }
}
