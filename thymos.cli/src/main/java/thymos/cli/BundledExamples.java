package thymos.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleReader;
import java.lang.module.ResolvedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import thymos.api.ConfigurationException;

/**
 * The examples built into the CLI module (copied from the repository's {@code examples/} at build
 * time, under {@value #ROOT}), so {@code thymos demo} works from any folder and from a jlink image,
 * where no checkout is at hand. Read through the module's own {@link ModuleReader}, which lists a
 * jar and an image's {@code lib/modules} alike.
 */
final class BundledExamples {

  /** Not a package name, so the resources are neither a split package nor encapsulated. */
  static final String ROOT = "META-INF/thymos/examples/";

  private BundledExamples() {}

  /**
   * Copies the bundled example {@code name} into a new temporary folder and returns it; the caller
   * deletes it with {@link #delete}.
   *
   * @throws ConfigurationException {@code THY-C001} when no example of that name is bundled
   */
  static Path extract(String name) {
    String prefix = ROOT + name + "/";
    try (ModuleReader reader = moduleReader()) {
      List<String> files;
      try (Stream<String> all = reader.list()) {
        files = all.filter(f -> f.startsWith(prefix) && !f.endsWith("/")).sorted().toList();
      }
      if (files.isEmpty()) {
        throw new ConfigurationException("THY-C001", null, "no example '" + name
            + "' is built into this thymos; give an example folder instead", List.of(), null);
      }
      Path dir = Files.createTempDirectory("thymos-example-");
      for (String f : files) {
        Path target = dir.resolve(f.substring(prefix.length())).normalize();
        if (!target.startsWith(dir)) {
          continue; // a name with ".." cannot come from our build; never write outside dir
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = reader.open(f).orElseThrow()) {
          Files.copy(in, target);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new ConfigurationException("THY-C002", null, "cannot unpack the built-in example '"
          + name + "': " + e.getMessage(), List.of(), e);
    }
  }

  /** Deletes a folder {@link #extract} made; a failure leaves a temporary folder behind only. */
  static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException | UncheckedIOException e) {
      // a temporary folder left behind is harmless; the demo's outcome stands
    }
  }

  private static ModuleReader moduleReader() throws IOException {
    Module self = BundledExamples.class.getModule();
    if (!self.isNamed() || self.getLayer() == null) {
      throw new IOException("the CLI is not running as the named module thymos.cli");
    }
    ResolvedModule resolved = self.getLayer().configuration().findModule(self.getName())
        .orElseThrow(() -> new IOException("module " + self.getName() + " is not resolved"));
    return resolved.reference().open();
  }
}
