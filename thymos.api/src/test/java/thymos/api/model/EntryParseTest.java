package thymos.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.IdBatch;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.ParsedJson;

/**
 * {@link Entry#parse} hashes the id straight from the stored bytes (L2.1, R2.2): it must agree
 * with the id over the parsed value, and refuse the same tampering {@link Entry#fromJson} refuses,
 * with the same typed errors (E1.1, I4).
 */
class EntryParseTest {

  @Provide
  Arbitrary<Payload> payloads() {
    return ModelArbitraries.payload();
  }

  @Provide
  Arbitrary<JsonObject> objects() {
    return ModelArbitraries.object(ModelArbitraries.json(2));
  }

  private static Entry entry(Payload p, boolean signed) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 3);
    return signed
        ? Entry.create(Samples.TRAJ, 4, Optional.of(Samples.hash(9)), 77, p,
            Ed25519Signer.fromSeed(seed))
        : Entry.create(Samples.TRAJ, 4, Optional.of(Samples.hash(9)), 77, p);
  }

  @Property(tries = 200)
  void required_L2_1_idFromStoredBytesIsTheIdOfTheEntryWithoutId(
      @ForAll("payloads") Payload p, @ForAll boolean signed) {
    Entry e = entry(p, signed);
    Entry parsed = Entry.parse(e.canonicalBytes());
    assertEquals(e, parsed);
    assertEquals(Ids.id(DocType.ENTRY, parsed.withoutId()), parsed.id());
  }

  @Property(tries = 200)
  void idOfObjectRestIsTheIdOfTheObjectWithoutItsLeadingMember(
      @ForAll("objects") JsonObject rest, @ForAll("objects") JsonObject lead) {
    // "" sorts before every other name, so it is the first member of the canonical form.
    Map<String, Json> all = new HashMap<>(rest.members());
    all.remove("");
    JsonObject without = Json.object(all);
    all.put("", lead);
    byte[] canonical = Json.object(all).canonicalBytes();
    if (without.size() == 0) {
      return; // no rest to hash: {"":…} has no ',' after its first member
    }
    int from = ("{\"\":" + lead.canonicalString() + ",").getBytes(StandardCharsets.UTF_8).length;
    assertEquals(Ids.id(DocType.ENTRY, without),
        Ids.idOfObjectRest(DocType.ENTRY, canonical, from));
  }

  @Property(tries = 100)
  void required_I4_canonicalBytesWithAChangedMemberAreAnIdMismatch(
      @ForAll("payloads") Payload p, @ForAll boolean signed) {
    Entry e = entry(p, signed);
    String text = new String(e.canonicalBytes(), StandardCharsets.UTF_8);
    byte[] tampered = text.replace("\"recorded_ms\":77,", "\"recorded_ms\":78,")
        .getBytes(StandardCharsets.UTF_8);
    ProtocolViolation fromBytes =
        assertThrows(ProtocolViolation.class, () -> Entry.parse(tampered));
    ProtocolViolation fromValue = assertThrows(ProtocolViolation.class,
        () -> Entry.fromJson(Json.parse(tampered), ""));
    assertEquals("I4", fromBytes.rule().orElseThrow());
    assertEquals("/id", fromBytes.pointer());
    assertEquals(fromValue.getMessage(), fromBytes.getMessage());
  }

  @Property(tries = 100)
  void required_E1_1_nonCanonicalBytesAreRefusedBeforeTheId(@ForAll("payloads") Payload p) {
    Entry e = entry(p, false);
    String text = new String(e.canonicalBytes(), StandardCharsets.UTF_8);
    // The same value with the id member moved last: valid JSON, wrong member order.
    String idMember = "\"id\":\"" + e.id().hex() + "\",";
    String moved = "{" + text.substring(1 + idMember.length(), text.length() - 1) + ","
        + idMember.substring(0, idMember.length() - 1) + "}";
    assertEquals(Json.parse(text), Json.parse(moved));
    ProtocolViolation v = assertThrows(ProtocolViolation.class,
        () -> Entry.parse(moved.getBytes(StandardCharsets.UTF_8)));
    assertEquals("E1.1", v.rule().orElseThrow());
  }

  @Property(tries = 50)
  void required_I4_wrongRecordedIdIsAMismatchNamingBothIds(@ForAll("payloads") Payload p) {
    Entry e = entry(p, false);
    Hash32 other = Samples.hash(0x42);
    byte[] tampered = new String(e.canonicalBytes(), StandardCharsets.UTF_8)
        .replace(e.id().hex(), other.hex()).getBytes(StandardCharsets.UTF_8);
    ProtocolViolation v = assertThrows(ProtocolViolation.class, () -> Entry.parse(tampered));
    assertEquals("I4", v.rule().orElseThrow());
    assertEquals("entry seq 4 (" + p.kind().wire() + ") of traj:" + Samples.TRAJ.hex()
        + ": id mismatch: recorded " + other.hex() + ", recomputed " + e.id().hex(),
        v.getMessage().substring(v.getMessage().indexOf("entry seq")));
  }

  @Property(tries = 100)
  void required_I4_contentIdFromABatchChecksLikeTheOwnHash(@ForAll("payloads") Payload p,
      @ForAll boolean signed) {
    Entry e = entry(p, signed);
    byte[] bytes = e.canonicalBytes();
    int rest = Entry.contentStart(bytes);
    IdBatch batch = new IdBatch();
    batch.addObjectRest(DocType.ENTRY, bytes, rest);
    Hash32 contentId = batch.compute()[0];
    assertEquals(e.id(), contentId);
    assertEquals(e, Entry.parse(ParsedJson.parse(bytes), contentId));
    ProtocolViolation v = assertThrows(ProtocolViolation.class,
        () -> Entry.parse(ParsedJson.parse(bytes), Samples.hash(0x42)));
    assertEquals("I4", v.rule().orElseThrow());
    assertEquals("/id", v.pointer());
  }

  @Property(tries = 20)
  void contentStartIsAbsentWhenTheIdIsNotTheFirstMember(@ForAll("payloads") Payload p) {
    byte[] noId = entry(p, false).withoutId().canonicalBytes();
    assertEquals(-1, Entry.contentStart(noId));
  }
}
