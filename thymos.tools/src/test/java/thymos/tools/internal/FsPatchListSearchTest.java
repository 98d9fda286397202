package thymos.tools.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.model.Delta;
import thymos.api.model.DeltaOp;
import thymos.api.model.EffectClass;
import thymos.api.model.ResourceKey;
import thymos.api.model.RiskClass;
import thymos.api.model.World;
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolFailure.Kind;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;
import thymos.tools.sandbox.Sandbox;

/** {@code fs_patch}, {@code fs_list} and {@code fs_search} called directly (T2, T3.5, X6.1). */
class FsPatchListSearchTest {

  @TempDir Path tmp;
  Path root;
  Sandbox sandbox;
  FsPatch patch;
  FsList list;
  FsSearch search;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("root"));
    Files.writeString(root.resolve("a.txt"), "alpha\nbeta\ngamma\n");
    Files.writeString(Files.createDirectories(root.resolve("src/main")).resolve("A.java"),
        "class A { int beta; }\n");
    Files.writeString(root.resolve("src/B.java"), "class B {}\n");
    Files.write(root.resolve("bin.dat"), new byte[] {(byte) 0xff, 'b', 'e', 't', 'a', 0});
    sandbox = Sandbox.builder().root(root).maxReadBytes(1024).maxWriteBytes(1024).build();
    patch = new FsPatch(Optional.of(sandbox));
    list = new FsList(Optional.of(sandbox));
    search = new FsSearch(Optional.of(sandbox));
  }

  private static void assertFailure(Kind kind, ToolOutcome o) {
    ToolFailure f = assertInstanceOf(ToolFailure.class, o);
    assertEquals(kind, f.kind(), f.message());
  }

  private static List<String> strings(JsonObject out, String array, String member) {
    List<String> s = new ArrayList<>();
    for (Json e : ((JsonArray) out.get(array).orElseThrow()).elements()) {
      s.add(((JsonString) ((JsonObject) e).get(member).orElseThrow()).value());
    }
    return s;
  }

  @Test
  void required_T2_descriptors() {
    assertEquals(EffectClass.WRITE, patch.descriptor().effect());
    assertEquals(RiskClass.MEDIUM, patch.descriptor().risk());
    assertTrue(patch.descriptor().compensable());
    for (var t : List.of(list, search)) {
      assertEquals(EffectClass.READ, t.descriptor().effect());
      assertEquals(RiskClass.LOW, t.descriptor().risk());
      assertFalse(t.descriptor().compensable());
    }
  }

  @Test
  void required_T2_fsPatchEditsAndRecordsTheFileDelta() throws Exception {
    ToolResult r = Contexts.ok(patch.execute(Contexts.of("{\"path\":\"a.txt\",\"edits\":["
        + "{\"search\":\"beta\",\"replace\":\"BETA\"}]}", World.EMPTY)));
    String now = "alpha\nBETA\ngamma\n";
    assertEquals(now, Files.readString(root.resolve("a.txt")));
    ResourceKey key = new ResourceKey("file", "a.txt");
    assertEquals(Delta.of(new DeltaOp.Create(key, ToolSupport.object("size", (long) now.length(),
        "sha256", ToolSupport.sha256(now.getBytes(StandardCharsets.UTF_8))))), r.delta());
    JsonObject out = (JsonObject) r.output();
    JsonObject prev = (JsonObject) out.get("previous").orElseThrow();
    assertEquals(Json.string("alpha\nbeta\ngamma\n"), prev.get("content").orElseThrow());
    assertEquals(Json.bool(false), out.get("created").orElseThrow());
  }

  @Test
  void required_T2_fsPatchThatDoesNotMatchWritesNothing() throws Exception {
    Path a = root.resolve("a.txt");
    Files.setLastModifiedTime(a, FileTime.fromMillis(1_000_000));
    List<String> bad = List.of(
        "\"edits\":[{\"search\":\"alpha\",\"replace\":\"A\"},{\"search\":\"delta\","
            + "\"replace\":\"D\"}]",
        "\"edits\":[{\"search\":\"a\",\"replace\":\"A\"}]", // occurs many times
        "\"diff\":\"@@ -1,2 +1,2 @@\\n alpha\\n-BETA\\n+b\\n\"",
        "\"diff\":\"@@ -1,1 +1,1 @@\\n-alpha\\n+A\\n@@ -3 +3 @@\\n-delta\\n+D\\n\"",
        "\"diff\":\"not a diff\"");
    for (String b : bad) {
      assertFailure(Kind.TOOL_ERROR, patch.execute(Contexts.of("{\"path\":\"a.txt\"," + b + "}",
          World.EMPTY)));
      assertEquals("alpha\nbeta\ngamma\n", Files.readString(a), b);
      assertEquals(1_000_000, Files.getLastModifiedTime(a).toMillis(), "rewritten: " + b);
    }
    assertFailure(Kind.TOOL_ERROR, patch.execute(Contexts.of("{\"path\":\"a.txt\"}",
        World.EMPTY)));
    assertFailure(Kind.TOOL_ERROR, patch.execute(Contexts.of("{\"path\":\"a.txt\",\"diff\":"
        + "\"x\",\"edits\":[{\"search\":\"a\",\"replace\":\"b\"}]}", World.EMPTY)));
  }

  @Test
  void required_T1_4_fsPatchTypedFailures() throws Exception {
    String e = ",\"edits\":[{\"search\":\"beta\",\"replace\":\"b\"}]}";
    assertFailure(Kind.NOT_FOUND, patch.execute(Contexts.of("{\"path\":\"nope.txt\"" + e,
        World.EMPTY)));
    assertFailure(Kind.TOOL_ERROR, patch.execute(Contexts.of("{\"path\":\"bin.dat\"" + e,
        World.EMPTY)));
    assertFailure(Kind.TOOL_ERROR, patch.execute(Contexts.of("{\"path\":\"src\"" + e,
        World.EMPTY)));
    Files.writeString(root.resolve("big.txt"), "beta\n" + "x".repeat(1100));
    assertFailure(Kind.TOO_LARGE, patch.execute(Contexts.of("{\"path\":\"big.txt\"" + e,
        World.EMPTY)));
    // the result above the write cap: nothing written
    Files.writeString(root.resolve("grow.txt"), "beta\n");
    assertFailure(Kind.TOO_LARGE, patch.execute(Contexts.of("{\"path\":\"grow.txt\",\"edits\":"
        + "[{\"search\":\"beta\",\"replace\":\"" + "y".repeat(1100) + "\"}]}", World.EMPTY)));
    assertEquals("beta\n", Files.readString(root.resolve("grow.txt")));
  }

  @Test
  void required_T2_fsListDepthAndEntryCaps() throws Exception {
    JsonObject all = Contexts.out(list.execute(Contexts.of("{}", World.EMPTY)));
    assertEquals(List.of("a.txt", "bin.dat", "src", "src/B.java", "src/main",
        "src/main/A.java"), strings(all, "entries", "path"));
    assertEquals(Json.bool(false), all.get("truncated").orElseThrow());
    JsonObject shallow = Contexts.out(list.execute(Contexts.of("{\"depth\":1}", World.EMPTY)));
    assertEquals(List.of("a.txt", "bin.dat", "src"), strings(shallow, "entries", "path"));
    assertEquals(List.of("file", "file", "folder"), strings(shallow, "entries", "type"));
    JsonObject capped = Contexts.out(list.execute(Contexts.of("{\"max_entries\":2}",
        World.EMPTY)));
    assertEquals(2, ((JsonArray) capped.get("entries").orElseThrow()).size());
    assertEquals(Json.bool(true), capped.get("truncated").orElseThrow());
    JsonObject exact = Contexts.out(list.execute(Contexts.of("{\"max_entries\":6}",
        World.EMPTY)));
    assertEquals(Json.bool(false), exact.get("truncated").orElseThrow());
    assertFailure(Kind.TOOL_ERROR, list.execute(Contexts.of("{\"path\":\"a.txt\"}",
        World.EMPTY)));
    assertFailure(Kind.NOT_FOUND, list.execute(Contexts.of("{\"path\":\"nope\"}",
        World.EMPTY)));
    assertFailure(Kind.TOOL_ERROR, list.execute(Contexts.of("{\"depth\":17}", World.EMPTY)));
  }

  @Test
  void required_T3_5_fsListDoesNotFollowAllowedLinks() throws Exception {
    Sandbox links = Sandbox.builder().root(root).allowLinks(true).build();
    Files.createSymbolicLink(root.resolve("alias"), root.resolve("src"));
    JsonObject out = Contexts.out(new FsList(Optional.of(links)).execute(Contexts.of("{}",
        World.EMPTY)));
    List<String> paths = strings(out, "entries", "path");
    assertTrue(paths.contains("alias"), paths::toString);
    assertTrue(paths.stream().noneMatch(p -> p.startsWith("alias/")), paths::toString);
  }

  @Test
  void required_T2_fsSearchLiteralText() throws Exception {
    JsonObject out = Contexts.out(search.execute(Contexts.of("{\"text\":\"beta\"}",
        World.EMPTY)));
    assertEquals(List.of("a.txt", "src/main/A.java"), strings(out, "matches", "path"));
    JsonObject first = (JsonObject) ((JsonArray) out.get("matches").orElseThrow()).get(0);
    assertEquals(Json.integer(2), first.get("line").orElseThrow());
    assertEquals(Json.integer(1), first.get("column").orElseThrow());
    assertEquals(Json.integer(1), out.get("skipped_binary").orElseThrow()); // bin.dat
    // no regular expressions: metacharacters are literal
    JsonObject literal = Contexts.out(search.execute(Contexts.of("{\"text\":\"b.ta\"}",
        World.EMPTY)));
    assertEquals(List.of(), strings(literal, "matches", "path"));
    Files.writeString(root.resolve("re.txt"), "x = b.ta[0]*\n");
    JsonObject meta = Contexts.out(search.execute(Contexts.of("{\"text\":\"b.ta[0]*\"}",
        World.EMPTY)));
    assertEquals(List.of("re.txt"), strings(meta, "matches", "path"));
  }

  @Test
  void required_T2_fsSearchGlobAndCaps() throws Exception {
    JsonObject java = Contexts.out(search.execute(Contexts.of("{\"glob\":\"*.java\"}",
        World.EMPTY)));
    assertEquals(List.of("src/B.java", "src/main/A.java"), strings(java, "files", "path"));
    JsonObject deep = Contexts.out(search.execute(Contexts.of("{\"glob\":\"src/main/*.java\"}",
        World.EMPTY)));
    assertEquals(List.of("src/main/A.java"), strings(deep, "files", "path"));
    JsonObject below = Contexts.out(search.execute(Contexts.of(
        "{\"path\":\"src\",\"glob\":\"main/*\",\"text\":\"class\"}", World.EMPTY)));
    assertEquals(List.of("src/main/A.java"), strings(below, "matches", "path"));
    JsonObject one = Contexts.out(search.execute(Contexts.of(
        "{\"glob\":\"*.java\",\"max_matches\":1}", World.EMPTY)));
    assertEquals(1, ((JsonArray) one.get("files").orElseThrow()).size());
    assertEquals(Json.bool(true), one.get("truncated").orElseThrow());
    Files.writeString(root.resolve("big.txt"), "beta" + "x".repeat(2000));
    JsonObject large = Contexts.out(search.execute(Contexts.of("{\"text\":\"beta\"}",
        World.EMPTY)));
    assertEquals(Json.integer(1), large.get("skipped_large").orElseThrow());
    assertFailure(Kind.TOOL_ERROR, search.execute(Contexts.of("{}", World.EMPTY)));
    assertFailure(Kind.TOOL_ERROR, search.execute(Contexts.of("{\"glob\":\"a//b\"}",
        World.EMPTY)));
  }

  @Test
  void longLinesAreShownAsAWindowAroundTheMatch() {
    String line = "a".repeat(1000) + "NEEDLE" + "b".repeat(1000);
    String w = FsSearch.window(line, 1000);
    assertTrue(w.contains("NEEDLE") && w.startsWith("…") && w.endsWith("…"), w);
    assertTrue(w.length() <= FsSearch.MAX_LINE_CHARS + 2, w);
  }
}
