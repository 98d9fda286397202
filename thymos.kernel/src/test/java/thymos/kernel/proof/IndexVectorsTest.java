package thymos.kernel.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonNumber;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.proof.MerkleHash;
import thymos.api.proof.MerkleTree;

/**
 * The index makes the proofs of the official vectors (A1–A3): a SHA-256 index over the CT test
 * tree of the vectors gives the root and proof of every happy-path inclusion and consistency
 * vector byte for byte (the other valid vectors use made-up hashes, not the CT tree). (The verifier runs every vector in {@code thymos.api}.)
 */
class IndexVectorsTest {

  private static final String[] CT_LEAVES = {"", "00", "10", "2021", "3031", "40414243",
      "5051525354555657", "606162636465666768696a6b6c6d6e6f"};

  @TestFactory
  @DisplayName("A2 A3 the index reproduces every happy-path vector of the CT tree")
  Stream<DynamicTest> required_A2_A3_indexReproducesValidVectors() throws IOException {
    MerkleIndex index = new MerkleIndex(MerkleHash.SHA256);
    for (String hex : CT_LEAVES) {
      index.appendLeafHash(MerkleTree.SHA256.leafHash(HexFormat.of().parseHex(hex)));
    }
    Path root = Path.of(System.getProperty("thymos.vectors"), "merkle", "testdata");
    List<DynamicTest> tests = new ArrayList<>();
    for (String set : List.of("inclusion", "consistency")) {
      List<Path> files;
      try (Stream<Path> s = Files.walk(root.resolve(set))) {
        files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      }
      for (Path f : files) {
        // only the happy paths of 0/..4/ are proofs on the CT tree (the other valid cases use
        // made-up hashes); invalid cases may hold uint64 values our I-JSON parser refuses
        if (!f.getFileName().toString().equals("happy-path.json")) {
          continue;
        }
        byte[] text = Files.readAllBytes(f);
        JsonObject c = (JsonObject) Json.parse(text);
        String name = root.relativize(f).toString();
        tests.add(DynamicTest.dynamicTest(name, () -> {
          if (set.equals("inclusion")) {
            long i = num(c, "leafIdx");
            long n = num(c, "treeSize");
            assertEquals(b64hex(c, "root"), HexFormat.of().formatHex(index.root(n)));
            assertEquals(proof(c), MerkleIndexProperties.hex(index.inclusionPath(i, n)));
          } else {
            long m = num(c, "size1");
            long n = num(c, "size2");
            assertEquals(b64hex(c, "root1"), HexFormat.of().formatHex(index.root(m)));
            assertEquals(b64hex(c, "root2"), HexFormat.of().formatHex(index.root(n)));
            assertEquals(proof(c), MerkleIndexProperties.hex(index.consistencyProof(m, n)));
          }
        }));
      }
    }
    assertEquals(10, tests.size(), "5 inclusion and 5 consistency happy paths");
    return tests.stream();
  }

  private static long num(JsonObject c, String key) {
    return ((JsonNumber) c.members().get(key)).longValueExact();
  }

  private static String b64hex(JsonObject c, String key) {
    return HexFormat.of().formatHex(
        Base64.getDecoder().decode(((JsonString) c.members().get(key)).value()));
  }

  private static List<String> proof(JsonObject c) {
    List<String> out = new ArrayList<>();
    if (c.members().get("proof") instanceof JsonArray a) {
      for (Json j : a.elements()) {
        out.add(HexFormat.of().formatHex(Base64.getDecoder().decode(((JsonString) j).value())));
      }
    }
    return out;
  }
}
