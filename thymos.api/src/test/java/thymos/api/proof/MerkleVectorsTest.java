package thymos.api.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import thymos.api.ProofException;
import thymos.api.crypto.CryptoVectors;

/**
 * The official RFC 9162 proof vectors of transparency-dev/merkle ({@code
 * shared/vectors/merkle/testdata/{inclusion,consistency}}), every file, with SHA-256 (A1): a
 * case with {@code wantErr: false} must verify; one with {@code wantErr: true} must fail with a
 * typed outcome — a {@link ProofException} before hashing or a {@link
 * ProofVerification.Rejected}. Files are read with Jackson, independently of our parser. The
 * subtree folders test draft-ietf-plants-merkle-tree-certs, not RFC 9162, and are not run.
 */
class MerkleVectorsTest {

  /** The classic Certificate Transparency test tree the vectors are built on (hex leaf data). */
  private static final String[] CT_LEAVES = {"", "00", "10", "2021", "3031", "40414243",
      "5051525354555657", "606162636465666768696a6b6c6d6e6f"};

  @TestFactory
  @DisplayName("A2 inclusion vectors (RFC 9162 §2.1.3.2, SHA-256)")
  Stream<DynamicTest> required_A2_inclusionVectors() {
    return files("inclusion").stream().map(f -> DynamicTest.dynamicTest(name(f), () -> {
      Map<String, Object> c = read(f);
      expect(c, () -> MerkleTree.SHA256.verifyInclusion(num(c, "leafIdx"), num(c, "treeSize"),
          b64(c.get("leafHash")), proof(c), b64(c.get("root"))));
    }));
  }

  @TestFactory
  @DisplayName("A3 consistency vectors (RFC 9162 §2.1.4.2, SHA-256)")
  Stream<DynamicTest> required_A3_consistencyVectors() {
    return files("consistency").stream().map(f -> DynamicTest.dynamicTest(name(f), () -> {
      Map<String, Object> c = read(f);
      expect(c, () -> MerkleTree.SHA256.verifyConsistency(num(c, "size1"), num(c, "size2"),
          b64(c.get("root1")), b64(c.get("root2")), proof(c)));
    }));
  }

  @Test
  @DisplayName("A1 every vector file is found: 98 inclusion and 98 consistency, 6 valid each")
  void required_A1_vectorSetsAreComplete() {
    for (String set : List.of("inclusion", "consistency")) {
      List<Path> all = files(set);
      long valid = all.stream().filter(f -> !(Boolean) read(f).get("wantErr")).count();
      assertEquals(98, all.size(), set);
      assertEquals(6, valid, set);
    }
  }

  @TestFactory
  @DisplayName("A1 the happy-path roots are the RFC 9162 roots of the CT test tree")
  Stream<DynamicTest> required_A1_happyPathRootsMatchReferenceTree() {
    List<byte[]> leaves = new ArrayList<>();
    for (String hex : CT_LEAVES) {
      leaves.add(MerkleTree.SHA256.leafHash(HexFormat.of().parseHex(hex)));
    }
    Rfc9162Reference ref = new Rfc9162Reference(MerkleTree.SHA256);
    Stream<DynamicTest> inclusion = files("inclusion").stream()
        .filter(f -> f.getFileName().toString().equals("happy-path.json"))
        .map(f -> DynamicTest.dynamicTest(name(f), () -> {
          Map<String, Object> c = read(f);
          int idx = (int) num(c, "leafIdx");
          List<byte[]> d = leaves.subList(0, (int) num(c, "treeSize"));
          assertEquals(hex(ref.root(d)), hex(b64(c.get("root"))));
          assertEquals(hex(d.get(idx)), hex(b64(c.get("leafHash"))));
          assertEquals(hexes(ref.path(idx, d)), hexes(proof(c)));
        }));
    Stream<DynamicTest> consistency = files("consistency").stream()
        .filter(f -> f.getFileName().toString().equals("happy-path.json"))
        .map(f -> DynamicTest.dynamicTest(name(f), () -> {
          Map<String, Object> c = read(f);
          int m = (int) num(c, "size1");
          int n = (int) num(c, "size2");
          assertEquals(hex(ref.root(leaves.subList(0, m))), hex(b64(c.get("root1"))));
          assertEquals(hex(ref.root(leaves.subList(0, n))), hex(b64(c.get("root2"))));
          assertEquals(hexes(ref.proof(m, leaves.subList(0, n))), hexes(proof(c)));
        }));
    return Stream.concat(inclusion, consistency);
  }

  private interface Check {
    ProofVerification run();
  }

  private static void expect(Map<String, Object> c, Check check) {
    boolean wantErr = (Boolean) c.get("wantErr");
    ProofVerification result;
    try {
      result = check.run();
    } catch (ProofException e) {
      if (!wantErr) {
        fail("valid proof refused: " + e.getMessage(), e);
      }
      assertTrue(e.code().equals("THY-A200") || e.code().equals("THY-A300"), e.getMessage());
      return;
    }
    if (wantErr) {
      assertFalse(result.verified(), "invalid proof verified: " + c.get("desc"));
      assertTrue(result instanceof ProofVerification.Rejected);
    } else {
      assertTrue(result.verified(), () -> "valid proof rejected: " + result);
    }
  }

  static List<Path> files(String set) {
    Path root = root().resolve(set);
    try (Stream<Path> s = Files.walk(root)) {
      List<Path> out = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      if (out.isEmpty()) {
        throw new AssertionError("no vector files under " + root);
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot list " + root, e);
    }
  }

  private static Path root() {
    return CryptoVectors.path("merkle", "testdata");
  }

  private static String name(Path f) {
    return root().relativize(f).toString().replace('\\', '/');
  }

  private static long num(Map<String, Object> c, String key) {
    return ((Number) c.get(key)).longValue();
  }

  private static byte[] b64(Object s) {
    return Base64.getDecoder().decode((String) s);
  }

  @SuppressWarnings("unchecked")
  private static List<byte[]> proof(Map<String, Object> c) {
    Object p = c.get("proof"); // [] or null both mean an empty proof
    List<byte[]> out = new ArrayList<>();
    if (p != null) {
      for (Object o : (List<Object>) p) {
        out.add(b64(o));
      }
    }
    return out;
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static List<String> hexes(List<byte[]> l) {
    return l.stream().map(MerkleVectorsTest::hex).toList();
  }

  static Map<String, Object> read(Path file) {
    return CryptoVectors.map(CryptoVectors.readJson(file));
  }
}
