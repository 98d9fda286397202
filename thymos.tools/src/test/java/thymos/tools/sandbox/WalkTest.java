package thymos.tools.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.spi.ToolFailure.Kind;

/** {@link Sandbox#walk} (T3.5): no links followed, denied paths skipped, bounded. */
class WalkTest {

  @TempDir Path tmp;
  Path root;
  Path outside;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("root"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("o.txt"), "o");
    Files.createDirectories(root.resolve("d/e"));
    Files.writeString(root.resolve("d/e/f.txt"), "f");
    Files.writeString(root.resolve("d/.env"), "x");
    Files.createDirectories(root.resolve(".ssh"));
    Files.writeString(root.resolve(".ssh/k"), "k");
    Files.writeString(root.resolve("b.txt"), "bb");
    Files.createSymbolicLink(root.resolve("out"), outside);
    Files.createSymbolicLink(root.resolve("in"), root.resolve("d"));
  }

  private static List<String> keys(Sandbox s, String path, int depth, long names,
      List<Walk.Summary> summary) throws Exception {
    List<String> out = new ArrayList<>();
    SandboxPath at = s.resolve(path, Access.READ);
    summary.add(s.walk(at, depth, names, e -> {
      out.add(e.path().key() + ":" + e.type() + ":" + e.depth());
      return true;
    }));
    return out;
  }

  @Test
  void required_T3_5_walkNeverFollowsLinksAndSkipsDenied() throws Exception {
    for (boolean allow : List.of(false, true)) {
      Sandbox s = Sandbox.builder().root(root).allowLinks(allow).build();
      List<Walk.Summary> sum = new ArrayList<>();
      assertEquals(List.of("b.txt:FILE:1", "d:FOLDER:1", "d/e:FOLDER:2", "d/e/f.txt:FILE:3",
          "in:LINK:1", "out:LINK:1"), keys(s, ".", 8, 1_000, sum));
      assertEquals(2, sum.get(0).denied()); // .ssh (with its subtree) and d/.env
      assertFalse(sum.get(0).truncated());
    }
  }

  @Test
  void required_T3_5_walkIsBoundedByDepthAndNames() throws Exception {
    Sandbox s = Sandbox.builder().root(root).build();
    List<Walk.Summary> sum = new ArrayList<>();
    assertEquals(List.of("d/e:FOLDER:1"), keys(s, "d", 1, 1_000, sum));
    List<String> capped = keys(s, ".", 8, 2, sum);
    assertTrue(sum.get(1).namesCapped());
    assertTrue(sum.get(1).truncated());
    assertTrue(capped.size() <= 2, capped::toString);
  }

  @Test
  void required_T3_5_walkOfALinkOrAFileIsRefused() throws Exception {
    Sandbox s = Sandbox.builder().root(root).allowLinks(true).build();
    // resolve follows "in" (allowed, inside the root); the walk itself starts at the real folder
    assertEquals(List.of("d/e:FOLDER:1", "d/e/f.txt:FILE:2"),
        keys(s, "in", 8, 1_000, new ArrayList<>()));
    SandboxViolation v = assertThrows(SandboxViolation.class,
        () -> s.walk(s.resolve("b.txt", Access.READ), 1, 10, e -> true));
    assertEquals(Kind.TOOL_ERROR, v.kind());
    Sandbox strict = Sandbox.builder().root(root).build();
    assertEquals(Kind.PATH_ESCAPE, assertThrows(SandboxViolation.class,
        () -> strict.resolve("out", Access.READ)).kind());
  }
}
