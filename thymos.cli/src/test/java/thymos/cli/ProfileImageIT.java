package thymos.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image that {@code ./mvnw -Pimage package} links runs the main job. Runs only in that
 * profile (failsafe excludes it otherwise, so it is never a skipped test); the default build
 * links and runs an image of its own in {@link CustomRuntimeIT}.
 */
class ProfileImageIT {

  @TempDir
  Path dir;

  @Test
  @DisplayName("the image of ./mvnw -Pimage package runs the demo with replay: verified")
  void profileImage() throws Exception {
    Path image = Path.of(System.getProperty("thymos.image"));
    assertTrue(Files.isExecutable(image.resolve("bin/thymos")), image::toString);
    CustomRuntimeIT.assertDemoRuns(dir, image);
  }
}
