package thymos.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.ConfigurationException;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.AnchorReceipt;
import thymos.api.model.Checkpoint;
import thymos.api.proof.ProofVerification;
import thymos.api.spi.AnchorSink;
import thymos.api.spi.AnchorSinkFailure;

/** The append-only JSON Lines anchor sink (A5.2). */
class FileAnchorSinkTest {

  @TempDir
  Path dir;

  private AnchorSink open(Path file) {
    return new FileAnchorSinkProvider().open(JsonObject.builder()
        .put("path", Json.string(file.toString())).build());
  }

  static ProofVerification.Rejected rejected(String check, ProofVerification v) {
    ProofVerification.Rejected r = assertInstanceOf(ProofVerification.Rejected.class, v);
    assertEquals("A5.2", r.rule(), r.toString());
    assertEquals(check, r.check(), r.toString());
    return r;
  }

  @Test
  void required_A5_2_publishesOwnerOnlyChainedLinesAndVerifiesReceipts() throws Exception {
    Path file = dir.resolve("sub/anchors.jsonl");
    AnchorSink sink = open(file);
    AnchorReceipt first = sink.publish(Fixtures.checkpoint(3, "a"));
    AnchorReceipt second = sink.publish(Fixtures.checkpoint(5, "b"));
    assertEquals("file", first.sink());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    List<String> lines = Files.readAllLines(file);
    assertEquals(2, lines.size());
    assertEquals(Ids.blake3(lines.get(0).getBytes(StandardCharsets.UTF_8)).hex(),
        ((thymos.api.json.JsonObject) Json.parse(lines.get(1))).get("prev").map(j ->
            ((thymos.api.json.JsonString) j).value()).orElseThrow());
    assertTrue(sink.verify(first).verified());
    assertTrue(sink.verify(second).verified());
    // another process's sink on the same file checks the same receipts and appends after them
    AnchorSink other = open(file);
    assertTrue(other.verify(first).verified());
    AnchorReceipt third = other.publish(Fixtures.checkpoint(5, "b"));
    assertEquals(2L, ((thymos.api.json.JsonNumber) third.evidence().get("line").orElseThrow())
        .longValueExact());
  }

  @Test
  void required_A5_2_tamperedOrForeignReceiptsAreRejected() {
    Path file = dir.resolve("anchors.jsonl");
    AnchorSink sink = open(file);
    AnchorReceipt r = sink.publish(Fixtures.checkpoint(3, "a"));
    JsonObject e = r.evidence();
    rejected("line_hash", sink.verify(new AnchorReceipt("file", r.checkpoint(), with(e,
        "line_hash", Json.string("00".repeat(32))))));
    rejected("line", sink.verify(new AnchorReceipt("file", r.checkpoint(), with(e, "line",
        Json.integer(7)))));
    rejected("checkpoint", sink.verify(new AnchorReceipt("file", Fixtures.checkpoint(3, "x"),
        e)));
    rejected("path", sink.verify(new AnchorReceipt("file", r.checkpoint(), with(e, "path",
        Json.string(dir.resolve("elsewhere").toString())))));
    rejected("evidence", sink.verify(new AnchorReceipt("file", r.checkpoint(),
        JsonObject.EMPTY)));
    rejected("sink", sink.verify(new AnchorReceipt("http", r.checkpoint(), e)));
  }

  static JsonObject with(JsonObject o, String name, Json value) {
    java.util.Map<String, Json> m = new java.util.LinkedHashMap<>(o.members());
    m.put(name, value);
    return Json.object(m);
  }

  @Test
  void required_A5_2_refusesAFileWhoseHistoryWasRewritten() throws Exception {
    Path file = dir.resolve("anchors.jsonl");
    AnchorSink sink = open(file);
    AnchorReceipt r0 = sink.publish(Fixtures.checkpoint(3, "a"));
    sink.publish(Fixtures.checkpoint(4, "b"));
    // rewrite line 0 with another checkpoint and recompute the whole chain, as an attacker would
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    String forged0 = line(0, "00".repeat(32), Fixtures.checkpoint(3, "evil"));
    String forged1 = line(1, Ids.blake3(forged0.getBytes(StandardCharsets.UTF_8)).hex(),
        Checkpoint.fromJson(((JsonObject) Json.parse(lines.get(1))).get("checkpoint")
            .orElseThrow(), "/checkpoint"));
    Files.writeString(file, forged0 + "\n" + forged1 + "\n");
    // the sink that saw the old history refuses to append after the new one
    AnchorSinkFailure f = assertThrows(AnchorSinkFailure.class,
        () -> sink.publish(Fixtures.checkpoint(5, "c")));
    assertEquals("THY-A502", f.code());
    assertTrue(f.getMessage().contains("rewritten"), f.getMessage());
    // and every sink rejects the receipt recorded for the old line 0
    rejected("line_hash", open(file).verify(r0));

    // a chain broken in place is refused by any sink, also a fresh one
    Files.writeString(file, lines.get(1) + "\n" + lines.get(0) + "\n");
    AnchorSinkFailure broken = assertThrows(AnchorSinkFailure.class,
        () -> open(file).publish(Fixtures.checkpoint(5, "c")));
    assertTrue(broken.getMessage().contains("line 0"), broken.getMessage());
    rejected("history", open(file).verify(r0));
    // a torn last line too
    Files.writeString(file, lines.get(0) + "\n" + lines.get(1).substring(0, 20));
    assertThrows(AnchorSinkFailure.class, () -> open(file).publish(Fixtures.checkpoint(5, "c")));
    // a deleted file: the receipt no longer verifies
    Files.delete(file);
    rejected("history", open(file).verify(r0));
  }

  private static String line(long n, String prev, Checkpoint c) {
    return new String(JsonObject.builder().put("line", Json.integer(n))
        .put("prev", Json.string(prev)).put("checkpoint", c.toJson()).build().canonicalBytes(),
        StandardCharsets.UTF_8);
  }

  @Test
  void required_A5_2_refusesACheckpointThatDoesNotFollowThePublishedOnes() {
    AnchorSink sink = open(dir.resolve("anchors.jsonl"));
    sink.publish(Fixtures.checkpoint(5, "a"));
    assertThrows(AnchorSinkFailure.class, () -> sink.publish(Fixtures.checkpoint(4, "a")));
    assertThrows(AnchorSinkFailure.class, () -> sink.publish(Fixtures.checkpoint(5, "other")));
    assertTrue(sink.verify(sink.publish(Fixtures.checkpoint(5, "a"))).verified());
  }

  @Test
  void required_A5_2_refusesAFileOthersCanRead() throws Exception {
    Path file = dir.resolve("anchors.jsonl");
    Files.createFile(file, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-r--r--")));
    AnchorSinkFailure f = assertThrows(AnchorSinkFailure.class,
        () -> open(file).publish(Fixtures.checkpoint(1, "a")));
    assertTrue(f.getMessage().contains("owner-only"), f.getMessage());
  }

  @Test
  void badConfigurationIsATypedErrorNamingTheMember() {
    ConfigurationException missing = assertThrows(ConfigurationException.class,
        () -> new FileAnchorSinkProvider().open(JsonObject.EMPTY));
    assertEquals("THY-A502", missing.code());
    ConfigurationException unknown = assertThrows(ConfigurationException.class,
        () -> new FileAnchorSinkProvider().open(JsonObject.builder()
            .put("path", Json.string("x")).put("mode", Json.string("y")).build()));
    assertTrue(unknown.getMessage().contains("/mode"), unknown.getMessage());
  }
}
