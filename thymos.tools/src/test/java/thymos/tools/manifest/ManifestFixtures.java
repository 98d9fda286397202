package thymos.tools.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.World;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;

/** Manifest documents, files, signatures and a recording exec runner for the T6 tests. */
final class ManifestFixtures {

  static final String ECHO_SCHEMA = "{\"type\":\"object\",\"additionalProperties\":false,"
      + "\"required\":[\"msg\"],\"properties\":{\"msg\":{\"type\":\"string\"}}}";

  private ManifestFixtures() {}

  /** An exec manifest running {@code argv} with the echo schema. */
  static String exec(String name, String effect, String argvJson) {
    return "{\"manifest\":\"thymos-tool/v1\",\"name\":\"" + name + "\",\"version\":\"1\","
        + "\"description\":\"test\",\"input_schema\":" + ECHO_SCHEMA + ",\"effect\":\"" + effect
        + "\",\"risk\":\"low\",\"compensable\":false,\"run\":{\"kind\":\"exec\",\"argv\":"
        + argvJson + ",\"timeout_ms\":5000,\"output\":\"text\"}}";
  }

  /** An http manifest with {@code schema} and the given run members. */
  static String http(String name, String schema, String runMembers) {
    return "{\"manifest\":\"thymos-tool/v1\",\"name\":\"" + name + "\",\"version\":\"1\","
        + "\"description\":\"test\",\"input_schema\":" + schema + ",\"effect\":\"external\","
        + "\"risk\":\"medium\",\"compensable\":false,\"run\":{\"kind\":\"http\"," + runMembers
        + ",\"timeout_ms\":5000}}";
  }

  /** {@code doc} with {@code signer} added and signed: {@code sign("manifest", doc)} (E4.3). */
  static String signed(String doc, Ed25519Signer signer) {
    Map<String, Json> m = new LinkedHashMap<>(((JsonObject) Json.parse(doc)).members());
    m.put("signer", signer.publicKey().toJson());
    JsonObject unsigned = Json.object(m);
    m.put("signature", Ed25519.sign(signer, DocType.MANIFEST, unsigned).toJson());
    return Json.object(m).canonicalString();
  }

  static Path write(Path folder, String file, String text) {
    try {
      return Files.writeString(folder.resolve(file), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject config(Path folder, String extra) {
    return (JsonObject) Json.parse("{\"folders\":[" + Json.string(folder.toString()) + "]"
        + extra + "}");
  }

  static ToolContext context(String args) {
    return new ToolContext((JsonObject) Json.parse(args), World.EMPTY,
        Hash32.of(new byte[Hash32.LENGTH]), Long.MAX_VALUE, ToolContext.Cancellation.NEVER,
        Optional.empty());
  }

  /** Records every argv it is given and answers exit 0 with empty output; spawns nothing. */
  static final class RecordingExec implements ExecRunner {
    final List<List<String>> calls = new ArrayList<>();

    @Override
    public ToolOutcome run(List<String> argv, Optional<String> cwd, long timeoutMs,
        ToolContext context) {
      calls.add(List.copyOf(argv));
      return ToolResult.of(Json.parse("{\"exit_code\":0,\"stdout\":\"\",\"stderr\":\"\"}"),
          thymos.api.model.Delta.EMPTY);
    }
  }
}
