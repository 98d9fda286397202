package thymos.api.json;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the official vectors; a missing or unreadable folder fails the test, never skips it. */
final class JsonVectors {

  private JsonVectors() {}

  /** {@code <vectors>/jcs}, checked to be a readable folder. */
  static Path jcs() {
    String root = System.getProperty("thymos.vectors");
    if (root == null || root.isBlank()) {
      throw new AssertionError("system property thymos.vectors is not set (surefire sets it)");
    }
    Path jcs = Path.of(root, "jcs");
    if (!Files.isDirectory(jcs) || !Files.isReadable(jcs)) {
      throw new AssertionError("JCS vectors folder missing or unreadable: " + jcs);
    }
    return jcs;
  }
}
