package thymos.kernel.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import thymos.api.ProofException;
import thymos.api.crypto.Hash32;
import thymos.api.proof.MerkleHash;
import thymos.api.proof.MerkleTree;

/**
 * The index (A1–A3) gives exactly the roots and proofs of the naive recursive RFC 9162
 * definitions, at every size while it grows, with BLAKE3 and SHA-256, and those proofs verify
 * with {@code thymos.api} alone.
 */
class MerkleIndexProperties {

  @Provide
  Arbitrary<MerkleHash> hashes() {
    return Arbitraries.of(MerkleHash.BLAKE3, MerkleHash.SHA256);
  }

  @Property(tries = 40)
  @Label("A1 A2 A3 the growing index agrees with the naive definitions at every size")
  void required_A1_A2_A3_indexAgreesWithNaiveDefinitions(@ForAll("hashes") MerkleHash hash,
      @ForAll @IntRange(min = 1, max = 60) int n, @ForAll long seed) {
    MerkleTree tree = MerkleTree.of(hash);
    NaiveMerkle naive = new NaiveMerkle(tree);
    MerkleIndex index = new MerkleIndex(hash);
    SplittableRandom r = new SplittableRandom(seed);
    List<byte[]> leaves = new ArrayList<>();
    for (int size = 1; size <= n; size++) {
      byte[] id = new byte[32];
      r.nextBytes(id);
      index.append(Hash32.of(id));
      leaves.add(tree.leafHash(id));
      List<byte[]> d = leaves.subList(0, size);
      byte[] root = naive.mth(d);
      assertEquals(size, index.size());
      assertArrayEquals(root, index.root(size), "root " + size);
      for (int i = 0; i < size; i++) {
        List<byte[]> path = index.inclusionPath(i, size);
        assertEquals(hex(naive.path(i, d)), hex(path), "path " + i + " of " + size);
        assertTrue(tree.verifyInclusion(i, size, d.get(i), path, root).verified());
      }
      for (int m = 1; m <= size; m++) {
        List<byte[]> proof = index.consistencyProof(m, size);
        assertEquals(hex(naive.proof(m, d)), hex(proof), "proof " + m + " to " + size);
        assertTrue(tree.verifyConsistency(m, size, naive.mth(d.subList(0, m)), root, proof)
            .verified());
      }
    }
  }

  @Property(tries = 30)
  @Label("A1 A2 A3 large random trees: sampled proofs agree with the naive definitions")
  void required_A1_A2_A3_largeTreesAgree(@ForAll @IntRange(min = 1, max = 5000) int n,
      @ForAll long seed) {
    MerkleTree tree = MerkleTree.BLAKE3;
    NaiveMerkle naive = new NaiveMerkle(tree);
    MerkleIndex index = MerkleIndex.blake3();
    SplittableRandom r = new SplittableRandom(seed);
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] id = new byte[32];
      r.nextBytes(id);
      index.append(Hash32.of(id));
      leaves.add(tree.leafHash(id));
    }
    for (int t = 0; t < 5; t++) {
      int size = 1 + r.nextInt(n);
      int i = r.nextInt(size);
      int m = 1 + r.nextInt(size);
      List<byte[]> d = leaves.subList(0, size);
      assertArrayEquals(naive.mth(d), index.root(size));
      assertEquals(hex(naive.path(i, d)), hex(index.inclusionPath(i, size)));
      assertEquals(hex(naive.proof(m, d)), hex(index.consistencyProof(m, size)));
    }
    assertTrue(index.memoryBytes() >= (2L * n - Long.bitCount(n)) * 32);
  }

  @Property(tries = 100)
  @Label("A1 A2 A3 sizes beyond the index are typed errors")
  void required_A1_A2_A3_beyondTheIndexIsTyped(@ForAll @IntRange(min = 0, max = 100) int n) {
    MerkleIndex index = MerkleIndex.blake3();
    for (int i = 0; i < n; i++) {
      index.append(Hash32.of(new byte[32]));
    }
    assertEquals("THY-A100", assertThrows(ProofException.class, () -> index.root(n + 1)).code());
    assertEquals("THY-A100", assertThrows(ProofException.class, () -> index.root(0)).code());
    assertEquals("THY-A200", assertThrows(ProofException.class,
        () -> index.inclusionPath(0, n + 1)).code());
    assertEquals("THY-A200", assertThrows(ProofException.class,
        () -> index.inclusionPath(n, n)).code());
    assertEquals("THY-A300", assertThrows(ProofException.class,
        () -> index.consistencyProof(1, n + 1)).code());
    assertEquals("THY-A300", assertThrows(ProofException.class,
        () -> index.consistencyProof(0, n)).code());
  }

  static List<String> hex(List<byte[]> l) {
    return l.stream().map(HexFormat.of()::formatHex).toList();
  }
}
