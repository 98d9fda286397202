package thymos.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.kernel.run.Outcome;

/**
 * T3.4 through the tools and the kernel: while a thread keeps swapping folder {@code sub} for a
 * link to a folder outside the root, {@code fs_read}, {@code fs_write}, {@code fs_patch}, {@code
 * fs_list} and {@code fs_search} run through {@code sub}. Every submission either commits an
 * effect inside the root or ends as a typed {@code failure} entry; nothing outside is ever read
 * or written. Not timed: a fixed number of submissions.
 */
class FsRacingSwapKernelTest {

  private static final int ITERATIONS = 300;

  @TempDir Path tmp;

  @Test
  void required_T3_4_racingSwapThroughTheToolsNeverEscapes() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "OUTSIDE\n");
    Path sub = Files.createDirectories(root.resolve("sub"));
    Files.writeString(sub.resolve("secret.txt"), "inside\n");
    Path parked = root.resolve("parked");
    Path link = Files.createSymbolicLink(root.resolve("link"), outside);
    KernelHarness k = new KernelHarness(root);

    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong swaps = new AtomicLong();
    AtomicReference<Throwable> swapError = new AtomicReference<>();
    Thread swapper = new Thread(() -> {
      try {
        while (!stop.get()) {
          Files.move(sub, parked, StandardCopyOption.ATOMIC_MOVE);
          moveAside(link, sub, root, swaps); // sub is now a link outside
          Thread.onSpinWait();
          Files.move(sub, link, StandardCopyOption.ATOMIC_MOVE);
          moveAside(parked, sub, root, swaps);
          swaps.incrementAndGet();
          for (int i = 0; i < 2_000; i++) {
            Thread.onSpinWait();
          }
        }
      } catch (IOException | RuntimeException e) {
        swapError.set(e);
      }
    }, "swapper");
    swapper.start();
    Map<String, Integer> outcomes = new TreeMap<>();
    try {
      for (int i = 0; i < ITERATIONS; i++) {
        String[][] calls = {
            {"fs_read", "{\"path\":\"sub/secret.txt\"}"},
            {"fs_write", "{\"path\":\"sub/w" + i + ".txt\",\"content\":\"w\"}"},
            {"fs_patch", "{\"path\":\"sub/secret.txt\",\"edits\":[{\"search\":\"side\","
                + "\"replace\":\"side\"}]}"},
            {"fs_list", "{\"path\":\"sub\"}"},
            {"fs_search", "{\"path\":\"sub\",\"text\":\"OUTSIDE\"}"}};
        String[] call = calls[i % calls.length];
        Outcome o = k.submit(call[0], call[1]);
        if (o instanceof Outcome.Committed c) {
          JsonObject out = (JsonObject) c.payload().observations().get(0).output();
          assertTrue(!out.toString().contains("OUTSIDE"), call[0] + " escaped: " + out);
          if (call[0].equals("fs_read")) {
            assertEquals(Json.string("inside\n"), out.get("content").orElseThrow());
          }
          outcomes.merge(call[0] + ":committed", 1, Integer::sum);
        } else {
          String kind = k.refusal(o);
          assertTrue(kind.equals("path_escape") || kind.equals("not_found"),
              call[0] + " refused as " + kind + ": " + o);
          outcomes.merge(call[0] + ":" + kind, 1, Integer::sum);
        }
      }
    } finally {
      stop.set(true);
      swapper.join();
    }
    if (swapError.get() != null) {
      fail("the swapper failed", swapError.get());
    }
    assertTrue(swaps.get() > 0, "the swapper never swapped");
    try (var s = Files.list(outside)) {
      assertEquals(1, s.count(), "something was written outside the root");
    }
    assertEquals("OUTSIDE\n", Files.readString(outside.resolve("secret.txt")));
    assertEquals(ITERATIONS, outcomes.values().stream().mapToInt(Integer::intValue).sum(),
        outcomes::toString);
    k.assertReplays();
  }

  /**
   * Renames {@code from} to {@code to}; when a writer re-created {@code to} as a folder while it
   * was missing (fs_write creates parents), that folder is first renamed aside inside the root.
   */
  private static void moveAside(Path from, Path to, Path root, AtomicLong n) throws IOException {
    while (true) {
      try {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        return;
      } catch (FileSystemException e) {
        Files.move(to, root.resolve("created-" + n.incrementAndGet()),
            StandardCopyOption.ATOMIC_MOVE);
      }
    }
  }
}
