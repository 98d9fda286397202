package thymos.kernel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static thymos.kernel.registry.TestTools.tool;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import thymos.api.ConfigurationException;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.spi.ToolDescriptor;
import thymos.kernel.registry.TestTools.FixedProvider;

class ToolRegistryTest {

  @Test
  void required_T1_2_twoProvidersSupplyingOneNameAreRefusedNamingBoth() {
    var a = new FixedProvider("alpha", tool("kv_get"));
    var b = new FixedProvider("beta", tool("fs_read"), tool("kv_get"));
    var builder = ToolRegistry.builder().provider(a, JsonObject.EMPTY);
    var e = assertThrows(ConfigurationException.class, () -> builder.provider(b, JsonObject.EMPTY));
    assertEquals("THY-T102", e.code());
    assertEquals(List.of("alpha", "beta"), e.candidates());
    assertTrue(e.getMessage().contains("\"kv_get\""), e.getMessage());
    assertTrue(e.getMessage().contains("alpha") && e.getMessage().contains("beta"));
  }

  @Test
  void required_T1_2_explicitToolClashingWithProviderToolNamesBoth() {
    var p = new FixedProvider("builtin", tool("kv_put"));
    var e = assertThrows(ConfigurationException.class, () -> ToolRegistry.builder()
        .tool(tool("kv_put")).providers(List.of(p), JsonObject.EMPTY).build());
    assertEquals(List.of(ToolRegistry.EXPLICIT, "builtin"), e.candidates());
  }

  @Test
  void lookupFindsRegisteredToolAndItsProviderAndNothingElse() {
    var t = tool("kv_get");
    var r = ToolRegistry.builder().provider(new FixedProvider("p", t), JsonObject.EMPTY)
        .tool(tool("fs_read")).build();
    assertEquals(t, r.find("kv_get").orElseThrow());
    assertEquals("p", r.providerOf("kv_get").orElseThrow());
    assertEquals(ToolRegistry.EXPLICIT, r.providerOf("fs_read").orElseThrow());
    assertTrue(r.find("kv_put").isEmpty());
    assertEquals(List.of("fs_read", "kv_get"), r.names());
  }

  @Test
  void required_T1_1_serviceLoaderIsDeclaredAndFindsNoToolInTheKernelAlone() {
    // Throws ServiceConfigurationError if module-info lacks `uses thymos.api.spi.ToolProvider`.
    var r = ToolRegistry.builder().serviceLoaded(JsonObject.EMPTY).build();
    assertEquals(List.of(), r.names());
  }

  @Test
  void providersReceiveTheConfigMemberNamedAfterThemOrAnEmptyObject() {
    var a = new FixedProvider("alpha", tool("a_tool"));
    var b = new FixedProvider("beta", tool("b_tool"));
    var configs = (JsonObject) Json.parse("{\"alpha\":{\"root\":\"/tmp\"}}");
    ToolRegistry.builder().providers(List.of(a, b), configs).build();
    assertEquals(Json.parse("{\"root\":\"/tmp\"}"), a.openedWith);
    assertEquals(JsonObject.EMPTY, b.openedWith);
  }

  @Test
  void aProviderConfigThatIsNotAnObjectIsAConfigurationError() {
    var a = new FixedProvider("alpha", tool("a_tool"));
    var configs = (JsonObject) Json.parse("{\"alpha\":3}");
    var e = assertThrows(ConfigurationException.class,
        () -> ToolRegistry.builder().providers(List.of(a), configs));
    assertTrue(e.getMessage().contains("alpha"), e.getMessage());
  }

  @Test
  void required_C2_9_reachableToolsAreThoseAScopeMatches() {
    var r = ToolRegistry.builder().tool(tool("kv_get")).tool(tool("kv_put"))
        .tool(tool("fs_read")).tool(tool("kvx")).build();
    assertEquals(List.of("kv_get", "kv_put"), names(r.reachable(List.of("kv_*"))));
    assertEquals(List.of("fs_read", "kv_put"), names(r.reachable(List.of("kv_put", "fs_read"))));
    assertEquals(List.of("fs_read", "kv_get", "kv_put", "kvx"), names(r.reachable(List.of("*"))));
    assertEquals(List.of(), names(r.reachable(List.of())));
    assertEquals(List.of(), names(r.reachable(List.of("kv_del", "fs_w*"))));
  }

  @Test
  void required_X10_1_cognitionSeesNameDescriptionSchemaEffectAndRiskOfReachableTools() {
    var r = ToolRegistry.builder().tool(tool("kv_get")).tool(tool("fs_read")).build();
    var view = r.cognitionView(List.of("kv_*"));
    assertEquals(1, view.size());
    JsonObject o = view.get(0);
    assertEquals(Set.of("name", "description", "input_schema", "effect", "risk"),
        o.members().keySet());
    assertEquals(Json.string("kv_get"), o.get("name").orElseThrow());
    assertEquals(Json.string("read"), o.get("effect").orElseThrow());
    assertEquals(Json.string("low"), o.get("risk").orElseThrow());
  }

  @Test
  void required_C2_12_validatingForAnUnknownToolIsABrokenContract() {
    var r = ToolRegistry.builder().build();
    assertThrows(IllegalArgumentException.class, () -> r.validate("nope", JsonObject.EMPTY));
  }

  private static List<String> names(List<ToolDescriptor> ds) {
    return ds.stream().map(ToolDescriptor::name).toList();
  }
}
