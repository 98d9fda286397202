package thymos.tools.sandbox;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import thymos.api.ConfigurationException;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/** Reads a sandbox's JSON configuration strictly (T3.1, T3.3). */
final class SandboxConfig {

  private SandboxConfig() {}

  static Sandbox read(JsonObject config, String pointer) {
    SandboxBuilder b = Sandbox.builder();
    try {
      StrictObject o = StrictObject.of(config, pointer);
      JsonArray roots = o.array("roots");
      for (String r : strings(roots, o.pointer("roots"))) {
        try {
          b.root(Path.of(r));
        } catch (InvalidPathException e) {
          throw new ProtocolViolation("T3.1", o.pointer("roots"), "not a path: " + r);
        }
      }
      o.optBool("allow_links").ifPresent(b::allowLinks);
      o.optRead("deny", (v, at) -> strings(array(v, at), at)).ifPresent(b::deny);
      o.optRead("deny_write", (v, at) -> strings(array(v, at), at)).ifPresent(b::denyWrite);
      o.optNonNegative("max_read_bytes").ifPresent(b::maxReadBytes);
      o.optNonNegative("max_write_bytes").ifPresent(b::maxWriteBytes);
      o.end();
    } catch (ProtocolViolation e) {
      String m = e.getMessage();
      throw new ConfigurationException("THY-T301", "T3.1",
          "sandbox configuration " + m.substring(m.indexOf("] ") + 2), List.of(), e);
    }
    return b.build();
  }

  private static JsonArray array(Json v, String at) {
    if (v instanceof JsonArray a) {
      return a;
    }
    throw StrictObject.wrongType(at, "array", v);
  }

  private static List<String> strings(JsonArray a, String at) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      out.add(StrictObject.asString(a.get(i), StrictObject.child(at, i)));
    }
    return out;
  }
}
