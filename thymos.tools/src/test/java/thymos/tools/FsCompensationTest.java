package thymos.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.CommitPayload;
import thymos.api.model.DeltaOp;
import thymos.api.model.ResourceKey;
import thymos.api.model.World;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;

/**
 * Compensation (X6.1) of {@code fs_patch} and {@code fs_write} commits recorded by a real kernel
 * run, through each tool's {@code compensate(commit, world)} (the kernel's {@code compensate_to},
 * X6.2, is not built yet): newest first, restoring the previous content and producing deltas that
 * apply to the run's world; refused when the file changed since.
 */
class FsCompensationTest {

  @TempDir Path tmp;
  Path root;
  KernelHarness k;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("work"));
    Files.writeString(root.resolve("a.txt"), "alpha\nbeta\ngamma\n");
    k = new KernelHarness(root);
  }

  private static void assertNotCompensable(ToolOutcome o) {
    ToolFailure f = assertInstanceOf(ToolFailure.class, o);
    assertEquals(ToolFailure.Kind.NOT_COMPENSABLE, f.kind(), f.message());
  }

  @Test
  void required_X6_1_fsPatchCompensationRestoresNewestFirst() throws Exception {
    Tool patch = k.registry.find("fs_patch").orElseThrow();
    CommitPayload first = KernelHarness.committed(k.submit("fs_patch",
        "{\"path\":\"a.txt\",\"diff\":\"@@ -2 +2 @@\\n-beta\\n+BETA\\n\"}"));
    CommitPayload second = KernelHarness.committed(k.submit("fs_patch",
        "{\"path\":\"a.txt\",\"edits\":[{\"search\":\"BETA\",\"replace\":\"B\"}]}"));
    ResourceKey key = new ResourceKey("file", "a.txt");
    assertInstanceOf(DeltaOp.Create.class, first.delta().ops().get(0));
    assertEquals(1, assertInstanceOf(DeltaOp.Replace.class, second.delta().ops().get(0))
        .expectedVersion());
    assertEquals("alpha\nB\ngamma\n", Files.readString(root.resolve("a.txt")));

    assertNotCompensable(patch.compensate(first, k.run.world())); // the newer commit stands
    ToolResult undo2 = assertInstanceOf(ToolResult.class,
        patch.compensate(second, k.run.world()));
    World w = KernelHarness.applied(k.run.world(), undo2.delta());
    assertEquals("alpha\nBETA\ngamma\n", Files.readString(root.resolve("a.txt")));
    ToolResult undo1 = assertInstanceOf(ToolResult.class, patch.compensate(first, w));
    w = KernelHarness.applied(w, undo1.delta());
    assertEquals("alpha\nbeta\ngamma\n", Files.readString(root.resolve("a.txt")));
    assertEquals(4, w.get(key).orElseThrow().version()); // create, replace, two undos
    JsonObject value = (JsonObject) w.get(key).orElseThrow().value();
    assertEquals(Json.integer(17), value.get("size").orElseThrow());
    k.assertReplays();
  }

  @Test
  void required_X6_1_fsPatchCompensationRefusedAfterAHandEdit() throws Exception {
    Tool patch = k.registry.find("fs_patch").orElseThrow();
    CommitPayload c = KernelHarness.committed(k.submit("fs_patch",
        "{\"path\":\"a.txt\",\"edits\":[{\"search\":\"gamma\",\"replace\":\"G\"}]}"));
    Files.writeString(root.resolve("a.txt"), "by hand\n");
    assertNotCompensable(patch.compensate(c, k.run.world()));
    assertEquals("by hand\n", Files.readString(root.resolve("a.txt")));
    // another tool's commit is not this tool's to undo
    CommitPayload w = KernelHarness.committed(k.submit("fs_write",
        "{\"path\":\"b.txt\",\"content\":\"b\"}"));
    assertNotCompensable(patch.compensate(w, k.run.world()));
  }

  @Test
  void required_X6_1_fsWriteThenFsPatchUndoneInOrder() throws Exception {
    Tool write = k.registry.find("fs_write").orElseThrow();
    Tool patch = k.registry.find("fs_patch").orElseThrow();
    CommitPayload created = KernelHarness.committed(k.submit("fs_write",
        "{\"path\":\"n/new.txt\",\"content\":\"one\\n\"}"));
    CommitPayload patched = KernelHarness.committed(k.submit("fs_patch",
        "{\"path\":\"n/new.txt\",\"edits\":[{\"search\":\"one\",\"replace\":\"two\"}]}"));
    World w = KernelHarness.applied(k.run.world(), assertInstanceOf(ToolResult.class,
        patch.compensate(patched, k.run.world())).delta());
    assertEquals("one\n", Files.readString(root.resolve("n/new.txt")));
    w = KernelHarness.applied(w, assertInstanceOf(ToolResult.class,
        write.compensate(created, w)).delta());
    assertTrue(Files.notExists(root.resolve("n/new.txt")));
    assertTrue(w.get(new ResourceKey("file", "n/new.txt")).isEmpty());
  }
}
