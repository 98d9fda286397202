package thymos.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.ConfigurationException;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolProvider;

class BuiltinToolProviderTest {

  @TempDir Path root;

  private JsonObject config(String sandboxMembers) {
    return (JsonObject) Json.parse("{\"sandbox\":{\"roots\":[" + Json.string(root.toString())
        + "]" + sandboxMembers + "}}");
  }

  @Test
  void required_T2_suppliesTheFourBuiltins() {
    BuiltinToolProvider p = new BuiltinToolProvider();
    assertEquals("builtin", p.name());
    assertEquals("1", p.specVersion());
    List<String> names = p.tools(config("")).stream().map(t -> t.descriptor().name()).toList();
    assertEquals(List.of("kv_get", "kv_put", "fs_read", "fs_write", "fs_patch", "fs_list",
        "fs_search"), names);
    assertEquals(7, p.tools(JsonObject.EMPTY).size()); // no sandbox: fs tools refuse every path
  }

  @Test
  void required_T3_1_configIsStrict() {
    BuiltinToolProvider p = new BuiltinToolProvider();
    ConfigurationException top = assertThrows(ConfigurationException.class,
        () -> p.tools((JsonObject) Json.parse("{\"sandbx\":{}}")));
    assertEquals("THY-T200", top.code());
    assertTrue(top.getMessage().contains("sandbx"), top.getMessage());
    ConfigurationException inner = assertThrows(ConfigurationException.class,
        () -> p.tools(config(",\"max_read\":5")));
    assertEquals("THY-T301", inner.code());
    assertTrue(inner.getMessage().contains("/sandbox/max_read"), inner.getMessage());
    assertEquals("THY-T200", assertThrows(ConfigurationException.class,
        () -> p.tools((JsonObject) Json.parse("{\"sandbox\":[]}"))).code());
    assertEquals("THY-T301", assertThrows(ConfigurationException.class,
        () -> p.tools((JsonObject) Json.parse("{\"sandbox\":{}}"))).code());
  }

  @Test
  void providesAndServiceFileAgree() throws IOException {
    ModuleDescriptor d = BuiltinToolProvider.class.getModule().getDescriptor();
    assertEquals("thymos.tools", d.name());
    List<String> declared = d.provides().stream()
        .filter(x -> x.service().equals(ToolProvider.class.getName()))
        .flatMap(x -> x.providers().stream()).toList();
    String file;
    try (InputStream in = BuiltinToolProvider.class.getModule()
        .getResourceAsStream("META-INF/services/" + ToolProvider.class.getName())) {
      file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(declared, file.lines().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
    assertEquals(List.of(BuiltinToolProvider.class.getName(),
        ManifestToolProvider.class.getName()), declared);
  }

  @Test
  void toolsRegisterInTheKernelRegistry() {
    var registry = thymos.kernel.registry.ToolRegistry.builder()
        .provider(new BuiltinToolProvider(), config("")).build();
    assertEquals(List.of("fs_list", "fs_patch", "fs_read", "fs_search", "fs_write", "kv_get",
        "kv_put"), registry.names());
    for (String n : registry.names()) {
      assertEquals("builtin", registry.providerOf(n).orElseThrow());
    }
    Tool w = registry.find("fs_write").orElseThrow();
    assertTrue(registry.validate("fs_write",
        Json.parse("{\"path\":\"a\",\"content\":\"b\"}")).isValid());
    assertTrue(!registry.validate("fs_write", Json.parse("{\"path\":\"a\"}")).isValid());
    assertTrue(!registry.validate("fs_read", Json.parse("{\"path\":\"\"}")).isValid());
    assertTrue(w.descriptor().compensable());
  }

  @Test
  void required_T5_httpFetchOnlyWhenConfigured() {
    BuiltinToolProvider p = new BuiltinToolProvider();
    assertTrue(p.tools(config("")).stream().noneMatch(t -> t.descriptor().name()
        .equals("http_fetch")));
    JsonObject withHttp = (JsonObject) Json.parse(
        "{\"http\":{\"allow\":[\"example.com\"],\"max_bytes\":4096}}");
    var registry = thymos.kernel.registry.ToolRegistry.builder().provider(p, withHttp).build();
    assertTrue(registry.names().contains("http_fetch"), registry.names().toString());
    assertTrue(registry.validate("http_fetch",
        Json.parse("{\"url\":\"https://example.com/\"}")).isValid());
    assertTrue(!registry.validate("http_fetch",
        Json.parse("{\"url\":\"https://example.com/\",\"method\":\"POST\"}")).isValid());
    assertEquals(thymos.api.model.EffectClass.EXTERNAL,
        registry.find("http_fetch").orElseThrow().descriptor().effect());
  }

  @Test
  void required_T5_httpConfigIsStrict() {
    BuiltinToolProvider p = new BuiltinToolProvider();
    for (String bad : List.of("{\"http\":{\"allow_private\":true}}",
        "{\"http\":{\"allow\":[\"example.com.\"]}}", "{\"http\":{\"max_redirects\":6}}",
        "{\"http\":{\"max_bytes\":0}}")) {
      ConfigurationException e = assertThrows(ConfigurationException.class,
          () -> p.tools((JsonObject) Json.parse(bad)), bad);
      assertEquals("THY-T501", e.code(), e.getMessage());
      assertTrue(e.getMessage().contains("/http/"), e.getMessage());
    }
    assertEquals("THY-T200", assertThrows(ConfigurationException.class,
        () -> p.tools((JsonObject) Json.parse("{\"http\":[]}"))).code());
  }
}
