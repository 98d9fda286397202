package thymos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jlink runtime image (issue 4, {@code docs/custom-runtime.md}): a third-party tool module
 * compiled against {@code thymos.api}, linked with {@code src/image/jlink.args} plus {@code
 * --add-modules}, is found by {@link java.util.ServiceLoader} inside the image, and the image runs
 * the demo with no JDK on the path. Runs after {@code package}: it links the packaged jars.
 */
class CustomRuntimeIT {

  private static final Path CLI_JAR = Path.of(System.getProperty("thymos.cli.jar"));
  private static final Path MODULES = Path.of(System.getProperty("thymos.cli.modules"));
  private static final Path JLINK_ARGS = Path.of(System.getProperty("thymos.jlink.args"));
  private static final Path PLUGIN_SRC = Path.of(System.getProperty("thymos.sample.plugin"));
  static final Path HELLO = Path.of(System.getProperty("thymos.examples"), "hello");

  @TempDir
  Path dir;

  @Test
  @DisplayName("a plugin module added with --add-modules is listed by `thymos plugins` in the image, and the image runs the demo")
  void imageWithSamplePlugin() throws Exception {
    Path classes = dir.resolve("classes");
    List<String> javac = new ArrayList<>(List.of("--release", "21", "-p", MODULES.toString(),
        "-d", classes.toString()));
    try (Stream<Path> s = Files.walk(PLUGIN_SRC)) {
      s.filter(p -> p.toString().endsWith(".java")).forEach(p -> javac.add(p.toString()));
    }
    tool("javac", javac);
    Path jar = dir.resolve("example-echo.jar");
    tool("jar", List.of("--create", "--file", jar.toString(), "-C", classes.toString(), "."));
    Path image = dir.resolve("image");
    // The jlink command, not its ToolProvider: only the launcher expands @argument files.
    Run jlink = run(dir, List.of(
        Path.of(System.getProperty("java.home"), "bin", "jlink").toString(),
        "@" + JLINK_ARGS, "--module-path",
        String.join(File.pathSeparator, CLI_JAR.toString(), MODULES.toString(), jar.toString()),
        "--add-modules", "example.echo", "--output", image.toString()));
    assertEquals(0, jlink.code(), jlink::toString);

    Run plugins = thymos(dir, image, "--json", "plugins");
    assertEquals(Main.OK, plugins.code(), plugins::toString);
    assertTrue(plugins.out().contains("{\"module\":\"example.echo\",\"name\":\"echo\","
        + "\"spec_version\":\"1\",\"tools\":[\"echo\"]}"), plugins::toString);
    assertTrue(plugins.out().contains("{\"module\":\"thymos.tools\",\"name\":\"builtin\","
        + "\"spec_version\":\"1\",\"tools\":[\"fs_list\",\"fs_patch\",\"fs_read\",\"fs_search\","
        + "\"fs_write\",\"kv_get\",\"kv_put\"]}"),
        plugins::toString);
    assertTrue(plugins.out().contains("{\"module\":\"thymos.ledger.sqlite\",\"name\":\"sqlite\""),
        plugins::toString);
    // pgjdbc, given a module descriptor by the build, is linked in as a real module.
    assertTrue(plugins.out().contains(
        "{\"module\":\"thymos.ledger.postgres\",\"name\":\"postgresql\""), plugins::toString);
    assertDemoRuns(dir, image);
    assertExecWorkerRuns(dir, image);
    assertPostgresWorks(dir, image);
  }

  /**
   * The {@code exec} worker starts from the image itself (T4.1: the same runtime image, {@code
   * bin/java -m thymos.tools/…}, no module path) and answers one request frame
   * (docs/worker-protocol.md): {@code /bin/echo} with an argument that a shell would expand.
   */
  static void assertExecWorkerRuns(Path dir, Path image) throws Exception {
    String request = "{\"argv\":[\"/bin/echo\",\"$(id) ; x\"],\"cwd\":" + jsonString(dir)
        + ",\"env\":{\"HOME\":" + jsonString(dir)
        + ",\"LANG\":\"C.UTF-8\",\"PATH\":\"/usr/bin:/bin\"},"
        + "\"limits\":{\"max_output_bytes\":1024,\"timeout_ms\":10000},"
        + "\"protocol\":\"thymos-worker/v1\",\"tool\":\"exec\"}";
    byte[] body = request.getBytes(StandardCharsets.UTF_8);
    Path in = Files.createTempFile(dir, "frame", ".bin");
    Files.write(in, java.nio.ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body)
        .array());
    ProcessBuilder pb = new ProcessBuilder(image.resolve("bin/java").toString(),
        "-m", "thymos.tools/thymos.tools.exec.WorkerMain").redirectInput(in.toFile());
    pb.environment().clear();
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the worker did not end at the end of its input");
    assertEquals(0, p.exitValue(), () -> new String(out, StandardCharsets.UTF_8));
    int length = java.nio.ByteBuffer.wrap(out, 0, 4).getInt();
    String response = new String(out, 4, length, StandardCharsets.UTF_8);
    assertTrue(response.contains("\"status\":\"exited\"")
        && response.contains("\"exit_code\":0"), response);
    String base64 = response.replaceAll("(?s).*\"stdout\":\"([^\"]*)\".*", "$1");
    String stdout = new String(java.util.Base64.getDecoder().decode(base64),
        StandardCharsets.UTF_8);
    assertEquals("$(id) ; x\n", stdout, response); // one literal argument, never a shell
  }

  private static String jsonString(Path p) {
    return "\"" + p.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /**
   * The image talks to the PostgreSQL server through the linked driver: {@code ledger list} on a
   * fixed schema (created on first use, only read afterwards, so runs leave nothing behind but
   * that one empty schema). The server is THYMOS_TEST_POSTGRES_URL's, else the local one; under
   * {@code CI=true} an unreachable server fails the test, elsewhere it is skipped, saying so.
   */
  static void assertPostgresWorks(Path dir, Path image) throws Exception {
    String env = System.getenv("THYMOS_TEST_POSTGRES_URL");
    String url = env == null || env.isBlank() ? "postgresql://postgres@127.0.0.1:5432/test"
        : env.strip();
    if (env == null || env.isBlank()) {
      try (java.net.Socket probe = new java.net.Socket()) {
        probe.connect(new java.net.InetSocketAddress("127.0.0.1", 5432), 2_000);
      } catch (IOException e) {
        String why = "no PostgreSQL server at 127.0.0.1:5432 (set THYMOS_TEST_POSTGRES_URL)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          fail(why + "; CI=true, so this fails instead of skipping");
        }
        Assumptions.abort("SKIPPED the image's PostgreSQL check: " + why);
      }
    }
    Path project = dir.resolve("demo-" + image.getFileName());
    Run list = thymos(dir, image, "--project", project.toString(), "--ledger",
        url + (url.contains("?") ? "&" : "?") + "schema=thymos_cli_image_it", "ledger", "list");
    assertEquals(Main.OK, list.code(), list::toString);
    assertFalse(list.err().contains("WARNING"), list::toString);
  }

  static void assertDemoRuns(Path dir, Path image) throws Exception {
    Path project = dir.resolve("demo-" + image.getFileName());
    Run demo = thymos(dir, image, "--no-color", "demo", HELLO.toString(), "--into",
        project.toString());
    assertEquals(Main.OK, demo.code(), demo::toString);
    assertTrue(demo.out().contains("replay: verified"), demo::toString);
    // --add-options baked --enable-native-access into the image: no restricted-method warning.
    assertFalse(demo.err().contains("WARNING"), demo::toString);
    // The JSON Schema validator logs through SLF4J: the image links the no-op provider.
    assertFalse(demo.err().contains("SLF4J"), demo::toString);
  }

  private static void tool(String name, List<String> args) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(text, true, StandardCharsets.UTF_8);
    int code = java.util.spi.ToolProvider.findFirst(name).orElseThrow()
        .run(ps, ps, args.toArray(String[]::new));
    assertEquals(0, code, () -> name + " " + args + "\n" + text.toString(StandardCharsets.UTF_8));
  }

  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  /** Runs {@code bin/thymos} with no JAVA_HOME and no JDK on the PATH. */
  static Run thymos(Path dir, Path image, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(image.resolve("bin/thymos").toString()));
    command.addAll(List.of(args));
    return run(dir, command);
  }

  static Run run(Path dir, List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " took over 60 s");
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
