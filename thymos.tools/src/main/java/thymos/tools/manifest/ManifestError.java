package thymos.tools.manifest;

import java.nio.file.Path;
import java.util.List;
import thymos.api.ConfigurationException;

/** Builds the configuration errors of T6.4: a THY-T6xx code naming the file and JSON pointer. */
final class ManifestError {

  /** The format of a manifest: unparsable, unknown or missing member, wrong type (T6.1). */
  static final String FORMAT = "THY-T601";
  /** A placeholder error (T6.2). */
  static final String PLACEHOLDER = "THY-T602";
  /** Effect class below {@code external} without trust, or a bad signature (T6.3). */
  static final String TRUST = "THY-T603";
  /** Folders and files: unreadable, not a folder, too large, a name used twice (T6.4). */
  static final String LOAD = "THY-T604";
  /** The provider's configuration (T6.4). */
  static final String CONFIG = "THY-T600";

  private ManifestError() {}

  static ConfigurationException at(String code, Path file, String pointer, String detail,
      Throwable cause) {
    String rule = switch (code) {
      case FORMAT -> "T6.1";
      case PLACEHOLDER -> "T6.2";
      case TRUST -> "T6.3";
      default -> "T6.4";
    };
    return new ConfigurationException(code, rule, "manifest " + file + " at "
        + (pointer.isEmpty() ? "/" : pointer) + ": " + detail, List.of(), cause);
  }

  /** A problem found while reading one manifest, before the file name is attached. */
  static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String code;
    final String pointer;

    Problem(String code, String pointer, String detail) {
      super(detail, null, false, false);
      this.code = code;
      this.pointer = pointer;
    }
  }
}
