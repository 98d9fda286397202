package thymos.tools.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static thymos.tools.manifest.ManifestFixtures.config;
import static thymos.tools.manifest.ManifestFixtures.exec;
import static thymos.tools.manifest.ManifestFixtures.http;
import static thymos.tools.manifest.ManifestFixtures.signed;
import static thymos.tools.manifest.ManifestFixtures.write;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.ConfigurationException;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.EffectClass;
import thymos.api.spi.Tool;
import thymos.tools.http.LoopbackHttp;

/** Loading manifests (T6.1, T6.2, T6.3, T6.4): strict format, placeholders, signatures. */
class ManifestLoadTest {

  @TempDir Path dir;
  final ManifestFixtures.RecordingExec exec = new ManifestFixtures.RecordingExec();
  final Ed25519Signer trustedKey = Ed25519Signer.fromSeed(new byte[32]);
  final Ed25519Signer otherKey = Ed25519Signer.fromSeed(filled(7));

  private static byte[] filled(int b) {
    byte[] s = new byte[32];
    java.util.Arrays.fill(s, (byte) b);
    return s;
  }

  private String trusted() {
    return ",\"exec\":{\"profile\":\"inspect\"},\"trusted_keys\":[\""
        + trustedKey.publicKey().hex() + "\"]";
  }

  private List<Tool> load(String extra) {
    return Manifests.tools(config(dir, extra), c -> exec,
        s -> LoopbackHttp.publicOnly(s, Map.of()));
  }

  private ConfigurationException refused(String code, String file, String pointer) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(trusted()));
    assertEquals(code, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains(dir.resolve(file).toString()), e.getMessage());
    assertTrue(e.getMessage().contains(" at " + pointer + ":"), e.getMessage());
    return e;
  }

  @Test
  void required_T6_1_execAndHttpManifestsLoadAsTools() {
    write(dir, "echo.json", exec("echo_msg", "external", "[\"echo\",\"{msg}\"]"));
    write(dir, "get.json", http("get_item", ManifestFixtures.ECHO_SCHEMA,
        "\"method\":\"GET\",\"url\":\"https://api.example.com/items/{msg}\","
            + "\"allowed_hosts\":[\"example.com\"]"));
    write(dir, "notes.txt", "not a manifest");
    List<Tool> tools = load(trusted());
    assertEquals(List.of("echo_msg", "get_item"),
        tools.stream().map(t -> t.descriptor().name()).toList());
    assertEquals(EffectClass.EXTERNAL, tools.get(0).descriptor().effect());
    assertTrue(!tools.get(0).descriptor().compensable());
    assertEquals(Json.parse(ManifestFixtures.ECHO_SCHEMA), tools.get(1).descriptor()
        .inputSchema());
  }

  @Test
  void required_T6_4_providerRegistersManifestToolsInTheKernelRegistry() {
    write(dir, "get.json", http("get_item", ManifestFixtures.ECHO_SCHEMA,
        "\"method\":\"GET\",\"url\":\"https://api.example.com/items/{msg}\","
            + "\"allowed_hosts\":[\"example.com\"]"));
    var provider = new thymos.tools.ManifestToolProvider();
    assertEquals("manifests", provider.name());
    var registry = thymos.kernel.registry.ToolRegistry.builder()
        .provider(provider, config(dir, "")).build();
    assertEquals(List.of("get_item"), registry.names());
    assertEquals("manifests", registry.providerOf("get_item").orElseThrow());
    assertTrue(registry.validate("get_item", Json.parse("{\"msg\":\"x\"}")).isValid());
    assertTrue(!registry.validate("get_item", Json.parse("{}")).isValid());
  }

  @Test
  void anUnconfiguredProviderLoadsNothing() {
    // present on every runtime's module path, configured by few: {} supplies no tools, while a
    // configuration without folders is still an error naming the pointer
    var provider = new thymos.tools.ManifestToolProvider();
    assertEquals(List.of(), provider.tools(thymos.api.json.JsonObject.EMPTY));
    var e = org.junit.jupiter.api.Assertions.assertThrows(thymos.api.ConfigurationException.class,
        () -> provider.tools((thymos.api.json.JsonObject) Json.parse("{\"trusted_keys\":[]}")));
    assertEquals("THY-T600", e.code());
    assertTrue(e.getMessage().contains("/folders"), e.getMessage());
  }

  @Test
  void required_T6_4_unknownMemberNamesFileAndPointer() {
    String doc = exec("echo_msg", "external", "[\"echo\",\"{msg}\"]")
        .replace("\"output\":\"text\"", "\"output\":\"text\",\"shell\":true");
    write(dir, "bad.json", doc);
    refused("THY-T601", "bad.json", "/run/shell");
    write(dir, "bad.json", exec("echo_msg", "external", "[\"echo\"]")
        .replace("\"compensable\":false", "\"compensable\":false,\"extra\":1"));
    refused("THY-T601", "bad.json", "/extra");
  }

  @Test
  void required_T6_4_formatErrorsNameFileAndPointer() {
    write(dir, "dup.json", "{\"name\":\"a\",\"name\":\"b\"}");
    refused("THY-T601", "dup.json", "/name");
    write(dir, "dup.json", exec("echo_msg", "sideways", "[\"echo\"]"));
    refused("THY-T601", "dup.json", "/effect");
    write(dir, "dup.json", exec("echo_msg", "external", "[\"echo\"]")
        .replace("\"compensable\":false", "\"compensable\":true"));
    refused("THY-T601", "dup.json", "/compensable");
    write(dir, "dup.json", exec("echo_msg", "external", "[\"echo\"]")
        .replace("thymos-tool/v1", "thymos-tool/v2"));
    refused("THY-T601", "dup.json", "/manifest");
  }

  @Test
  void required_T6_2_placeholderNamingAnUndeclaredArgumentIsALoadError() {
    write(dir, "p.json", exec("echo_msg", "external", "[\"echo\",\"{msg}\",\"--to={who}\"]"));
    ConfigurationException e = refused("THY-T602", "p.json", "/run/argv/2");
    assertTrue(e.getMessage().contains("{who}"), e.getMessage());
  }

  @Test
  void required_T6_2_placeholderGrammarAndProgramAreChecked() {
    write(dir, "p.json", exec("echo_msg", "external", "[\"echo\",\"{msg\"]"));
    refused("THY-T602", "p.json", "/run/argv/1");
    write(dir, "p.json", exec("echo_msg", "external", "[\"echo\",\"a}b\"]"));
    refused("THY-T602", "p.json", "/run/argv/1");
    write(dir, "p.json", exec("echo_msg", "external", "[\"{msg}\"]"));
    refused("THY-T602", "p.json", "/run/argv/0");
    write(dir, "p.json", http("get_item", ManifestFixtures.ECHO_SCHEMA,
        "\"method\":\"GET\",\"url\":\"https://{msg}.example.com/\","
            + "\"allowed_hosts\":[\"example.com\"]"));
    refused("THY-T602", "p.json", "/run/url");
    // an optional argument cannot fill a placeholder
    write(dir, "p.json", exec("echo_msg", "external", "[\"echo\",\"{msg}\"]")
        .replace("\"required\":[\"msg\"],", ""));
    refused("THY-T602", "p.json", "/run/argv/1");
  }

  @Test
  void required_T6_2_doubledBracesAreLiteral() {
    write(dir, "b.json", exec("echo_msg", "external", "[\"echo\",\"{{msg}}={msg}\"]"));
    Tool t = load(trusted()).get(0);
    t.execute(ManifestFixtures.context("{\"msg\":\"x\"}"));
    assertEquals(List.of(List.of("echo", "{msg}=x")), exec.calls);
  }

  @Test
  void required_T6_3_execDeclaredPureWithoutSignatureIsRefused() {
    for (String effect : List.of("pure", "read", "write")) {
      write(dir, "pure.json", exec("echo_msg", effect, "[\"echo\",\"{msg}\"]"));
      ConfigurationException e = refused("THY-T603", "pure.json", "/effect");
      assertTrue(e.getMessage().contains(effect), e.getMessage());
    }
    write(dir, "pure.json", http("get_item", ManifestFixtures.ECHO_SCHEMA,
        "\"method\":\"GET\",\"url\":\"https://api.example.com/{msg}\","
            + "\"allowed_hosts\":[\"example.com\"]").replace("\"external\"", "\"read\""));
    refused("THY-T603", "pure.json", "/effect");
  }

  @Test
  void required_T6_3_trustedSignatureMayDeclareALowerClass() {
    write(dir, "pure.json", signed(exec("echo_msg", "pure", "[\"echo\",\"{msg}\"]"),
        trustedKey));
    Tool t = load(trusted()).get(0);
    assertEquals(EffectClass.PURE, t.descriptor().effect());
  }

  @Test
  void required_T6_3_untrustedSignerIsRefused() {
    write(dir, "pure.json", signed(exec("echo_msg", "pure", "[\"echo\",\"{msg}\"]"), otherKey));
    ConfigurationException e = refused("THY-T603", "pure.json", "/signer");
    assertTrue(e.getMessage().contains(otherKey.publicKey().hex()), e.getMessage());
    // even declaring external: a signer the runtime does not trust is refused outright
    write(dir, "pure.json", signed(exec("echo_msg", "external", "[\"echo\"]"), otherKey));
    refused("THY-T603", "pure.json", "/signer");
  }

  @Test
  void required_T6_3_tamperedSignedManifestIsRefused() {
    String good = signed(exec("echo_msg", "pure", "[\"echo\",\"{msg}\"]"), trustedKey);
    write(dir, "t.json", good.replace("[\"echo\",\"{msg}\"]", "[\"rm\",\"{msg}\"]"));
    refused("THY-T603", "t.json", "/signature");
    // a signature moved onto another document's signer member does not verify either
    JsonObject o = (JsonObject) Json.parse(good);
    java.util.Map<String, Json> m = new java.util.LinkedHashMap<>(o.members());
    m.put("signer", otherKey.publicKey().toJson());
    write(dir, "t.json", Json.object(m).canonicalString());
    refused("THY-T603", "t.json", "/signature");
    // a signature without its signer: the pointer names the missing member
    m.remove("signer");
    write(dir, "t.json", Json.object(m).canonicalString());
    refused("THY-T603", "t.json", "/signer");
  }

  @Test
  void required_T6_4_nameDeclaredTwiceNamesBothFiles() {
    write(dir, "a.json", exec("echo_msg", "external", "[\"echo\"]"));
    write(dir, "b.json", exec("echo_msg", "external", "[\"echo\"]"));
    ConfigurationException e = refused("THY-T604", "b.json", "/name");
    assertTrue(e.getMessage().contains(dir.resolve("a.json").toString()), e.getMessage());
  }

  @Test
  void required_T6_4_httpHostMustBeAllowed() {
    write(dir, "h.json", http("get_item", ManifestFixtures.ECHO_SCHEMA,
        "\"method\":\"GET\",\"url\":\"https://evil.example.org/{msg}\","
            + "\"allowed_hosts\":[\"example.com\"]"));
    refused("THY-T601", "h.json", "/run/url");
    write(dir, "h.json", http("get_item", ManifestFixtures.ECHO_SCHEMA,
        "\"method\":\"GET\",\"url\":\"http://127.0.0.1/{msg}\","
            + "\"allowed_hosts\":[\"127.0.0.1\"]"));
    refused("THY-T601", "h.json", "/run/allowed_hosts/0");
    write(dir, "h.json", http("get_item", ManifestFixtures.ECHO_SCHEMA,
        "\"method\":\"GET\",\"url\":\"https://api.example.com/{msg}\","
            + "\"allowed_hosts\":[\"example.com\"],\"body\":{\"a\":\"{msg}\"}"));
    refused("THY-T601", "h.json", "/run/body");
    write(dir, "h.json", http("get_item", ManifestFixtures.ECHO_SCHEMA,
        "\"method\":\"GET\",\"url\":\"https://api.example.com/{msg}\","
            + "\"allowed_hosts\":[\"example.com\"],\"headers\":{\"Host\":\"x\"}"));
    refused("THY-T601", "h.json", "/run/headers/Host");
    write(dir, "h.json", http("get_item", ManifestFixtures.ECHO_SCHEMA,
        "\"method\":\"GET\",\"url\":\"https://api.example.com/{msg}\","
            + "\"allowed_hosts\":[\"example.com\"]"));
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> load(trusted() + ",\"http\":{\"allow\":[\"example.net\"]}"));
    assertEquals("THY-T604", e.code(), e.getMessage());
  }

  @Test
  void required_T6_4_providerConfigIsStrict() {
    for (String bad : List.of("{}", "{\"folders\":[]}", "{\"folders\":[\"/x\"],\"foo\":1}",
        "{\"folders\":[\"/x\"],\"trusted_keys\":[\"ABC\"]}", "{\"folders\":[1]}")) {
      ConfigurationException e = assertThrows(ConfigurationException.class,
          () -> Manifests.tools((JsonObject) Json.parse(bad)), bad);
      assertEquals("THY-T600", e.code(), e.getMessage());
    }
    ConfigurationException badExec = assertThrows(ConfigurationException.class,
        () -> Manifests.tools(config(dir, ",\"exec\":{\"profile\":\"nope\"}")));
    assertEquals("THY-T401", badExec.code(), badExec.getMessage()); // even with no exec manifest
    assertTrue(badExec.getMessage().contains("/exec/profile"), badExec.getMessage());
    ConfigurationException badSandbox = assertThrows(ConfigurationException.class,
        () -> Manifests.tools(config(dir, ",\"sandbox\":{\"roots\":[]}")));
    assertEquals("THY-T301", badSandbox.code(), badSandbox.getMessage());
    ConfigurationException missing = assertThrows(ConfigurationException.class,
        () -> Manifests.tools(config(dir.resolve("nope"), "")));
    assertEquals("THY-T604", missing.code(), missing.getMessage());
    write(dir, "e.json", exec("echo_msg", "external", "[\"echo\"]"));
    ConfigurationException noExec = assertThrows(ConfigurationException.class,
        () -> Manifests.tools(config(dir, ""), c -> exec, s -> LoopbackHttp.publicOnly(s,
            Map.of())));
    assertEquals("THY-T604", noExec.code(), noExec.getMessage());
    assertTrue(noExec.getMessage().contains("/run"), noExec.getMessage());
  }
}
