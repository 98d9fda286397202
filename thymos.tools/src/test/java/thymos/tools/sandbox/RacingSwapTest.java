package thymos.tools.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.spi.ToolFailure.Kind;

/**
 * T3.4 under a real race: a thread keeps swapping folder {@code sub} for a link to a folder
 * outside the root (by renames, so each state is atomic) while reads and writes go through
 * {@code sub}. Not timed: a fixed number of operations, each of which must either succeed inside
 * the root or fail with a typed violation; nothing may ever be read from or written outside.
 */
class RacingSwapTest {

  private static final int ITERATIONS = 3_000;

  @TempDir Path tmp;

  @Test
  void required_T3_4_racingSwapNeverEscapes() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "OUTSIDE");
    Path sub = Files.createDirectories(root.resolve("sub"));
    Files.writeString(sub.resolve("secret.txt"), "inside");
    Path parked = root.resolve("parked");
    Path link = Files.createSymbolicLink(root.resolve("link"), outside);
    Sandbox sandbox = Sandbox.builder().root(root).build();

    LinkSwapper swapper = new LinkSwapper(root, sub, link, parked);

    Map<Kind, Integer> refusals = new EnumMap<>(Kind.class);
    int readsInside = 0;
    int writesInside = 0;
    try {
      for (int i = 0; i < ITERATIONS; i++) {
        try {
          SandboxPath p = sandbox.resolve("sub/secret.txt", Access.READ);
          String content = read(sandbox, p);
          assertNotEquals("OUTSIDE", content, "read escaped the root at iteration " + i);
          assertEquals("inside", content);
          readsInside++;
        } catch (SandboxViolation v) {
          refusals.merge(v.kind(), 1, Integer::sum);
        }
        String rel = i % 2 == 0 ? "sub/w" + i + ".txt" : "sub/d" + i + "/f.txt";
        try {
          SandboxPath p = sandbox.resolve(rel, Access.WRITE);
          try (SeekableByteChannel ch = sandbox.openWrite(p)) {
            ch.write(ByteBuffer.wrap(("w" + i).getBytes(StandardCharsets.UTF_8)));
          }
          writesInside++;
        } catch (SandboxViolation v) {
          refusals.merge(v.kind(), 1, Integer::sum);
        }
      }
    } finally {
      swapper.close();
    }
    // Nothing landed outside and the outside file is untouched.
    assertEquals(List.of("secret.txt"), SandboxTest.list(outside));
    assertEquals("OUTSIDE", Files.readString(outside.resolve("secret.txt")));
    // Every refusal was typed as one of the kinds a race can produce.
    for (Kind k : refusals.keySet()) {
      assertTrue(k == Kind.PATH_ESCAPE || k == Kind.NOT_FOUND, "unexpected kind " + k);
    }
    assertEquals(2L * ITERATIONS, readsInside + writesInside
        + refusals.values().stream().mapToLong(Integer::longValue).sum());
    // No staging folder is left behind in the root.
    assertTrue(SandboxTest.list(root).stream().noneMatch(n -> n.startsWith(".thymos-staging")),
        SandboxTest.list(root).toString());
  }


  private static String read(Sandbox sandbox, SandboxPath p) throws Exception {
    try (SeekableByteChannel ch = sandbox.openRead(p)) {
      ByteBuffer b = ByteBuffer.allocate(64);
      while (ch.read(b) > 0) {
        // fill
      }
      return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }
  }
}
