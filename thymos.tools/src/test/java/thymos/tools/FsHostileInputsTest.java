package thymos.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.model.World;
import thymos.api.spi.Tool;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolFailure;
import thymos.kernel.run.Outcome;

/**
 * Hostile path arguments against every file tool, each driven through a real kernel run (T1.4,
 * T3.2–T3.5): each must end as a typed {@code failure} (or, where the input schema already
 * refuses it, a {@code rejection}) recorded as the trajectory's last ledger entry, with the world
 * and everything on disk — inside the root and outside it — unchanged.
 */
class FsHostileInputsTest {

  static final List<String> TOOLS = List.of("fs_read", "fs_write", "fs_patch", "fs_list",
      "fs_search");

  @TempDir Path tmp;
  Path root;
  KernelHarness k;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("work"));
    Files.writeString(tmp.resolve("outside.txt"), "OUTSIDE secret\n");
    Files.writeString(Files.createDirectories(tmp.resolve("outdir")).resolve("secret.txt"),
        "OUTSIDE secret\n");
    Files.writeString(root.resolve("notes.txt"), "a secret note\n");
    Files.writeString(Files.createDirectories(root.resolve(".git")).resolve("config"),
        "[core]\n\tsecret = 1\n");
    Files.writeString(root.resolve(".env"), "API_SECRET=abc\n");
    Files.writeString(Files.createDirectories(root.resolve("sub")).resolve(".env"), "secret\n");
    Files.writeString(root.resolve("id_rsa"), "secret key\n");
    Files.writeString(Files.createDirectories(root.resolve(".ssh")).resolve("id_ed25519"),
        "secret key\n");
    Files.createSymbolicLink(root.resolve("link_file"), tmp.resolve("outside.txt"));
    Files.createSymbolicLink(root.resolve("link_dir"), tmp.resolve("outdir"));
    Files.createSymbolicLink(root.resolve("dangling"), tmp.resolve("nowhere.txt"));
    k = new KernelHarness(root);
  }

  /** The arguments each tool gets for a hostile {@code path}. */
  static JsonObject args(String tool, String path) {
    String p = Json.string(path).toString();
    return (JsonObject) Json.parse(switch (tool) {
      case "fs_read", "fs_list" -> "{\"path\":" + p + "}";
      case "fs_write" -> "{\"path\":" + p + ",\"content\":\"pwned\"}";
      case "fs_patch" -> "{\"path\":" + p + ",\"edits\":[{\"search\":\"secret\","
          + "\"replace\":\"pwned\"}]}";
      case "fs_search" -> "{\"path\":" + p + ",\"text\":\"secret\"}";
      default -> throw new IllegalArgumentException(tool);
    });
  }

  /** Escapes (T3.2): every tool, every path; {@code @OUT}/{@code @ROOT} are filled in. */
  static Stream<Arguments> escapes() {
    List<String[]> paths = List.of(
        new String[] {"../x", "path_escape"},
        new String[] {"a/../../x", "path_escape"},
        new String[] {"@OUT/outside.txt", "path_escape"},
        new String[] {"/root/../etc/passwd", "path_escape"},
        new String[] {"@ROOT/../outside.txt", "path_escape"},
        new String[] {"", "invalid_args"},
        new String[] {"notes\u0000.txt", "path_escape"},
        new String[] {"link_file", "path_escape"},
        new String[] {"link_dir", "path_escape"},
        new String[] {"link_dir/secret.txt", "path_escape"},
        new String[] {"dangling", "path_escape"});
    List<Arguments> out = new ArrayList<>();
    for (String tool : TOOLS) {
      for (String[] p : paths) {
        out.add(Arguments.of(tool, p[0], p[1]));
      }
    }
    return out.stream();
  }

  /** The deny list (T3.3): which tools are refused which path. */
  static Stream<Arguments> denied() {
    List<Arguments> out = new ArrayList<>();
    out.add(Arguments.of("fs_write", ".git/config"));
    out.add(Arguments.of("fs_patch", ".git/config"));
    for (String path : List.of(".env", "sub/.env", "id_rsa", ".ssh/id_ed25519")) {
      for (String tool : List.of("fs_read", "fs_write", "fs_patch")) {
        out.add(Arguments.of(tool, path));
      }
    }
    out.add(Arguments.of("fs_list", ".ssh"));
    out.add(Arguments.of("fs_search", ".ssh"));
    out.add(Arguments.of("fs_list", ".env"));
    return out.stream();
  }

  private void assertRefusedWithoutEffect(String tool, String path, String expected)
      throws Exception {
    TreeMap<String, String> before = KernelHarness.snapshot(tmp);
    Outcome o = k.submit(tool, args(tool, path));
    String kind = k.refusal(o);
    assertEquals(expected, kind, o::toString);
    if (!expected.equals("invalid_args")) {
      assertInstanceOf(Outcome.Failed.class, o);
    }
    assertEquals(World.EMPTY, k.run.world());
    assertEquals(before, KernelHarness.snapshot(tmp), "something changed on disk");
    assertTrue(Files.notExists(tmp.resolve("nowhere.txt")), "a dangling link was followed");
    k.assertReplays();
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("escapes")
  void required_T3_2_hostilePathsFailThroughTheKernelWithoutEffect(String tool, String path,
      String expected) throws Exception {
    String p = path.replace("@OUT", tmp.toString()).replace("@ROOT", root.toString());
    assertRefusedWithoutEffect(tool, p, expected);
  }

  @ParameterizedTest(name = "{0} {1} -> path_denied")
  @MethodSource("denied")
  void required_T3_3_deniedPathsFailThroughTheKernelWithoutEffect(String tool, String path)
      throws Exception {
    assertRefusedWithoutEffect(tool, path, "path_denied");
  }

  /** The schema refuses the empty path first; the tools refuse it too when called directly. */
  @Test
  void required_T3_2_emptyAndNulPathsAreTypedFailuresOfEveryTool() {
    for (String tool : TOOLS) {
      Tool t = k.registry.find(tool).orElseThrow();
      for (String path : List.of("", "a\u0000b")) {
        ToolFailure f = assertInstanceOf(ToolFailure.class, t.execute(new ToolContext(
            args(tool, path), World.EMPTY, KernelHarness.zeroKey(), Long.MAX_VALUE,
            ToolContext.Cancellation.NEVER, Optional.empty())), tool);
        assertEquals(ToolFailure.Kind.PATH_ESCAPE, f.kind(), tool + ": " + f.message());
      }
    }
  }

  @Test
  void required_T3_5_walksSkipDeniedPathsAndNeverFollowLinks() throws Exception {
    JsonObject list = KernelHarness.output(k.submit("fs_list", "{\"depth\":5}"));
    List<String> paths = new ArrayList<>();
    Map<String, String> types = new TreeMap<>();
    for (Json e : ((JsonArray) list.get("entries").orElseThrow()).elements()) {
      JsonObject o = (JsonObject) e;
      String p = ((JsonString) o.get("path").orElseThrow()).value();
      paths.add(p);
      types.put(p, o.get("type").orElseThrow().toString());
    }
    assertEquals(List.of(".git", ".git/config", "dangling", "link_dir", "link_file",
        "notes.txt", "sub"), paths, paths::toString);
    assertEquals("\"link\"", types.get("link_dir"));
    assertEquals("\"link\"", types.get("dangling"));

    JsonObject search = KernelHarness.output(k.submit("fs_search", "{\"text\":\"secret\"}"));
    List<String> hits = new ArrayList<>();
    for (Json e : ((JsonArray) search.get("matches").orElseThrow()).elements()) {
      hits.add(((JsonString) ((JsonObject) e).get("path").orElseThrow())
          .value());
    }
    // .env, id_rsa, .ssh/** are denied; link_file and link_dir/secret.txt are never followed
    assertEquals(List.of(".git/config", "notes.txt"), hits);
  }

  @Test
  void required_T2_tenGigabyteSparseFileIsRefusedQuickly() throws Exception {
    Path big = root.resolve("big.bin");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(10L << 30);
    }
    long t0 = System.nanoTime();
    assertEquals("too_large", k.refusal(k.submit("fs_read", "{\"path\":\"big.bin\"}")));
    assertEquals("too_large", k.refusal(k.submit("fs_patch",
        "{\"path\":\"big.bin\",\"edits\":[{\"search\":\"a\",\"replace\":\"b\"}]}")));
    JsonObject search = KernelHarness.output(k.submit("fs_search", "{\"text\":\"x\"}"));
    assertEquals(Json.integer(1), search.get("skipped_large").orElseThrow());
    // a line range streams the file but stops at the read cap
    JsonObject range = KernelHarness.output(k.submit("fs_read",
        "{\"path\":\"big.bin\",\"start_line\":1,\"end_line\":2}"));
    assertEquals(Json.bool(true), range.get("truncated").orElseThrow());
    assertEquals(1 << 20, ((JsonString) range.get("content").orElseThrow())
        .value().length());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    // a hang guard, not a speed target (JMH measures speed); the caps above are the real check
    assertTrue(ms < 30_000, "took " + ms + " ms: the file was read");
    assertEquals(10L << 30, Files.size(big));
    assertEquals(World.EMPTY, k.run.world());
  }

  @Test
  void required_T2_hundredThousandEntryFolderIsListedCappedAndFast() throws Exception {
    Path many = Files.createDirectories(root.resolve("many"));
    for (int i = 0; i < 100_000; i++) {
      Files.createFile(many.resolve("f" + i + ".txt"));
    }
    long t0 = System.nanoTime();
    JsonObject list = KernelHarness.output(k.submit("fs_list", "{\"path\":\"many\"}"));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    // a hang guard, not a speed target: reads 100,000 names but inspects only the first 1,000
    assertTrue(ms < 30_000, "fs_list took " + ms + " ms");
    assertEquals(1_000, ((JsonArray) list.get("entries").orElseThrow()).size());
    assertEquals(Json.bool(true), list.get("truncated").orElseThrow());
    JsonObject capped = KernelHarness.output(k.submit("fs_list",
        "{\"path\":\"many\",\"max_entries\":5000}"));
    assertEquals(5_000, ((JsonArray) capped.get("entries").orElseThrow()).size());
    JsonObject found = KernelHarness.output(k.submit("fs_search",
        "{\"path\":\"many\",\"glob\":\"f9999*.txt\"}"));
    assertEquals(11, ((JsonArray) found.get("files").orElseThrow()).size()); // f9999, f99990..9
    assertEquals(Json.bool(false), found.get("truncated").orElseThrow());
    // above the schema's maximum: rejected before the tool runs
    assertEquals("invalid_args", k.refusal(k.submit("fs_list",
        "{\"path\":\"many\",\"max_entries\":5001}")));
  }
}
