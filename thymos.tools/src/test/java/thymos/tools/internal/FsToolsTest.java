package thymos.tools.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Delta;
import thymos.api.model.DeltaOp;
import thymos.api.model.EffectClass;
import thymos.api.model.ResourceKey;
import thymos.api.model.RiskClass;
import thymos.api.model.World;
import thymos.api.spi.ToolContext;
import thymos.api.spi.ToolFailure;
import thymos.api.spi.ToolFailure.Kind;
import thymos.api.spi.ToolOutcome;
import thymos.api.spi.ToolResult;
import thymos.tools.sandbox.Sandbox;

class FsToolsTest {

  @TempDir Path tmp;
  Path root;
  Sandbox sandbox;
  FsRead read;
  FsWrite write;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("root"));
    Files.writeString(root.resolve("notes.txt"), "one\ntwo\nthree\n");
    sandbox = Sandbox.builder().root(root).maxReadBytes(64).maxWriteBytes(64).build();
    read = new FsRead(Optional.of(sandbox));
    write = new FsWrite(Optional.of(sandbox));
  }

  private static void assertFailure(Kind kind, ToolOutcome o) {
    ToolFailure f = assertInstanceOf(ToolFailure.class, o);
    assertEquals(kind, f.kind(), f.message());
  }

  private static String sha256(String s) {
    return ToolSupport.sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void required_T2_descriptors() {
    assertEquals(EffectClass.READ, read.descriptor().effect());
    assertEquals(RiskClass.LOW, read.descriptor().risk());
    assertFalse(read.descriptor().compensable());
    assertEquals(EffectClass.WRITE, write.descriptor().effect());
    assertEquals(RiskClass.MEDIUM, write.descriptor().risk());
    assertTrue(write.descriptor().compensable());
    assertEquals(1, read.estimate(JsonObject.EMPTY).toolCalls());
    assertEquals(1, write.estimate(JsonObject.EMPTY).toolCalls());
  }

  @Test
  void required_T2_fsReadWholeFile() {
    ToolResult r = Contexts.ok(read.execute(Contexts.of("{\"path\":\"notes.txt\"}", World.EMPTY)));
    JsonObject out = (JsonObject) r.output();
    assertEquals(Json.string("one\ntwo\nthree\n"), out.get("content").orElseThrow());
    assertEquals(Json.string("notes.txt"), out.get("path").orElseThrow());
    assertEquals(Json.string(sha256("one\ntwo\nthree\n")), out.get("sha256").orElseThrow());
    assertEquals(Delta.EMPTY, r.delta());
  }

  @Test
  void required_T2_fsReadLineRange() {
    JsonObject out = Contexts.out(read.execute(Contexts.of(
        "{\"path\":\"notes.txt\",\"start_line\":2,\"end_line\":3}", World.EMPTY)));
    assertEquals(Json.string("two\nthree\n"), out.get("content").orElseThrow());
    assertEquals(Json.integer(2), out.get("lines").orElseThrow());
    assertTrue(out.get("truncated").isEmpty());
    JsonObject past = Contexts.out(read.execute(Contexts.of(
        "{\"path\":\"notes.txt\",\"start_line\":9}", World.EMPTY)));
    assertEquals(Json.string(""), past.get("content").orElseThrow());
    assertFailure(Kind.TOOL_ERROR, read.execute(Contexts.of(
        "{\"path\":\"notes.txt\",\"start_line\":3,\"end_line\":2}", World.EMPTY)));
  }

  @Test
  void required_T2_fsReadSizeCap() throws Exception {
    Files.writeString(root.resolve("big.txt"), "é".repeat(40) + "\nlast\n"); // 86 bytes > 64
    assertFailure(Kind.TOO_LARGE,
        read.execute(Contexts.of("{\"path\":\"big.txt\"}", World.EMPTY)));
    JsonObject out = Contexts.out(read.execute(Contexts.of(
        "{\"path\":\"big.txt\",\"start_line\":1}", World.EMPTY)));
    assertEquals(Json.bool(true), out.get("truncated").orElseThrow());
    assertEquals(Json.string("é".repeat(32)), out.get("content").orElseThrow());
  }

  @Test
  void required_T2_fsReadBinaryIsBase64() throws Exception {
    byte[] bin = {(byte) 0xff, 0, 1, (byte) 0xc3};
    Files.write(root.resolve("b.bin"), bin);
    JsonObject out = Contexts.out(read.execute(Contexts.of("{\"path\":\"b.bin\"}", World.EMPTY)));
    assertEquals(Json.string(Base64.getEncoder().encodeToString(bin)),
        out.get("content_base64").orElseThrow());
    assertTrue(out.get("content").isEmpty());
  }

  @Test
  void required_T1_4_fsReadTypedFailures() throws Exception {
    assertFailure(Kind.NOT_FOUND, read.execute(Contexts.of("{\"path\":\"nope\"}", World.EMPTY)));
    assertFailure(Kind.PATH_ESCAPE,
        read.execute(Contexts.of("{\"path\":\"../x\"}", World.EMPTY)));
    assertFailure(Kind.PATH_DENIED,
        read.execute(Contexts.of("{\"path\":\"a/.env\"}", World.EMPTY)));
    Files.createSymbolicLink(root.resolve("l"), root.resolve("notes.txt"));
    assertFailure(Kind.PATH_ESCAPE, read.execute(Contexts.of("{\"path\":\"l\"}", World.EMPTY)));
    assertFailure(Kind.PATH_ESCAPE, new FsRead(Optional.empty())
        .execute(Contexts.of("{\"path\":\"notes.txt\"}", World.EMPTY)));
  }

  @Test
  void required_T1_3_runtimeSandboxWins() throws Exception {
    Path other = Files.createDirectories(tmp.resolve("other"));
    Files.writeString(other.resolve("notes.txt"), "other");
    Sandbox runtime = Sandbox.builder().root(other).build();
    JsonObject out = Contexts.out(read.execute(Contexts.of("{\"path\":\"notes.txt\"}",
        World.EMPTY, Optional.of(runtime))));
    assertEquals(Json.string("other"), out.get("content").orElseThrow());
    ToolContext.Sandbox foreign = new ToolContext.Sandbox() {};
    assertFailure(Kind.TOOL_ERROR, read.execute(Contexts.of("{\"path\":\"notes.txt\"}",
        World.EMPTY, Optional.of(foreign))));
  }

  @Test
  void required_T2_fsWriteCreatesFileAndParents() throws Exception {
    ToolResult r = Contexts.ok(write.execute(Contexts.of(
        "{\"path\":\"src/main/A.java\",\"content\":\"class A {}\"}", World.EMPTY)));
    assertEquals("class A {}", Files.readString(root.resolve("src/main/A.java")));
    ResourceKey key = new ResourceKey("file", "src/main/A.java");
    JsonObject value = ToolSupport.object("size", 10L, "sha256", sha256("class A {}"));
    assertEquals(Delta.of(new DeltaOp.Create(key, value)), r.delta());
    JsonObject out = (JsonObject) r.output();
    assertEquals(Json.bool(true), out.get("created").orElseThrow());
    assertTrue(out.get("previous").isEmpty());
  }

  @Test
  void required_T2_fsWriteReplacesTheWorldsVersion() throws Exception {
    World w = Contexts.apply(World.EMPTY, Contexts.ok(write.execute(Contexts.of(
        "{\"path\":\"notes.txt\",\"content\":\"v1\"}", World.EMPTY))).delta());
    ToolResult r = Contexts.ok(write.execute(Contexts.of(
        "{\"path\":\"notes.txt\",\"content\":\"v2\"}", w)));
    DeltaOp.Replace op = assertInstanceOf(DeltaOp.Replace.class, r.delta().ops().get(0));
    assertEquals(1, op.expectedVersion());
    JsonObject prev = (JsonObject) ((JsonObject) r.output()).get("previous").orElseThrow();
    assertEquals(Json.string("v1"), prev.get("content").orElseThrow());
    assertEquals(2, Contexts.apply(w, r.delta())
        .get(new ResourceKey("file", "notes.txt")).orElseThrow().version());
  }

  @Test
  void required_T1_4_fsWriteTypedFailures() throws Exception {
    assertFailure(Kind.TOO_LARGE, write.execute(Contexts.of(
        "{\"path\":\"x\",\"content\":\"" + "x".repeat(65) + "\"}", World.EMPTY)));
    assertFailure(Kind.PATH_DENIED, write.execute(Contexts.of(
        "{\"path\":\".git/config\",\"content\":\"\"}", World.EMPTY)));
    assertFailure(Kind.PATH_DENIED, write.execute(Contexts.of(
        "{\"path\":\"id_rsa\",\"content\":\"\"}", World.EMPTY)));
    assertFailure(Kind.PATH_ESCAPE, write.execute(Contexts.of(
        "{\"path\":\"" + tmp.resolve("evil.txt") + "\",\"content\":\"\"}", World.EMPTY)));
    assertFailure(Kind.TOOL_ERROR, write.execute(Contexts.of(
        "{\"path\":\".\",\"content\":\"\"}", World.EMPTY)));
    Files.createSymbolicLink(root.resolve("out"), tmp);
    assertFailure(Kind.PATH_ESCAPE, write.execute(Contexts.of(
        "{\"path\":\"out/evil.txt\",\"content\":\"\"}", World.EMPTY)));
    assertFalse(Files.exists(tmp.resolve("evil.txt")));
  }
}
