package thymos.tools.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.PublicKey;
import thymos.api.crypto.Signature;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.json.StrictObject;
import thymos.api.model.EffectClass;
import thymos.api.model.RiskClass;
import thymos.api.spi.ToolDescriptor;
import thymos.tools.manifest.ManifestError.Problem;

/**
 * Reads one manifest document strictly (T6.1, E1.5): every member known, typed and present when
 * required; every placeholder names a declared, required, scalar argument (T6.2). Signature trust
 * is checked by the {@link ManifestLoader}. Errors are {@link Problem}s with a JSON pointer.
 */
final class ManifestReader {

  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH",
      "DELETE");
  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
  private static final Set<String> SCALAR_TYPES = Set.of("string", "integer", "number",
      "boolean");
  private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length",
      "content-type", "transfer-encoding", "connection", "te", "upgrade", "trailer",
      "keep-alive", "expect");
  private static final String DOMAIN =
      "[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*";
  private static final long MAX_TIMEOUT_MS = 600_000;

  private ManifestReader() {}

  /** Reads {@code doc}; every error is a {@link Problem} naming the pointer. */
  static Manifest read(Json doc) {
    try {
      return readStrict(doc);
    } catch (ProtocolViolation v) {
      throw new Problem(ManifestError.FORMAT, v.pointer(), v.getMessage());
    }
  }

  private static Manifest readStrict(Json doc) {
    StrictObject o = StrictObject.of(doc, "");
    String format = o.string("manifest");
    if (!format.equals(Manifest.FORMAT)) {
      throw new Problem(ManifestError.FORMAT, "/manifest", "unknown format \"" + format
          + "\"; expected \"" + Manifest.FORMAT + "\"");
    }
    String name = o.string("name");
    if (!ToolDescriptor.isValidName(name)) {
      throw new Problem(ManifestError.FORMAT, "/name", "tool name \"" + name
          + "\" does not match [a-z][a-z0-9_.-]{0,63} (T1.1)");
    }
    String version = o.string("version");
    if (version.isEmpty()) {
      throw new Problem(ManifestError.FORMAT, "/version", "must not be empty");
    }
    String description = o.string("description");
    JsonObject schema = o.object("input_schema");
    Map<String, Json> properties = schemaProperties(schema);
    EffectClass effect = o.read("effect", EffectClass::fromJson);
    RiskClass risk = o.read("risk", RiskClass::fromJson);
    if (o.bool("compensable")) {
      throw new Problem(ManifestError.FORMAT, "/compensable",
          "must be false: a manifest tool cannot compensate (T6.1)");
    }
    Manifest.Run run = readRun(o.nested("run"), schema, properties);
    Optional<PublicKey> signer = o.optRead("signer", PublicKey::fromJson);
    Optional<Signature> signature = o.optRead("signature", Signature::fromJson);
    o.end();
    if (signer.isPresent() != signature.isPresent()) {
      throw new Problem(ManifestError.TRUST, signer.isPresent() ? "/signature" : "/signer",
          "signer and signature come together (E4.3)");
    }
    Map<String, Json> unsigned = new LinkedHashMap<>(((JsonObject) doc).members());
    unsigned.remove("signature");
    ToolDescriptor d = new ToolDescriptor(name, version, description, schema, effect, risk,
        false);
    return new Manifest(d, run, Json.object(unsigned), signer, signature);
  }

  private static Map<String, Json> schemaProperties(JsonObject schema) {
    if (!(schema.get("type").orElse(null) instanceof JsonString t)
        || !t.value().equals("object")) {
      throw new Problem(ManifestError.FORMAT, "/input_schema/type",
          "the input schema of a manifest must declare \"type\": \"object\"");
    }
    Json p = schema.get("properties").orElse(JsonObject.EMPTY);
    if (!(p instanceof JsonObject props)) {
      throw new Problem(ManifestError.FORMAT, "/input_schema/properties", "must be an object");
    }
    return props.members();
  }

  private static Manifest.Run readRun(StrictObject r, JsonObject schema,
      Map<String, Json> properties) {
    String kind = r.string("kind");
    Manifest.Run run = switch (kind) {
      case "exec" -> readExec(r, schema, properties);
      case "http" -> readHttp(r, schema, properties);
      default -> throw new Problem(ManifestError.FORMAT, "/run/kind", "unknown run kind \""
          + kind + "\"; expected exec or http");
    };
    r.end();
    return run;
  }

  private static Manifest.ExecRun readExec(StrictObject r, JsonObject schema,
      Map<String, Json> properties) {
    JsonArray a = r.array("argv");
    if (a.size() == 0) {
      throw new Problem(ManifestError.FORMAT, "/run/argv", "must hold at least the program");
    }
    List<Template> argv = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      String at = "/run/argv/" + i;
      Template t = template(StrictObject.asString(a.get(i), at), at, schema, properties);
      if (i == 0 && !t.isLiteral()) {
        throw new Problem(ManifestError.PLACEHOLDER, at,
            "the program (argv[0]) must be literal; arguments cannot choose it (T4.2)");
      }
      argv.add(t);
    }
    Optional<Template> cwd = r.optString("cwd").map(c -> template(c, "/run/cwd", schema,
        properties));
    long timeout = timeout(r);
    String output = r.string("output");
    Manifest.Output out = switch (output) {
      case "text" -> Manifest.Output.TEXT;
      case "json" -> Manifest.Output.JSON;
      default -> throw new Problem(ManifestError.FORMAT, "/run/output", "unknown output \""
          + output + "\"; expected text or json");
    };
    return new Manifest.ExecRun(argv, cwd, timeout, out);
  }

  private static Manifest.HttpRun readHttp(StrictObject r, JsonObject schema,
      Map<String, Json> properties) {
    String method = r.string("method");
    if (!METHODS.contains(method)) {
      throw new Problem(ManifestError.FORMAT, "/run/method", "unknown method \"" + method
          + "\"; expected one of " + METHODS);
    }
    String urlText = r.string("url");
    UrlTemplate url;
    try {
      url = UrlTemplate.parse(urlText);
    } catch (Template.Malformed e) {
      throw new Problem(ManifestError.PLACEHOLDER, "/run/url", e.getMessage());
    }
    checkNames(url.names(), "/run/url", schema, properties);
    Map<String, Template> headers = new LinkedHashMap<>();
    Optional<Json> h = r.optValue("headers");
    if (h.isPresent()) {
      StrictObject ho = StrictObject.of(h.get(), "/run/headers");
      for (String n : ho.json().members().keySet()) {
        String at = ho.pointer(n);
        if (!n.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")
            || RESERVED_HEADERS.contains(n.toLowerCase(Locale.ROOT))
            || n.toLowerCase(Locale.ROOT).startsWith("proxy-")) {
          throw new Problem(ManifestError.FORMAT, at, "header \"" + n + "\" is not a token or"
              + " is set by the runtime (" + RESERVED_HEADERS + ", proxy-*)");
        }
        headers.put(n, template(ho.string(n), at, schema, properties));
      }
      ho.end();
    }
    Optional<Json> body = r.optValue("body");
    if (body.isPresent()) {
      if (!BODY_METHODS.contains(method)) {
        throw new Problem(ManifestError.FORMAT, "/run/body", "a " + method
            + " request has no body; body needs one of " + BODY_METHODS);
      }
      bodyTemplates(body.get(), "/run/body", schema, properties);
    }
    JsonArray hosts = r.array("allowed_hosts");
    List<String> allowed = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      String d = StrictObject.asString(hosts.get(i), "/run/allowed_hosts/" + i);
      if (!d.matches(DOMAIN) || d.substring(d.lastIndexOf('.') + 1).matches("[0-9]+")) {
        throw new Problem(ManifestError.FORMAT, "/run/allowed_hosts/" + i, "\"" + d
            + "\" is not a lower-case domain name (no trailing dot, no address literal)");
      }
      allowed.add(d);
    }
    if (allowed.isEmpty()) {
      throw new Problem(ManifestError.FORMAT, "/run/allowed_hosts", "must name at least one"
          + " host");
    }
    if (!matches(url.host(), allowed)) {
      throw new Problem(ManifestError.FORMAT, "/run/url", "host \"" + url.host()
          + "\" is not on allowed_hosts " + allowed);
    }
    return new Manifest.HttpRun(method, url, headers, body, allowed, timeout(r));
  }

  /** Exact or subdomain match at a dot boundary (T5.1). */
  static boolean matches(String host, List<String> domains) {
    return domains.stream().anyMatch(d -> host.equals(d) || host.endsWith("." + d));
  }

  private static void bodyTemplates(Json v, String at, JsonObject schema,
      Map<String, Json> properties) {
    switch (v) {
      case JsonString s -> template(s.value(), at, schema, properties);
      case JsonArray a -> {
        for (int i = 0; i < a.size(); i++) {
          bodyTemplates(a.get(i), at + "/" + i, schema, properties);
        }
      }
      case JsonObject o -> o.members().forEach((k, x) ->
          bodyTemplates(x, StrictObject.child(at, k), schema, properties));
      default -> { }
    }
  }

  private static long timeout(StrictObject r) {
    long t = r.nonNegative("timeout_ms");
    if (t < 1 || t > MAX_TIMEOUT_MS) {
      throw new Problem(ManifestError.FORMAT, "/run/timeout_ms", "must be in [1, "
          + MAX_TIMEOUT_MS + "], found " + t);
    }
    return t;
  }

  private static Template template(String text, String at, JsonObject schema,
      Map<String, Json> properties) {
    Template t;
    try {
      t = Template.parse(text);
    } catch (Template.Malformed e) {
      throw new Problem(ManifestError.PLACEHOLDER, at, e.getMessage());
    }
    checkNames(t.names(), at, schema, properties);
    return t;
  }

  /**
   * Every placeholder names a property of the input schema (T6.2) with one scalar {@code type}
   * and listed in {@code required}, so a validated call always has a value to fill in.
   */
  private static void checkNames(Set<String> names, String at, JsonObject schema,
      Map<String, Json> properties) {
    Json required = schema.get("required").orElse(JsonArray.EMPTY);
    for (String n : names) {
      Json p = properties.get(n);
      if (p == null) {
        throw new Problem(ManifestError.PLACEHOLDER, at, "placeholder {" + n
            + "} names no property of input_schema (T6.2); declared: " + properties.keySet());
      }
      if (!(p instanceof JsonObject po) || !(po.get("type").orElse(null) instanceof JsonString t)
          || !SCALAR_TYPES.contains(t.value())) {
        throw new Problem(ManifestError.PLACEHOLDER, at, "placeholder {" + n + "} needs"
            + " input_schema property \"" + n + "\" to have one scalar type " + SCALAR_TYPES);
      }
      if (!(required instanceof JsonArray ra) || !ra.elements().contains(Json.string(n))) {
        throw new Problem(ManifestError.PLACEHOLDER, at, "placeholder {" + n + "} needs \""
            + n + "\" in input_schema.required");
      }
    }
  }
}
