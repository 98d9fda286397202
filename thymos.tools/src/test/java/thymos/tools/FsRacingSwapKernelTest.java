package thymos.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.kernel.run.Outcome;
import thymos.tools.sandbox.LinkSwapper;

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

    LinkSwapper swapper = new LinkSwapper(root, sub, link, parked);
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
      swapper.close();
    }
    try (var s = Files.list(outside)) {
      assertEquals(1, s.count(), "something was written outside the root");
    }
    assertEquals("OUTSIDE\n", Files.readString(outside.resolve("secret.txt")));
    assertEquals(ITERATIONS, outcomes.values().stream().mapToInt(Integer::intValue).sum(),
        outcomes::toString);
    k.assertReplays();
  }
}
