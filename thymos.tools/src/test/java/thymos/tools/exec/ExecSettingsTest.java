package thymos.tools.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import thymos.api.ConfigurationException;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.EffectClass;
import thymos.api.model.RiskClass;
import thymos.api.spi.Tool;
import thymos.tools.BuiltinToolProvider;

/** The {@code exec} configuration (T4.2) and its registration by the {@code builtin} provider. */
class ExecSettingsTest {

  static ExecSettings read(String json) {
    return ExecSettings.fromJson((JsonObject) Json.parse(json), "/exec");
  }

  @Test
  void required_T4_2_builtInProfilesAndDefaults() {
    ExecSettings s = read("{\"profile\":\"inspect\"}");
    assertEquals(List.of("ls", "cat", "head", "tail", "wc", "grep", "find", "git"),
        s.programs());
    assertEquals(30_000, s.timeoutMs());
    assertEquals(65_536, s.maxOutputBytes());
    assertEquals(1, s.workers());
    assertEquals(List.of("/usr/local/bin", "/usr/bin", "/bin"), s.path());
    ExecSettings b = read("{\"profile\":\"build\",\"workers\":2,\"timeout_ms\":1000}");
    assertTrue(b.programs().containsAll(List.of("ls", "git", "mvn", "javac", "java", "npm",
        "node", "make")));
    assertEquals(2, b.workers());
    assertEquals(List.of("echo"), read("{\"profile\":\"mine\",\"profiles\":{\"mine\":"
        + "[\"echo\"]}}").programs());
  }

  @Test
  void required_T4_2_configurationIsStrict() {
    for (String bad : List.of("{}", "{\"profile\":\"nope\"}", "{\"profile\":\"inspect\","
            + "\"shell\":true}", "{\"profile\":\"p\",\"profiles\":{\"p\":[\"/bin/sh\"]}}",
        "{\"profile\":\"p\",\"profiles\":{\"p\":[\"..\"]}}",
        "{\"profile\":\"p\",\"profiles\":{\"p\":\"sh\"}}",
        "{\"profile\":\"inspect\",\"timeout_ms\":0}",
        "{\"profile\":\"inspect\",\"max_output_bytes\":2000000}",
        "{\"profile\":\"inspect\",\"workers\":0}", "{\"profile\":\"inspect\",\"path\":\"bin\"}",
        "{\"profile\":\"inspect\",\"path\":\"/bin::/usr/bin\"}")) {
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(bad), bad);
      assertEquals("THY-T401", e.code(), e.getMessage());
      assertTrue(e.getMessage().contains("/exec/"), e.getMessage());
    }
  }

  @Test
  void required_T4_execRegisteredOnlyWhenConfigured() throws Exception {
    BuiltinToolProvider p = new BuiltinToolProvider();
    assertTrue(p.tools(JsonObject.EMPTY).stream()
        .noneMatch(t -> t.descriptor().name().equals("exec")));
    Tool exec = p.tools((JsonObject) Json.parse("{\"exec\":{\"profile\":\"inspect\"}}"))
        .stream().filter(t -> t.descriptor().name().equals("exec")).findFirst().orElseThrow();
    assertEquals(EffectClass.EXTERNAL, exec.descriptor().effect());
    assertEquals(RiskClass.HIGH, exec.descriptor().risk());
    assertTrue(!exec.descriptor().compensable());
    ((AutoCloseable) exec).close();
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> p.tools((JsonObject) Json.parse("{\"exec\":\"inspect\"}")));
    assertEquals("THY-T200", e.code());
    ConfigurationException unknown = assertThrows(ConfigurationException.class,
        () -> p.tools((JsonObject) Json.parse("{\"shell\":{}}")));
    assertTrue(unknown.getMessage().contains("exec"), unknown.getMessage());
  }
}
