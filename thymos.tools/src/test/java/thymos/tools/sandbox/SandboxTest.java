package thymos.tools.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.ConfigurationException;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.spi.ToolFailure.Kind;

class SandboxTest {

  @TempDir Path tmp;
  Path root;
  Path outside;
  Sandbox sandbox;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectories(tmp.resolve("root"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "OUTSIDE");
    Files.createDirectories(root.resolve("src"));
    Files.writeString(root.resolve("src/a.txt"), "inside");
    sandbox = Sandbox.builder().root(root).build();
  }

  private static SandboxViolation refused(Kind kind, ThrowingCall call) {
    SandboxViolation v = assertThrows(SandboxViolation.class, call::run);
    assertEquals(kind, v.kind(), v.getMessage());
    return v;
  }

  @FunctionalInterface
  interface ThrowingCall {
    void run() throws Exception;
  }

  private String read(SandboxPath p) throws Exception {
    try (SeekableByteChannel ch = sandbox.openRead(p)) {
      ByteBuffer b = ByteBuffer.allocate((int) ch.size());
      while (b.hasRemaining() && ch.read(b) >= 0) {
        // fill
      }
      return new String(b.array(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void required_T3_1_rootsAreRealPaths() throws Exception {
    Path alias = Files.createSymbolicLink(tmp.resolve("alias"), root);
    Sandbox s = Sandbox.builder().root(alias).build();
    assertEquals(List.of(root.toRealPath()), s.roots());
    // An absolute path spelled through the configured alias still resolves inside.
    assertEquals("src/a.txt", s.resolve(alias.resolve("src/a.txt").toString(), Access.READ).key());
  }

  @Test
  void required_T3_1_badRootsAreConfigurationErrors() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Sandbox.builder().root(tmp.resolve("missing")).build());
    assertEquals("THY-T301", e.code());
    assertThrows(ConfigurationException.class, () -> Sandbox.builder().build());
    assertThrows(ConfigurationException.class,
        () -> Sandbox.builder().root(root).root(root.resolve("src")).build());
    assertThrows(ConfigurationException.class,
        () -> Sandbox.builder().root(root).maxReadBytes(0).build());
    assertThrows(ConfigurationException.class,
        () -> Sandbox.builder().root(root).deny(List.of("a**")).build());
  }

  @Test
  void required_T3_2_relativeAndAbsoluteInsideResolve() throws Exception {
    assertEquals("src/a.txt", sandbox.resolve("src/a.txt", Access.READ).key());
    assertEquals("src/a.txt", sandbox.resolve("./src/../src/a.txt", Access.READ).key());
    SandboxPath abs = sandbox.resolve(root.resolve("src/a.txt").toString(), Access.READ);
    assertEquals("src/a.txt", abs.key());
    assertEquals("inside", read(abs));
    assertEquals("new/file.txt", sandbox.resolve("new/file.txt", Access.WRITE).key());
  }

  @Test
  void required_T3_2_emptyAndNulAreRefused() {
    refused(Kind.PATH_ESCAPE, () -> sandbox.resolve("", Access.READ));
    refused(Kind.PATH_ESCAPE, () -> sandbox.resolve("src/a\0.txt", Access.READ));
  }

  @Test
  void required_T3_2_dotDotLeavingTheRootIsRefused() {
    refused(Kind.PATH_ESCAPE, () -> sandbox.resolve("../outside/secret.txt", Access.READ));
    refused(Kind.PATH_ESCAPE, () -> sandbox.resolve("src/../../outside/secret.txt", Access.READ));
    refused(Kind.PATH_ESCAPE, () -> sandbox.resolve("missing/../../x", Access.WRITE));
    refused(Kind.PATH_ESCAPE,
        () -> sandbox.resolve(root.resolve("../outside/secret.txt").toString(), Access.READ));
  }

  @Test
  void required_T3_2_absolutePathOutsideEveryRootIsRefused() {
    SandboxViolation v = refused(Kind.PATH_ESCAPE,
        () -> sandbox.resolve(outside.resolve("secret.txt").toString(), Access.READ));
    assertTrue(v.getMessage().contains("secret.txt"), v.getMessage());
    refused(Kind.PATH_ESCAPE, () -> sandbox.resolve("/etc/passwd", Access.READ));
  }

  @Test
  void required_T3_2_linkComponentIsRefused() throws Exception {
    Files.createSymbolicLink(root.resolve("out"), outside);
    Files.createSymbolicLink(root.resolve("in"), root.resolve("src"));
    Files.createSymbolicLink(root.resolve("src/file-link"), root.resolve("src/a.txt"));
    refused(Kind.PATH_ESCAPE, () -> sandbox.resolve("out/secret.txt", Access.READ));
    refused(Kind.PATH_ESCAPE, () -> sandbox.resolve("in/a.txt", Access.READ));
    refused(Kind.PATH_ESCAPE, () -> sandbox.resolve("src/file-link", Access.READ));
    refused(Kind.PATH_ESCAPE, () -> sandbox.resolve("out/new.txt", Access.WRITE));
  }

  @Test
  void required_T3_2_linksInsideARootMayBeAllowed() throws Exception {
    Files.createSymbolicLink(root.resolve("in"), root.resolve("src"));
    Files.createSymbolicLink(root.resolve("out"), outside);
    Sandbox linked = Sandbox.builder().root(root).allowLinks(true).build();
    SandboxPath p = linked.resolve("in/a.txt", Access.READ);
    assertEquals("src/a.txt", p.key());
    refused(Kind.PATH_ESCAPE, () -> linked.resolve("out/secret.txt", Access.READ));
    // '..' after a followed link is taken from the link's real target
    assertEquals("x", linked.resolve("in/../x", Access.WRITE).key());
  }

  @Test
  void required_T3_2_danglingLinksAreRefused() throws Exception {
    Files.createSymbolicLink(root.resolve("dangling"), root.resolve("nowhere"));
    refused(Kind.PATH_ESCAPE, () -> sandbox.resolve("dangling", Access.WRITE));
    Sandbox linked = Sandbox.builder().root(root).allowLinks(true).build();
    SandboxViolation v = refused(Kind.PATH_ESCAPE,
        () -> linked.resolve("dangling/x", Access.WRITE));
    assertTrue(v.getMessage().contains("dangling"), v.getMessage());
  }

  @Test
  void required_T3_3_defaultDenyList() {
    for (String p : List.of(".env", "app/.env", "certs/server.pem", "tls.key", "home/id_rsa",
        "home/id_rsa.pub", ".ssh/config", "u/.ssh/known_hosts", "APP/.ENV")) {
      refused(Kind.PATH_DENIED, () -> sandbox.resolve(p, Access.READ));
      refused(Kind.PATH_DENIED, () -> sandbox.resolve(p, Access.WRITE));
    }
    refused(Kind.PATH_DENIED, () -> sandbox.resolve(".git/config", Access.WRITE));
    refused(Kind.PATH_DENIED, () -> sandbox.resolve("src/../.git/hooks/pre-commit",
        Access.WRITE));
  }

  @Test
  void required_T3_3_gitIsReadableButNotWritable() throws Exception {
    assertEquals(".git/config", sandbox.resolve(".git/config", Access.READ).key());
    assertEquals("src/.git/x", sandbox.resolve("src/.git/x", Access.WRITE).key());
  }

  @Test
  void required_T3_3_denyListIsConfigurable() throws Exception {
    Sandbox s = Sandbox.builder().root(root).deny(List.of("secrets/**"))
        .denyWrite(List.of("**/*.lock")).build();
    refused(Kind.PATH_DENIED, () -> s.resolve("secrets/x", Access.READ));
    refused(Kind.PATH_DENIED, () -> s.resolve("a/b.lock", Access.WRITE));
    assertEquals("a/b.lock", s.resolve("a/b.lock", Access.READ).key());
    assertEquals(".env", s.resolve(".env", Access.READ).key()); // defaults replaced
  }

  @Test
  void required_T3_3_deniedThroughAnAllowedLink() throws Exception {
    Files.createDirectories(root.resolve(".ssh"));
    Files.createSymbolicLink(root.resolve("keys"), root.resolve(".ssh"));
    Sandbox linked = Sandbox.builder().root(root).allowLinks(true).build();
    refused(Kind.PATH_DENIED, () -> linked.resolve("keys/id_ed25519", Access.READ));
  }

  @Test
  void required_T3_4_swapBetweenResolveAndOpenIsRefused() throws Exception {
    SandboxPath read = sandbox.resolve("src/a.txt", Access.READ);
    SandboxPath write = sandbox.resolve("src/new.txt", Access.WRITE);
    SandboxPath deep = sandbox.resolve("src/d/e/new.txt", Access.WRITE);
    Files.move(root.resolve("src"), root.resolve("parked"));
    Files.writeString(outside.resolve("a.txt"), "OUTSIDE");
    Files.createSymbolicLink(root.resolve("src"), outside);
    refused(Kind.PATH_ESCAPE, () -> sandbox.openRead(read));
    refused(Kind.PATH_ESCAPE, () -> sandbox.openWrite(write).close());
    refused(Kind.PATH_ESCAPE, () -> sandbox.openWrite(deep).close());
    refused(Kind.PATH_ESCAPE, () -> sandbox.delete(read));
    assertEquals(List.of("a.txt", "secret.txt"), list(outside));
    assertEquals("OUTSIDE", Files.readString(outside.resolve("a.txt")));
  }

  @Test
  void required_T3_4_finalComponentSwappedForALinkIsRefused() throws Exception {
    SandboxPath p = sandbox.resolve("src/a.txt", Access.WRITE);
    Files.delete(root.resolve("src/a.txt"));
    Files.createSymbolicLink(root.resolve("src/a.txt"), outside.resolve("secret.txt"));
    refused(Kind.PATH_ESCAPE, () -> sandbox.openRead(p));
    refused(Kind.PATH_ESCAPE, () -> sandbox.openWrite(p).close());
    assertEquals("OUTSIDE", Files.readString(outside.resolve("secret.txt")));
  }

  @Test
  void openWriteCreatesParentsInsideAndLeavesNoStaging() throws Exception {
    SandboxPath p = sandbox.resolve("x/y/z.txt", Access.WRITE);
    try (SeekableByteChannel ch = sandbox.openWrite(p)) {
      ch.write(ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)));
    }
    assertEquals("hi", Files.readString(root.resolve("x/y/z.txt")));
    assertEquals(List.of("src", "x"), list(root));
  }

  @Test
  void missingAndWrongKindsAreTyped() throws Exception {
    refused(Kind.NOT_FOUND, () -> sandbox.openRead(sandbox.resolve("nope.txt", Access.READ)));
    refused(Kind.NOT_FOUND, () -> sandbox.openRead(sandbox.resolve("no/pe.txt", Access.READ)));
    refused(Kind.TOOL_ERROR, () -> sandbox.openRead(sandbox.resolve("src", Access.READ)));
    refused(Kind.NOT_FOUND,
        () -> sandbox.openWrite(sandbox.resolve("src/a.txt/x", Access.WRITE)).close());
    assertTrue(sandbox.attributes(sandbox.resolve("no/pe.txt", Access.READ)).isEmpty());
  }

  @Test
  void resourceKeysRoundTrip() throws Exception {
    Path second = Files.createDirectories(tmp.resolve("second"));
    Sandbox two = Sandbox.builder().root(root).root(second).build();
    SandboxPath p = two.resolve(second.resolve("b/c.txt").toString(), Access.WRITE);
    assertEquals("1/b/c.txt", p.key());
    assertEquals(p, two.resolveKey("1/b/c.txt", Access.WRITE));
    assertEquals("0/src/a.txt", two.resolve("src/a.txt", Access.READ).key());
    refused(Kind.PATH_ESCAPE, () -> two.resolveKey("2/x", Access.READ));
    refused(Kind.PATH_ESCAPE, () -> two.resolveKey("1/../../x", Access.READ));
    assertEquals(sandbox.resolve("src/a.txt", Access.READ),
        sandbox.resolveKey("src/a.txt", Access.READ));
  }

  @Test
  void required_T3_1_configIsReadStrictly() {
    JsonObject ok = (JsonObject) Json.parse("{\"roots\":[" + Json.string(root.toString())
        + "],\"allow_links\":true,\"deny\":[\"x/**\"],\"max_read_bytes\":10}");
    Sandbox s = Sandbox.fromJson(ok, "/sandbox");
    assertTrue(s.allowLinks());
    assertEquals(10, s.maxReadBytes());
    JsonObject unknown = (JsonObject) Json.parse("{\"roots\":[" + Json.string(root.toString())
        + "],\"allow_link\":true}");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Sandbox.fromJson(unknown, "/sandbox"));
    assertEquals("THY-T301", e.code());
    assertTrue(e.getMessage().contains("allow_link"), e.getMessage());
    assertThrows(ConfigurationException.class,
        () -> Sandbox.fromJson((JsonObject) Json.parse("{\"roots\":\"/\"}"), ""));
  }

  @Test
  void violationMessagesNameThePath() {
    SandboxViolation v = refused(Kind.PATH_ESCAPE,
        () -> sandbox.resolve("../x\u0007y", Access.READ));
    assertTrue(v.getMessage().startsWith("\"../x\\u0007y\""), v.getMessage());
    assertEquals(Kind.PATH_ESCAPE, v.toFailure().kind());
  }

  static List<String> list(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
