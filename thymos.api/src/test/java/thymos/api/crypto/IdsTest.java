package thymos.api.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import thymos.api.ThymosException;
import thymos.api.json.Json;
import thymos.api.json.JsonArbitraries;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;

/** Content ids and document signatures (E2.1, E2.2, E3.2) as algebraic properties. */
class IdsTest {

  @Test
  void required_E2_1_taggedIsPrefixZeroByteAndCanonicalJson() {
    Json doc = Json.object(Map.of("b", Json.integer(1), "a", Json.string("é")));
    byte[] expected = "thymos/v1/writ\0{\"a\":\"é\",\"b\":1}".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(expected, Ids.tagged(DocType.WRIT, doc));
  }

  @Test
  void required_E2_2_idIsBlake3OfTheTaggedDocument() {
    Json doc = Json.object(Map.of("k", Json.array(List.of(Json.bool(true), Json.nullValue()))));
    for (DocType type : DocType.values()) {
      Hash32 id = Ids.id(type, doc);
      assertEquals(Ids.blake3(Ids.tagged(type, doc)), id, type.tag());
      assertEquals(64, id.hex().length());
    }
  }

  @Test
  void required_E2_5_blake3OfTheEmptyInputIsTheKnownValue() {
    // The official vector for input_len 0, hash mode (first 32 bytes).
    assertEquals("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
        Ids.blake3(new byte[0]).hex());
  }

  @Test
  void idsComputedOnManyThreadsAtOnceEqualSequentialOnes() {
    List<Json> docs = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      docs.add(Json.object(Map.of("n", Json.integer(i), "s", Json.string("x".repeat(i % 97)))));
    }
    List<Hash32> sequential = docs.stream().map(d -> Ids.id(DocType.ENTRY, d)).toList();
    List<Hash32> parallel = docs.parallelStream().map(d -> Ids.id(DocType.ENTRY, d)).toList();
    assertEquals(sequential, parallel);
    assertEquals(docs.size(), new java.util.HashSet<>(sequential).size());
  }

  @Property(tries = 300)
  void required_E2_2_memberOrderNeverChangesAnId(
      @ForAll("objects") JsonObject doc, @ForAll Random random) {
    String shuffled = writeShuffled(doc, random);
    Json reparsed = Json.parse(shuffled);
    assertEquals(Ids.id(DocType.POLICY, doc), Ids.id(DocType.POLICY, reparsed), shuffled);
  }

  @Property(tries = 300)
  void required_E2_2_anySingleChangedByteChangesTheId(
      @ForAll("objects") JsonObject doc, @ForAll Random random) {
    byte[] canonical = doc.canonicalBytes();
    byte[] changed = canonical.clone();
    int at = random.nextInt(changed.length);
    changed[at] ^= (byte) (1 + random.nextInt(255)); // never xor with 0: the byte does change
    Hash32 id = Ids.id(DocType.ENTRY, doc);
    byte[] prefix = DocType.ENTRY.prefix();
    byte[] tagged = new byte[prefix.length + changed.length];
    System.arraycopy(prefix, 0, tagged, 0, prefix.length);
    System.arraycopy(changed, 0, tagged, prefix.length, changed.length);
    assertNotEquals(id, Ids.blake3(tagged));
    Json other;
    try {
      other = Json.parse(changed);
    } catch (ThymosException notJsonAnyMore) {
      return; // the changed bytes are no document; the hash check above is the claim
    }
    if (!java.util.Arrays.equals(other.canonicalBytes(), canonical)) {
      assertNotEquals(id, Ids.id(DocType.ENTRY, other));
    }
  }

  @Property(tries = 200)
  void required_E2_1_sameDocumentUnderTwoTypesHasDifferentIds(
      @ForAll("values") Json doc, @ForAll("twoTypes") List<DocType> types) {
    assertNotEquals(Ids.id(types.get(0), doc), Ids.id(types.get(1), doc));
  }

  @Property(tries = 100)
  void required_E3_2_signatureForOneTypeNeverVerifiesUnderAnother(
      @ForAll @Size(32) byte[] seed, @ForAll("values") Json doc,
      @ForAll("twoTypes") List<DocType> types) {
    Ed25519Signer signer = Ed25519Signer.fromSeed(seed);
    Signature sig = Ed25519.sign(signer, types.get(0), doc);
    assertTrue(Ed25519.verify(signer.publicKey(), types.get(0), doc, sig));
    assertFalse(Ed25519.verify(signer.publicKey(), types.get(1), doc, sig));
  }

  @Property(tries = 100)
  void required_E3_2_signThenVerifyRoundTrips(
      @ForAll @Size(32) byte[] seed, @ForAll @Size(32) byte[] otherSeed,
      @ForAll("objects") JsonObject doc, @ForAll("types") DocType type) {
    Assume.that(!java.util.Arrays.equals(seed, otherSeed));
    Ed25519Signer signer = Ed25519Signer.fromSeed(seed);
    Signature sig = Ed25519.sign(signer, type, doc);
    assertTrue(Ed25519.verify(signer.publicKey(), type, doc, sig));
    // the same signature under another key fails
    assertFalse(Ed25519.verify(Ed25519.publicKey(otherSeed), type, doc, sig));
  }

  @Provide
  Arbitrary<JsonObject> objects() {
    return JsonArbitraries.objects();
  }

  @Provide
  Arbitrary<Json> values() {
    return JsonArbitraries.values();
  }

  @Provide
  Arbitrary<DocType> types() {
    return Arbitraries.of(DocType.class);
  }

  @Provide
  Arbitrary<List<DocType>> twoTypes() {
    return Arbitraries.of(DocType.class).list().ofSize(2).uniqueElements();
  }

  @Test
  void everyDocTypeHasItsOwnPrefix() {
    EnumSet<DocType> all = EnumSet.allOf(DocType.class);
    assertEquals(all.size(), all.stream().map(t -> new String(t.prefix(),
        StandardCharsets.US_ASCII)).distinct().count());
  }

  /** JSON text of {@code value} with every object's members in a random order. */
  static String writeShuffled(Json value, Random random) {
    StringBuilder out = new StringBuilder();
    write(value, random, out);
    return out.toString();
  }

  private static void write(Json value, Random random, StringBuilder out) {
    switch (value) {
      case JsonObject o -> {
        List<Map.Entry<String, Json>> members = new ArrayList<>(o.members().entrySet());
        Collections.shuffle(members, random);
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
          out.append(i == 0 ? "" : ",")
              .append(Json.string(members.get(i).getKey()).canonicalString()).append(':');
          write(members.get(i).getValue(), random, out);
        }
        out.append('}');
      }
      case JsonArray a -> {
        out.append('[');
        for (int i = 0; i < a.size(); i++) {
          out.append(i == 0 ? "" : ",");
          write(a.get(i), random, out);
        }
        out.append(']');
      }
      default -> out.append(value.canonicalString());
    }
  }
}
