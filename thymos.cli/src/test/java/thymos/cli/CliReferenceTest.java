package thymos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * docs/cli.md is the {@code --help} of every command, verbatim: each {@code ## thymos …} section's
 * block must be what that command prints now, so the reference cannot drift from the options.
 * (Regenerate a section with {@code ./thymos <command> --help}.)
 */
class CliReferenceTest {

  private static final Pattern SECTION = Pattern.compile(
      "(?m)^## thymos ?([^\\n]*)\\n\\n```\\n(.*?)```", Pattern.DOTALL);

  @TestFactory
  Stream<DynamicTest> everyCommandSectionIsItsHelp() throws IOException {
    String doc = Files.readString(Path.of("../docs/cli.md"));
    Matcher m = SECTION.matcher(doc);
    List<DynamicTest> tests = new ArrayList<>();
    while (m.find()) {
      String command = m.group(1).strip();
      String expected = m.group(2);
      List<String> args = new ArrayList<>(command.isEmpty() ? List.of()
          : Arrays.asList(command.split(" ")));
      args.add("--help");
      tests.add(DynamicTest.dynamicTest("docs/cli.md: thymos " + command + " --help", () -> {
        Cli.Result r = Cli.raw(args.toArray(String[]::new));
        assertEquals(Main.OK, r.code(), r::toString);
        assertEquals(strip(expected), strip(r.out()),
            "docs/cli.md section '## thymos " + command + "' differs from --help; regenerate it");
      }));
    }
    assertTrue(tests.size() >= 20, "sections found: " + tests.size());
    return tests.stream();
  }

  private static String strip(String text) {
    return text.lines().map(String::stripTrailing).reduce("", (a, b) -> a + b + "\n").strip();
  }
}
