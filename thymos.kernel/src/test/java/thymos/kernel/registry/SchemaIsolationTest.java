package thymos.kernel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static thymos.kernel.registry.TestTools.tool;

import com.networknt.schema.SchemaLocation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.ConfigurationException;
import thymos.api.json.Json;

/**
 * What the validator library may reach and what its results depend on (T1.1, C2 stage 12):
 * nothing outside the schema document and the bundled 2020-12 meta-schemas, and not the JVM's
 * locale, nor another tool's schema.
 */
class SchemaIsolationTest {

  /** A loopback socket that counts as fetched if anything connects within the wait. */
  private static boolean connected(ServerSocket server) throws IOException {
    server.setSoTimeout(300);
    try (var s = server.accept()) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  @Test
  void required_T1_1_aRemoteRefIsRefusedAndNothingIsFetched() throws IOException {
    try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + server.getLocalPort() + "/schema.json";
      var e = assertThrows(ConfigurationException.class, () -> ToolRegistry.builder()
          .tool(tool("remote", "{\"properties\":{\"a\":{\"$ref\":\"" + url + "\"}}}")));
      assertEquals("THY-T101", e.code());
      assertTrue(e.getMessage().contains("/properties/a/$ref [$ref]")
          && e.getMessage().contains(url), e.getMessage());
      assertTrue(!connected(server), "the validator connected to " + url);
    }
  }

  @Test
  void required_T1_1_theLibrarysLoaderItselfFetchesNothingButTheBundledMetaSchemas()
      throws IOException {
    // Defence in depth below the registration policy: the loader refuses other locations.
    try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + server.getLocalPort() + "/schema.json";
      assertThrows(RuntimeException.class,
          () -> JsonSchemaLoader.registry().getSchema(SchemaLocation.of(url)));
      assertTrue(!connected(server), "the validator connected to " + url);
    }
    var meta = JsonSchemaLoader.registry().getSchema(
        SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    assertTrue(meta.validate(JacksonTrees.of(Json.parse("{\"type\":3}"))).size() > 0);
  }

  @Test
  void required_T1_1_aFileRefIsRefusedEvenWhenTheFileHoldsAValidSchema(@TempDir Path dir)
      throws IOException {
    Path file = Files.writeString(dir.resolve("s.json"), "{\"type\":\"string\"}");
    var e = assertThrows(ConfigurationException.class, () -> ToolRegistry.builder()
        .tool(tool("local", "{\"$ref\":\"" + file.toUri() + "\"}")));
    assertTrue(e.getMessage().contains("/$ref [$ref]"), e.getMessage());
    assertThrows(RuntimeException.class,
        () -> JsonSchemaLoader.registry().getSchema(SchemaLocation.of(file.toUri().toString())));
  }

  @Test
  void required_C2_12_messagesDoNotDependOnTheJvmLocale() {
    var r = ToolRegistry.builder().tool(tool("t",
        "{\"type\":\"object\",\"required\":[\"a\"],\"properties\":{\"n\":{\"maximum\":3}}}"))
        .build();
    Json args = Json.parse("{\"n\":4}");
    Locale before = Locale.getDefault();
    List<SchemaError> root;
    List<SchemaError> german;
    try {
      Locale.setDefault(Locale.ROOT);
      root = r.validate("t", args).errors();
      Locale.setDefault(Locale.GERMANY);
      german = r.validate("t", args).errors();
    } finally {
      Locale.setDefault(before);
    }
    assertEquals(root, german);
    assertEquals(2, root.size(), root::toString);
  }

  @Test
  void required_T1_1_twoToolsWithOneIdKeepTheirOwnSchemas() {
    var r = ToolRegistry.builder()
        .tool(tool("a", "{\"$id\":\"urn:thymos:same\",\"type\":\"string\"}"))
        .tool(tool("b", "{\"$id\":\"urn:thymos:same\",\"type\":\"integer\"}"))
        .tool(tool("c", "{\"$id\":\"https://json-schema.org/draft/2020-12/schema\","
            + "\"type\":\"boolean\"}"))
        .build();
    assertTrue(r.validate("a", Json.string("x")).isValid());
    assertTrue(r.validate("b", Json.integer(1)).isValid());
    assertEquals("type", r.validate("a", Json.integer(1)).errors().get(0).keyword());
    assertEquals("type", r.validate("b", Json.string("x")).errors().get(0).keyword());
    // The meta-schema used for the next registration is still the bundled one.
    assertThrows(ConfigurationException.class,
        () -> ToolRegistry.builder().tool(tool("d", "{\"type\":\"str\"}")));
  }

  @Test
  void required_C2_12_sameArgsGiveEqualErrorsEveryTime() {
    var r = ToolRegistry.builder().tool(tool("t", "{\"properties\":{\"x\":{\"type\":\"string\","
        + "\"minLength\":2,\"pattern\":\"^a\"}},\"additionalProperties\":false}")).build();
    Json args = Json.parse("{\"x\":\"b\",\"y\":1,\"z\":2}");
    var first = r.validate("t", args).errors();
    for (int i = 0; i < 20; i++) {
      assertEquals(first, r.validate("t", args).errors());
    }
    assertEquals(4, first.size(), first::toString);
  }
}
