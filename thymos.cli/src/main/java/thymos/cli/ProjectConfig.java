package thymos.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import thymos.api.ConfigurationException;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;
import thymos.api.model.RiskClass;
import thymos.kernel.anchor.AnchorSinks;
import thymos.kernel.policy.PolicyProviders;
import thymos.kernel.run.Coordination;

/**
 * A project's {@code thymos.json}, read strictly (E1.5): where the ledger and the keys are, which
 * keys are trust anchors, the tool providers' configuration, the policies in order, the approval
 * channels, the gates and the delegation limits. Relative paths are relative to the project folder.
 *
 * <pre>{@code
 * { "ledger": "sqlite:.thymos/ledger.db",
 *   "ledger_options": {"synchronous": "FULL"},
 *   "keys": ".thymos/keys",
 *   "anchors": ["anchor"],
 *   "runtime_key": "runtime",
 *   "tools": {"builtin": {"sandbox": {"roots": ["workspace"]}}},
 *   "policies": [{"provider": "builtin", "config": {"name": "tool.rate", "version": "1",
 *                 "params": {"tool": "fs_write", "max_per_trajectory": 5}}},
 *                {"provider": "bundle", "config": {"path": "policies/spend.json",
 *                 "issuers": ["policy-admin"]}}],
 *   "channels": [{"name": "ops", "approvers": ["approver"], "quorum": 1, "ttl_ms": 86400000}],
 *   "irreversible_gate": true,
 *   "risk_threshold": "high",
 *   "anchor_sinks": [{"provider": "file", "config": {"path": ".thymos/anchors.jsonl"}}],
 *   "coordination": {"max_depth": 2, "max_fan_out": 8, "max_open_children": 4,
 *                    "disjoint_writes": true} }
 * }</pre>
 *
 * @param ledger the ledger URI
 * @param ledgerOptions backend options (L6)
 * @param keys the key folder
 * @param anchors key aliases or hex public keys trusted as anchors for every tenant (W1)
 * @param runtimeKey alias of the key that signs entries, if any (L1)
 * @param tools each tool provider's configuration, by provider name (T1.1)
 * @param policies the policy selections, in engine order (P1, P2); bundle files are read when
 *     the kernel starts ({@link PolicyFiles}, P6)
 * @param channels the approval channels (X3.1)
 * @param irreversibleGate whether the irreversible gate is on (C2 stage 16)
 * @param riskThreshold the risk gate, if on (C2 stage 17)
 * @param anchorSinks where {@code thymos anchor} publishes anchor checkpoints, in order (A5.2)
 * @param coordination the delegation limits (09 D5), {@link Coordination#NONE} by default
 */
public record ProjectConfig(String ledger, Map<String, String> ledgerOptions, String keys,
    List<String> anchors, Optional<String> runtimeKey, JsonObject tools,
    List<PolicyProviders.Selection> policies, List<Channel> channels, boolean irreversibleGate,
    Optional<RiskClass> riskThreshold, List<AnchorSinks.Selection> anchorSinks,
    Coordination coordination) {

  /** A config without coordination limits. */
  public ProjectConfig(String ledger, Map<String, String> ledgerOptions, String keys,
      List<String> anchors, Optional<String> runtimeKey, JsonObject tools,
      List<PolicyProviders.Selection> policies, List<Channel> channels, boolean irreversibleGate,
      Optional<RiskClass> riskThreshold, List<AnchorSinks.Selection> anchorSinks) {
    this(ledger, ledgerOptions, keys, anchors, runtimeKey, tools, policies, channels,
        irreversibleGate, riskThreshold, anchorSinks, Coordination.NONE);
  }

  /** A config without anchor sinks. */
  public ProjectConfig(String ledger, Map<String, String> ledgerOptions, String keys,
      List<String> anchors, Optional<String> runtimeKey, JsonObject tools,
      List<PolicyProviders.Selection> policies, List<Channel> channels, boolean irreversibleGate,
      Optional<RiskClass> riskThreshold) {
    this(ledger, ledgerOptions, keys, anchors, runtimeKey, tools, policies, channels,
        irreversibleGate, riskThreshold, List.of());
  }

  /** The config file's name in a project folder. */
  public static final String FILE = "thymos.json";

  /**
   * An approval channel as configured: approvers by key alias or hex public key.
   *
   * @param name the channel name
   * @param approvers aliases or hex keys
   * @param quorum the default quorum
   * @param ttlMs how long votes are accepted, if limited
   */
  public record Channel(String name, List<String> approvers, long quorum, OptionalLong ttlMs) {}

  /**
   * Reads the config file.
   *
   * @throws ConfigurationException {@code THY-C001} if the file cannot be read or is not a valid
   *     config (the JSON pointer of the offending member is named)
   */
  public static ProjectConfig read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigurationException("THY-C001", null, "cannot read " + file + ": "
          + e.getMessage(), List.of(), e);
    }
    try {
      return fromJson(Json.parse(text));
    } catch (ProtocolViolation e) {
      throw new ConfigurationException("THY-C001", null, file + ": " + e.getMessage(), List.of(),
          e);
    }
  }

  /** Reads a parsed config strictly (E1.5). */
  public static ProjectConfig fromJson(Json json) {
    StrictObject o = StrictObject.of(json, "");
    String ledger = o.string("ledger");
    Map<String, String> options = new LinkedHashMap<>();
    if (o.has("ledger_options")) {
      StrictObject lo = o.nested("ledger_options");
      lo.json().members().forEach((k, v) -> options.put(k, StrictObject.asString(v,
          StrictObject.child(lo.pointer(), k))));
      lo.json().members().keySet().forEach(lo::value);
      lo.end();
    }
    String keys = o.optString("keys").orElse(".thymos/keys");
    List<String> anchors = strings(o, "anchors");
    Optional<String> runtimeKey = o.optString("runtime_key");
    JsonObject tools = o.has("tools") ? o.object("tools") : JsonObject.EMPTY;
    List<PolicyProviders.Selection> policies = o.has("policies")
        ? PolicyProviders.Selection.listFromJson(o.value("policies"), o.pointer("policies"))
        : List.of();
    List<Channel> channels = new ArrayList<>();
    if (o.has("channels")) {
      JsonArray array = o.array("channels");
      for (int i = 0; i < array.size(); i++) {
        StrictObject c = StrictObject.of(array.get(i), StrictObject.child(o.pointer("channels"),
            i));
        Channel ch = new Channel(c.string("name"), strings(c, "approvers"),
            c.optNonNegative("quorum").orElse(1L), c.optNonNegative("ttl_ms")
                .map(OptionalLong::of).orElse(OptionalLong.empty()));
        c.end();
        channels.add(ch);
      }
    }
    boolean gate = o.optBool("irreversible_gate").orElse(true);
    Optional<RiskClass> risk = o.optValue("risk_threshold")
        .map(v -> RiskClass.fromJson(v, o.pointer("risk_threshold")));
    List<AnchorSinks.Selection> sinks = o.has("anchor_sinks")
        ? AnchorSinks.Selection.listFromJson(o.value("anchor_sinks"), o.pointer("anchor_sinks"))
        : List.of();
    Coordination coordination = o.has("coordination")
        ? Coordination.fromJson(o.value("coordination"), o.pointer("coordination"))
        : Coordination.NONE;
    o.end();
    return new ProjectConfig(ledger, Map.copyOf(options), keys, anchors, runtimeKey, tools,
        policies, List.copyOf(channels), gate, risk, sinks, coordination);
  }

  private static List<String> strings(StrictObject o, String name) {
    if (!o.has(name)) {
      return List.of();
    }
    JsonArray a = o.array(name);
    List<String> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      out.add(StrictObject.asString(a.get(i), StrictObject.child(o.pointer(name), i)));
    }
    return List.copyOf(out);
  }

  /** The JSON form, as {@code thymos init} writes it. */
  public JsonObject toJson() {
    Map<String, Json> m = new LinkedHashMap<>();
    m.put("ledger", Json.string(ledger));
    if (!ledgerOptions.isEmpty()) {
      Map<String, Json> lo = new LinkedHashMap<>();
      ledgerOptions.forEach((k, v) -> lo.put(k, Json.string(v)));
      m.put("ledger_options", Json.object(lo));
    }
    m.put("keys", Json.string(keys));
    m.put("anchors", Json.array(anchors.stream().map(Json::string).toList()));
    runtimeKey.ifPresent(k -> m.put("runtime_key", Json.string(k)));
    m.put("tools", tools);
    m.put("policies", Json.array(policies.stream().map(p -> (Json) p.toJson()).toList()));
    List<Json> cs = new ArrayList<>();
    for (Channel c : channels) {
      Map<String, Json> cm = new LinkedHashMap<>();
      cm.put("name", Json.string(c.name()));
      cm.put("approvers", Json.array(c.approvers().stream().map(Json::string).toList()));
      cm.put("quorum", Json.integer(c.quorum()));
      c.ttlMs().ifPresent(t -> cm.put("ttl_ms", Json.integer(t)));
      cs.add(Json.object(cm));
    }
    m.put("channels", Json.array(cs));
    m.put("irreversible_gate", Json.bool(irreversibleGate));
    riskThreshold.ifPresent(r -> m.put("risk_threshold", r.toJson()));
    if (!anchorSinks.isEmpty()) {
      m.put("anchor_sinks", Json.array(anchorSinks.stream().map(a -> (Json) a.toJson()).toList()));
    }
    if (!coordination.equals(Coordination.NONE)) {
      m.put("coordination", coordination.toJson());
    }
    return Json.object(m);
  }
}
