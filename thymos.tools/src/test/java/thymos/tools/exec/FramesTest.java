package thymos.tools.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.tools.exec.ExecResult.Captured;
import thymos.tools.exec.ExecResult.Status;

/** The worker's frames and messages (T4.1, docs/worker-protocol.md). */
class FramesTest {

  static byte[] frame(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int n = body.length;
    out.write(n >>> 24);
    out.write(n >>> 16);
    out.write(n >>> 8);
    out.write(n);
    out.writeBytes(body);
    return out.toByteArray();
  }

  static Frames.MalformedFrame malformed(byte[] bytes) {
    return assertThrows(Frames.MalformedFrame.class,
        () -> Frames.read(new ByteArrayInputStream(bytes)));
  }

  @Test
  void required_T4_1_roundTripsAndEndsCleanly() throws Exception {
    JsonObject request = Protocol.request(List.of("/bin/echo", "a;b"), Path.of("/w"),
        Map.of("PATH", "/bin"), 1000, 10);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Frames.write(out, request);
    Frames.write(out, request);
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    assertEquals(request, Frames.read(in).orElseThrow());
    Protocol.Job job = Protocol.job(Frames.read(in).orElseThrow());
    assertEquals(List.of("/bin/echo", "a;b"), job.argv());
    assertEquals(Map.of("PATH", "/bin"), job.env());
    assertTrue(Frames.read(in).isEmpty());

    ExecResult r = new ExecResult(Status.EXITED, 0,
        new Captured("hi".getBytes(StandardCharsets.UTF_8), true, 99), Captured.EMPTY, 7, "");
    assertEquals(r, Protocol.result(Protocol.response(r), 10));
  }

  @Test
  void required_T4_4_malformedFramesAreRefused() {
    malformed(new byte[] {0, 0});
    malformed(new byte[] {0x7f, 0, 0, 0});
    malformed(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
    malformed(new byte[] {0, 0, 0, 5, '{'});
    malformed(frame("[1]".getBytes(StandardCharsets.UTF_8)));
    malformed(frame("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)));
    malformed(frame(new byte[] {'"', (byte) 0xc3, '"'}));
    assertTrue(Frames.MAX_FRAME_BYTES == 8 * 1024 * 1024);
  }

  @Test
  void required_T4_4_badResponsesAreRefused() {
    ExecResult ok = new ExecResult(Status.EXITED, 0, Captured.EMPTY, Captured.EMPTY, 1, "");
    JsonObject good = Protocol.response(ok);
    for (Map.Entry<String, Json> bad : List.<Map.Entry<String, Json>>of(
        Map.entry("status", Json.string("refused")),
        Map.entry("status", Json.string("fine")),
        Map.entry("stdout", Json.string("!!not base64")),
        Map.entry("stdout", Json.string("QUFBQUFBQUFBQUFB")), // 12 bytes, above the cap of 10
        Map.entry("exit_code", Json.string("0")),
        Map.entry("extra", Json.bool(true)))) {
      JsonObject.Builder b = JsonObject.builder();
      good.members().forEach((k, v) -> {
        if (!k.equals(bad.getKey())) {
          b.put(k, v);
        }
      });
      JsonObject o = b.put(bad.getKey(), bad.getValue()).build();
      assertThrows(Frames.MalformedFrame.class, () -> Protocol.result(o, 10), bad.toString());
    }
  }

  @Test
  void required_T4_1_badRequestsAreRefusedByTheWorker() {
    JsonObject good = Protocol.request(List.of("/bin/true"), Path.of("/w"), Map.of(), 1, 1);
    assertEquals(List.of("/bin/true"), Protocol.job(good).argv());
    for (JsonObject bad : List.of(
        Protocol.request(List.of("true"), Path.of("/w"), Map.of(), 1, 1),
        Protocol.request(List.of("/bin/true"), Path.of("w"), Map.of(), 1, 1),
        Protocol.request(List.of("/bin/true"), Path.of("/w"), Map.of("A=B", "c"), 1, 1),
        Protocol.request(List.of("/bin/true"), Path.of("/w"), Map.of(), 0, 1),
        Protocol.request(List.of("/bin/true"), Path.of("/w"), Map.of(), 1, 2L << 20))) {
      assertThrows(IllegalArgumentException.class, () -> Protocol.job(bad), bad.toString());
    }
  }
}
