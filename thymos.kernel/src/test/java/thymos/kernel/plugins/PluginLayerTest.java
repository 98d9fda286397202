package thymos.kernel.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.ConfigurationException;
import thymos.api.json.JsonObject;
import thymos.api.model.Decision;
import thymos.api.spi.PolicyProvider;
import thymos.api.spi.ToolProvider;
import thymos.kernel.policy.PolicyEngine;
import thymos.kernel.policy.PolicyProviders;
import thymos.kernel.policy.PolicyProviders.Selection;
import thymos.kernel.registry.ToolRegistry;

/**
 * Plugins found by {@link ServiceLoader} on the module path, for real. Test classes are patched
 * into {@code thymos.kernel}, so a test-only {@code META-INF/services} file is never read; instead
 * this test compiles a small plugin module at test time, with {@code provides} clauses only, puts
 * it in its own {@link ModuleLayer} above the boot layer and lets the kernel load from that layer.
 */
class PluginLayerTest {

  private static final String MODULE = "test.plugin";

  private static final String MODULE_INFO = """
      module test.plugin {
        requires thymos.api;
        provides thymos.api.spi.ToolProvider with test.plugin.LayerTools;
        provides thymos.api.spi.PolicyProvider with test.plugin.LayerPolicies;
      }
      """;

  private static final String TOOLS = """
      package test.plugin;

      import java.util.List;
      import thymos.api.json.JsonObject;
      import thymos.api.model.Budget;
      import thymos.api.model.Delta;
      import thymos.api.model.EffectClass;
      import thymos.api.model.RiskClass;
      import thymos.api.spi.*;

      public final class LayerTools implements ToolProvider {
        public String name() { return "layer-tools"; }
        public String specVersion() { return "1"; }
        public List<Tool> tools(JsonObject config) {
          ToolDescriptor d = new ToolDescriptor("layer_echo", "1", "echoes", JsonObject.EMPTY,
              EffectClass.READ, RiskClass.LOW, false);
          return List.of(new Tool() {
            public ToolDescriptor descriptor() { return d; }
            public Budget estimate(JsonObject args) { return new Budget(0, 1, 0, 0); }
            public ToolOutcome execute(ToolContext c) {
              return ToolResult.of(c.args(), Delta.EMPTY);
            }
          });
        }
      }
      """;

  private static final String POLICIES = """
      package test.plugin;

      import java.util.List;
      import java.util.Map;
      import thymos.api.json.Json;
      import thymos.api.json.JsonObject;
      import thymos.api.model.Decision;
      import thymos.api.spi.*;

      public final class LayerPolicies implements PolicyProvider {
        public String name() { return "layer-policies"; }
        public String specVersion() { return SPEC_VERSION; }
        public List<Policy> policies(JsonObject config) {
          String reason = config.get("reason").map(Object::toString).orElse("none");
          return List.of(new Policy() {
            public String name() { return "layer.deny"; }
            public String version() { return "1"; }
            public JsonObject content() {
              return Json.object(Map.of("name", Json.string("layer.deny"), "reason",
                  Json.string(reason)));
            }
            public Decision evaluate(PolicyContext c) { return new Decision.Deny(reason); }
          });
        }
      }
      """;

  @TempDir static Path dir;
  private static ModuleLayer layer;

  /** Compiles the plugin module against the modules the tests run with, and defines its layer. */
  @BeforeAll
  static void compilePluginIntoItsOwnLayer() throws IOException {
    Path src = dir.resolve("src").resolve(MODULE);
    Path pkg = src.resolve("test").resolve("plugin");
    Files.createDirectories(pkg);
    Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
    Files.writeString(pkg.resolve("LayerTools.java"), TOOLS);
    Files.writeString(pkg.resolve("LayerPolicies.java"), POLICIES);
    Path out = dir.resolve("out").resolve(MODULE);

    // java.util.spi.ToolProvider (java.base), not javax.tools: the kernel module does not read
    // java.compiler, and test code patched into it cannot add that edge without build flags.
    java.util.spi.ToolProvider javac = java.util.spi.ToolProvider.findFirst("javac").orElse(null);
    assertNotNull(javac, "tests need a JDK with module jdk.compiler, not a JRE");
    ModuleLayer boot = ToolRegistry.class.getModule().getLayer();
    // Everything the tests resolved from files (thymos.api and what it requires); not the JDK.
    String modulePath = boot.configuration().modules().stream()
        .map(m -> m.reference().location().orElse(null))
        .filter(u -> u != null && "file".equals(u.getScheme()))
        .map(u -> Path.of(u).toString()).distinct()
        .collect(Collectors.joining(java.io.File.pathSeparator));
    List<String> args = new ArrayList<>(List.of("--module-path", modulePath, "-d",
        out.toString(), "-encoding", "UTF-8", "-Xlint:none"));
    try (var files = Files.walk(src)) {
      files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).forEach(args::add);
    }
    StringWriter diagnostics = new StringWriter();
    PrintWriter pw = new PrintWriter(diagnostics);
    int rc = javac.run(pw, pw, args.toArray(String[]::new));
    assertEquals(0, rc, "plugin module does not compile:\n" + diagnostics);

    Configuration cf = boot.configuration().resolve(ModuleFinder.of(out), ModuleFinder.of(),
        Set.of(MODULE));
    layer = boot.defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader());
  }

  @Test
  void pluginIsANamedModuleInItsOwnLayerWithoutServicesFiles() {
    Module plugin = layer.findModule(MODULE).orElseThrow();
    assertEquals(Set.of("thymos.api.spi.ToolProvider", "thymos.api.spi.PolicyProvider"),
        plugin.getDescriptor().provides().stream()
            .map(java.lang.module.ModuleDescriptor.Provides::service).collect(Collectors.toSet()));
    assertTrue(layer.configuration().findModule(MODULE).map(ResolvedModule::reference)
        .flatMap(r -> r.location()).map(URI::getScheme).filter("file"::equals).isPresent());
    assertTrue(Files.notExists(dir.resolve("out").resolve(MODULE).resolve("META-INF")));
  }

  @Test
  void required_T1_1_toolRegistryLoadsToolProvidersFromAModuleLayer() {
    ToolRegistry r = ToolRegistry.builder().serviceLoaded(layer, JsonObject.EMPTY).build();
    assertEquals(List.of("layer_echo"), r.names());
    assertEquals("layer-tools", r.providerOf("layer_echo").orElseThrow());
    assertEquals(MODULE, r.find("layer_echo").orElseThrow().getClass().getModule().getName());
  }

  @Test
  void required_P1_policyProvidersAreSelectedByNameFromAModuleLayer() {
    PolicyEngine engine = PolicyProviders.serviceLoaded(layer, List.of(new Selection(
        "layer-policies", (JsonObject) thymos.api.json.Json.parse("{\"reason\":\"layered\"}"))));
    assertEquals(List.of("layer.deny"), engine.policies().stream().map(p -> p.name()).toList());
    assertEquals(MODULE, engine.policies().getFirst().getClass().getModule().getName());
    var decision = engine.policies().getFirst().evaluate(null);
    assertEquals(new Decision.Deny("\"layered\""), decision);
  }

  @Test
  void required_P1_unknownNameInTheLayerListsWhatTheLayerOffers() {
    var e = assertThrows(ConfigurationException.class, () -> PolicyProviders.serviceLoaded(layer,
        List.of(Selection.of("layer-policy"))));
    assertEquals(3, e.candidates().size(), e.candidates().toString()); // builtin, bundle, plugin
    assertTrue(e.candidates().get(2).startsWith("layer-policies (spec 1, test.plugin."),
        e.candidates().toString());
  }

  @Test
  void theBootLayerAloneDoesNotSeeThePlugin() {
    assertEquals(List.of(), ToolRegistry.builder().serviceLoaded(JsonObject.EMPTY).build().names());
    assertThrows(ConfigurationException.class,
        () -> PolicyProviders.serviceLoaded(List.of(Selection.of("layer-policies"))));
    assertEquals(1, ServiceLoader.load(layer, PolicyProvider.class).stream().count());
    assertEquals(1, ServiceLoader.load(layer, ToolProvider.class).stream().count());
  }
}
