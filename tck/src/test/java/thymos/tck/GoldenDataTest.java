package thymos.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.crypto.PublicKey;
import thymos.api.crypto.Signature;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.json.StrictObject;
import thymos.api.model.Entry;
import thymos.api.proof.MerkleTree;
import thymos.api.proof.ProofVerification;
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.authority.TrustAnchor;
import thymos.kernel.authority.TrustAnchors;
import thymos.kernel.replay.AuthorityInput;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.Replayer;

/**
 * K3: every recorded golden ledger of every earlier version replays with exactly its recorded
 * report, and every language-neutral vector holds for this version.
 */
class GoldenDataTest {

  @TestFactory
  Stream<DynamicTest> required_K3_recordedLedgersReplayWithTheSameReport() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String version : GoldenData.versions()) {
      JsonObject meta = (JsonObject) Json.parse(GoldenData.read("ledger-" + version + ".json"));
      List<byte[]> lines = GoldenData.lines("ledger-" + version + ".jsonl");
      TrustAnchors anchors = TrustAnchors.of(((JsonArray) meta.get("anchors").orElseThrow())
          .elements().stream().map(a -> TrustAnchor.anyTenant(PublicKey.parse(
              ((JsonString) a).value()))).toList());
      int at = 0;
      List<byte[]> authority = List.of();
      for (Json t : ((JsonArray) meta.get("trajectories").orElseThrow()).elements()) {
        StrictObject o = StrictObject.of(t, "");
        Hash32 id = Hash32.parse(o.string("trajectory_id"));
        int n = Math.toIntExact(o.nonNegative("entries"));
        List<byte[]> entries = lines.subList(at, at + n);
        at += n;
        if (id.equals(AuthorityLedger.TRAJECTORY_ID)) {
          authority = entries;
        }
        boolean withAuthority = o.bool("with_authority");
        String expected = o.value("report").canonicalString();
        List<byte[]> authorityEntries = authority;
        tests.add(DynamicTest.dynamicTest("K3: ledger " + version + " traj:" + id.hex()
            + " replays with its recorded report", () -> {
              ReplayOptions options = ReplayOptions.defaults().collectAll();
              if (withAuthority) {
                options = options.withAuthority(AuthorityInput.fromEntries(
                    authorityEntries.iterator(), anchors));
              }
              assertEquals(expected, Replayer.replay(id, entries.iterator(), options).toJson()
                  .canonicalString());
            }));
      }
      int total = at;
      tests.add(DynamicTest.dynamicTest("K3: ledger " + version + " lists every line",
          () -> assertEquals(lines.size(), total)));
    }
    assertFalse(tests.isEmpty());
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> required_K3_vectorsHold() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    HexFormat hex = HexFormat.of();
    for (String version : GoldenData.versions()) {
      StrictObject v = StrictObject.of(Json.parse(GoldenData.read("vectors-" + version
          + ".json")), "");
      int i = 0;
      for (Json c : v.array("canonical_json").elements()) {
        StrictObject o = StrictObject.of(c, "");
        String input = o.string("input");
        String canonical = o.string("canonical");
        tests.add(DynamicTest.dynamicTest("K3: " + version + " canonical JSON #" + i++,
            () -> assertEquals(canonical, Json.parse(input).canonicalString())));
      }
      for (Json c : v.array("ids").elements()) {
        StrictObject o = StrictObject.of(c, "");
        DocType type = DocType.valueOf(o.string("type").toUpperCase());
        Json doc = o.value("document");
        Hash32 id = Hash32.parse(o.string("id"));
        tests.add(DynamicTest.dynamicTest("K3: " + version + " id of a " + type.tag(),
            () -> assertEquals(id, Ids.id(type, doc))));
      }
      i = 0;
      for (Json c : v.array("signatures").elements()) {
        StrictObject o = StrictObject.of(c, "");
        byte[] seed = hex.parseHex(o.string("seed"));
        PublicKey key = PublicKey.parse(o.string("public_key"));
        byte[] message = hex.parseHex(o.string("message"));
        Signature sig = Signature.parse(o.string("signature"), "/signature");
        tests.add(DynamicTest.dynamicTest("K3: " + version + " signature #" + i++, () -> {
          Ed25519Signer s = Ed25519Signer.fromSeed(seed);
          assertEquals(key, s.publicKey());
          assertEquals(sig, s.sign(message));
          assertTrue(Ed25519.verify(key, message, sig));
        }));
      }
      StrictObject merkle = v.nested("merkle");
      MerkleTree tree = MerkleTree.BLAKE3;
      assertEquals(tree.hash().name(), merkle.string("hash"));
      List<byte[]> leaves = merkle.array("leaves").elements().stream()
          .map(l -> Hash32.parse(((JsonString) l).value()).bytes()).toList();
      i = 0;
      for (Json c : merkle.array("proofs").elements()) {
        StrictObject o = StrictObject.of(c, "");
        String kind = o.string("kind");
        tests.add(DynamicTest.dynamicTest("K3: " + version + " Merkle " + kind + " proof #" + i++,
            () -> {
              ProofVerification result;
              if (kind.equals("inclusion")) {
                long index = o.nonNegative("index");
                result = tree.verifyInclusion(index, o.nonNegative("tree_size"),
                    tree.leafHash(leaves.get(Math.toIntExact(index))), hexes(o.array("path")),
                    hex.parseHex(o.string("root")));
              } else {
                result = tree.verifyConsistency(o.nonNegative("first"), o.nonNegative("second"),
                    hex.parseHex(o.string("first_root")), hex.parseHex(o.string("second_root")),
                    hexes(o.array("proof")));
              }
              assertTrue(result.verified(), result::toString);
            }));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> required_K3_entriesOfTheRecordedLedgersParse() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String version : GoldenData.versions()) {
      List<byte[]> lines = GoldenData.lines("ledger-" + version + ".jsonl");
      tests.add(DynamicTest.dynamicTest("K3: every entry of ledger " + version
          + " parses strictly and keeps its bytes", () -> {
            for (byte[] line : lines) {
              assertArrayEquals(line, Entry.parse(line).canonicalBytes());
            }
          }));
    }
    return tests.stream();
  }

  private static List<byte[]> hexes(JsonArray a) {
    return a.elements().stream().map(e -> HexFormat.of().parseHex(((JsonString) e).value()))
        .toList();
  }
}
