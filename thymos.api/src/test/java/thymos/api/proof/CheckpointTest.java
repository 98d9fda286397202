package thymos.api.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import thymos.api.ProofException;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Checkpoint;

/** Signed checkpoints (A4): signing, verification, tampering, strict parsing, proof checks. */
class CheckpointTest {

  private static final Ed25519Signer RUNTIME = Ed25519Signer.fromSeed(seed(1));
  private static final Ed25519Signer OTHER = Ed25519Signer.fromSeed(seed(2));
  private static final Hash32 TRAJ = Ids.blake3("traj".getBytes(StandardCharsets.UTF_8));

  private static byte[] seed(int b) {
    byte[] s = new byte[32];
    s[0] = (byte) b;
    return s;
  }

  private static List<Hash32> ids(int n) {
    List<Hash32> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Ids.blake3(("entry " + i).getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static List<byte[]> leaves(List<Hash32> ids) {
    return ids.stream().map(id -> MerkleTree.BLAKE3.leafHash(id.bytes())).toList();
  }

  private static Checkpoint checkpoint(List<Hash32> ids, int size) {
    byte[] root = new Rfc9162Reference(MerkleTree.BLAKE3).root(leaves(ids).subList(0, size));
    return Checkpoint.sign(TRAJ, size, Hash32.of(root), ids.get(size - 1), 1_790_000_000_000L,
        RUNTIME);
  }

  @Test
  @DisplayName("A4 a signed checkpoint verifies under its runtime key; the message is sign(\"checkpoint\", …)")
  void required_A4_signedCheckpointVerifies() {
    Checkpoint c = checkpoint(ids(5), 5);
    assertTrue(c.verify(RUNTIME.publicKey()).verified());
    assertTrue(Ed25519.verify(RUNTIME.publicKey(),
        Ids.tagged(DocType.CHECKPOINT, c.unsignedJson()), c.signature()));
    assertEquals(Ids.id(DocType.CHECKPOINT, c.unsignedJson()), c.id());
    assertFalse(c.unsignedJson().members().containsKey("signature"));
  }

  @Test
  @DisplayName("A4 E4.3 the checkpoint id does not depend on who signed")
  void required_A4_idIndependentOfSigner() {
    Checkpoint a = checkpoint(ids(3), 3);
    Checkpoint b = Checkpoint.sign(a.trajectoryId(), a.treeSize(), a.root(), a.headEntryId(),
        a.recordedMs(), OTHER);
    assertNotEquals(a.unsignedJson(), b.unsignedJson()); // signer is a signed member
    assertEquals(a.treeSize(), b.treeSize());
    assertTrue(b.verify(OTHER.publicKey()).verified());
  }

  @Test
  @DisplayName("A4 a checkpoint by another key is rejected naming the signer")
  void required_A4_otherSignerRejected() {
    Checkpoint c = checkpoint(ids(3), 3);
    ProofVerification.Rejected r = assertInstanceOf(ProofVerification.Rejected.class,
        c.verify(OTHER.publicKey()));
    assertEquals("signer", r.check());
    assertEquals(OTHER.publicKey().hex(), r.expected());
    assertEquals(RUNTIME.publicKey().hex(), r.actual());
    ProofException e = assertThrows(ProofException.class, r::orThrow);
    assertEquals("THY-A400", e.code());
  }

  @ParameterizedTest(name = "A4 tampered {0} is rejected as a bad signature")
  @ValueSource(strings = {"trajectory_id", "tree_size", "root", "head_entry_id", "recorded_ms"})
  void required_A4_tamperedFieldBreaksSignature(String field) {
    Checkpoint c = checkpoint(ids(4), 4);
    Hash32 other = Ids.blake3("other".getBytes(StandardCharsets.UTF_8));
    Checkpoint t = switch (field) {
      case "trajectory_id" -> new Checkpoint(other, c.treeSize(), c.root(), c.headEntryId(),
          c.recordedMs(), c.signer(), c.signature());
      case "tree_size" -> new Checkpoint(c.trajectoryId(), 3, c.root(), c.headEntryId(),
          c.recordedMs(), c.signer(), c.signature());
      case "root" -> new Checkpoint(c.trajectoryId(), c.treeSize(), other, c.headEntryId(),
          c.recordedMs(), c.signer(), c.signature());
      case "head_entry_id" -> new Checkpoint(c.trajectoryId(), c.treeSize(), c.root(), other,
          c.recordedMs(), c.signer(), c.signature());
      default -> new Checkpoint(c.trajectoryId(), c.treeSize(), c.root(), c.headEntryId(),
          c.recordedMs() + 1, c.signer(), c.signature());
    };
    ProofVerification.Rejected r = assertInstanceOf(ProofVerification.Rejected.class,
        t.verify(RUNTIME.publicKey()));
    assertEquals("signature", r.check());
    assertEquals("A4", r.rule());
  }

  @Test
  @DisplayName("A4 E1.5 the JSON form round-trips through text and parses strictly")
  void required_A4_jsonRoundTrip() {
    Checkpoint c = checkpoint(ids(6), 6);
    byte[] text = c.toJson().canonicalBytes();
    Checkpoint back = Checkpoint.fromJson(Json.parse(text), "");
    assertEquals(c, back);
    assertTrue(back.verify(RUNTIME.publicKey()).verified());
    assertEquals(java.util.Set.of("head_entry_id", "recorded_ms", "root", "signature", "signer",
        "trajectory_id", "tree_size"), ((JsonObject) Json.parse(text)).members().keySet());
  }

  @ParameterizedTest(name = "A4 E1.5 refuses {0}")
  @ValueSource(strings = {"unknown member", "missing member", "tree size 0", "uppercase hex",
      "string tree size", "fractional time", "null root"})
  void required_A4_strictParsing(String fault) {
    JsonObject good = checkpoint(ids(2), 2).toJson();
    java.util.Map<String, Json> m = new java.util.LinkedHashMap<>(good.members());
    String pointer = switch (fault) {
      case "unknown member" -> {
        m.put("anchor", Json.string("x"));
        yield "/anchor";
      }
      case "missing member" -> {
        m.remove("head_entry_id");
        yield "/head_entry_id";
      }
      case "tree size 0" -> {
        m.put("tree_size", Json.integer(0));
        yield "/tree_size";
      }
      case "uppercase hex" -> {
        m.put("root", Json.string(((thymos.api.json.JsonString) m.get("root")).value()
            .toUpperCase(java.util.Locale.ROOT)));
        yield "/root";
      }
      case "string tree size" -> {
        m.put("tree_size", Json.string("2"));
        yield "/tree_size";
      }
      case "fractional time" -> {
        m.put("recorded_ms", Json.parse("1.5"));
        yield "/recorded_ms";
      }
      default -> {
        m.put("root", Json.parse("null"));
        yield "/root";
      }
    };
    ProtocolViolation e = assertThrows(ProtocolViolation.class,
        () -> Checkpoint.fromJson(Json.object(m), ""));
    assertEquals(pointer, e.pointer(), e.getMessage());
  }

  @Test
  @DisplayName("A2 A4 an inclusion proof is checked against the checkpoint's size and root")
  void required_A2_inclusionAgainstCheckpoint() {
    List<Hash32> ids = ids(7);
    Checkpoint c = checkpoint(ids, 7);
    Rfc9162Reference ref = new Rfc9162Reference(MerkleTree.BLAKE3);
    List<Hash32> path = ref.path(3, leaves(ids)).stream().map(Hash32::of).toList();
    InclusionProof proof = new InclusionProof(TRAJ, 3, 7, path);
    assertTrue(c.verifyInclusion(ids.get(3), proof).verified());
    assertEquals(c.root(), proof.rootFor(ids.get(3)));
    assertFalse(c.verifyInclusion(ids.get(4), proof).verified());
    // The same path shape fits tree size 8 too (RFC 9162 binds the size through the root
    // only): a checkpoint of another size refuses the proof before hashing.
    Checkpoint bigger = checkpoint(ids(8), 8);
    ProofException e = assertThrows(ProofException.class,
        () -> bigger.verifyInclusion(ids.get(3), proof));
    assertEquals("THY-A200", e.code());
  }

  @Test
  @DisplayName("A3 A4 a consistency proof links two checkpoints of one trajectory")
  void required_A3_consistencyBetweenCheckpoints() {
    List<Hash32> ids = ids(11);
    Checkpoint older = checkpoint(ids, 6);
    Checkpoint newer = checkpoint(ids, 11);
    Rfc9162Reference ref = new Rfc9162Reference(MerkleTree.BLAKE3);
    List<Hash32> path = ref.proof(6, leaves(ids)).stream().map(Hash32::of).toList();
    ConsistencyProof proof = new ConsistencyProof(TRAJ, 6, 11, path);
    assertTrue(older.verifyConsistency(newer, proof).verified());
    assertThrows(ProofException.class, () -> newer.verifyConsistency(older, proof));
    List<Hash32> forked = new ArrayList<>(ids);
    forked.set(2, Ids.blake3("rewritten".getBytes(StandardCharsets.UTF_8)));
    assertFalse(checkpoint(forked, 6).verifyConsistency(newer, proof).verified());
  }

  @Test
  @DisplayName("A2 A3 proof records refuse a wrong shape at construction")
  void required_A2_A3_proofRecordsCheckShape() {
    assertEquals("THY-A200", assertThrows(ProofException.class,
        () -> new InclusionProof(TRAJ, 3, 3, List.of())).code());
    assertEquals("THY-A200", assertThrows(ProofException.class,
        () -> new InclusionProof(TRAJ, 0, 2, List.of())).code());
    assertEquals("THY-A300", assertThrows(ProofException.class,
        () -> new ConsistencyProof(TRAJ, 0, 2, List.of())).code());
    assertEquals("THY-A300", assertThrows(ProofException.class,
        () -> new ConsistencyProof(TRAJ, 2, 2, List.of(TRAJ))).code());
  }
}
