package thymos.api.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import thymos.api.ProofException;

/**
 * Soundness and completeness of the RFC 9162 verifiers (A1–A3) against the naive recursive
 * reference, over random trees of random entry ids, with BLAKE3 and SHA-256: every honest proof
 * verifies; a flipped bit anywhere is {@link ProofVerification.Rejected}; a wrong index or size is
 * a {@link ProofException} when the proof's shape no longer fits (checked before any hashing) and
 * a rejection otherwise.
 */
class MerkleProofProperties {

  @Provide
  Arbitrary<MerkleTree> trees() {
    return Arbitraries.of(MerkleTree.BLAKE3, MerkleTree.SHA256);
  }

  static List<byte[]> leaves(MerkleTree tree, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] id = new byte[32];
      r.nextBytes(id);
      out.add(tree.leafHash(id));
    }
    return out;
  }

  @Property(tries = 60)
  @Label("A2 A3 every inclusion and every consistency proof of a random tree verifies")
  void required_A2_A3_everyHonestProofVerifies(@ForAll("trees") MerkleTree tree,
      @ForAll @IntRange(min = 1, max = 70) int n, @ForAll long seed) {
    List<byte[]> d = leaves(tree, n, seed);
    Rfc9162Reference ref = new Rfc9162Reference(tree);
    byte[] root = ref.root(d);
    for (int i = 0; i < n; i++) {
      List<byte[]> path = ref.path(i, d);
      assertEquals(MerkleTree.inclusionPathLength(i, n), path.size());
      assertArrayEquals(root, tree.rootFromInclusionProof(i, n, d.get(i), path));
      assertTrue(tree.verifyInclusion(i, n, d.get(i), path, root).verified(), "leaf " + i);
    }
    for (int m = 1; m <= n; m++) {
      List<byte[]> proof = ref.proof(m, d);
      assertEquals(MerkleTree.consistencyProofLength(m, n), proof.size());
      assertTrue(tree.verifyConsistency(m, n, ref.root(d.subList(0, m)), root, proof).verified(),
          "m " + m);
    }
  }

  @Property(tries = 300)
  @Label("A2 a flipped bit in the leaf, a path element or the root is rejected")
  void required_A2_flippedBitIsRejected(@ForAll("trees") MerkleTree tree,
      @ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 0, max = 299) int i0,
      @ForAll @IntRange(min = 0, max = 40) int where, @ForAll @IntRange(min = 0, max = 255) int bit,
      @ForAll long seed) {
    int i = i0 % n;
    List<byte[]> d = leaves(tree, n, seed);
    Rfc9162Reference ref = new Rfc9162Reference(tree);
    byte[] root = ref.root(d);
    byte[] leaf = d.get(i).clone();
    List<byte[]> path = new ArrayList<>(ref.path(i, d));
    int target = where % (path.size() + 2);
    if (target == 0) {
      flip(leaf, bit);
    } else if (target == 1) {
      root = root.clone();
      flip(root, bit);
    } else {
      byte[] p = path.get(target - 2).clone();
      flip(p, bit);
      path.set(target - 2, p);
    }
    ProofVerification v = tree.verifyInclusion(i, n, leaf, path, root);
    ProofVerification.Rejected r = assertInstanceOf(ProofVerification.Rejected.class, v);
    assertEquals("root", r.check());
    assertThrows(ProofException.class, v::orThrow);
  }

  @Property(tries = 300)
  @Label("A2 a wrong leaf index fails: ProofException if the path no longer fits, else rejected")
  void required_A2_wrongIndexFails(@ForAll("trees") MerkleTree tree,
      @ForAll @IntRange(min = 2, max = 300) int n, @ForAll @IntRange(min = 0, max = 299) int i0,
      @ForAll @IntRange(min = -2, max = 299) int j0, @ForAll long seed) {
    int i = i0 % n;
    long j = j0 == i ? i + n : j0; // -2, -1, beyond the tree, or another leaf
    List<byte[]> d = leaves(tree, n, seed);
    Rfc9162Reference ref = new Rfc9162Reference(tree);
    List<byte[]> path = ref.path(i, d);
    expectFailure(tree, () -> tree.verifyInclusion(j, n, d.get(i), path, ref.root(d)),
        fits(j, n, path.size()), "A2");
  }

  @Property(tries = 300)
  @Label("A2 a proof for one tree size fails for another size and its root")
  void required_A2_wrongSizeFails(@ForAll("trees") MerkleTree tree,
      @ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 0, max = 600) int n2,
      @ForAll @IntRange(min = 0, max = 299) int i0, @ForAll long seed) {
    int i = i0 % n;
    int other = n2 == n ? n + 1 : n2;
    List<byte[]> d = leaves(tree, Math.max(n, other), seed);
    Rfc9162Reference ref = new Rfc9162Reference(tree);
    List<byte[]> path = ref.path(i, d.subList(0, n));
    byte[] otherRoot = ref.root(d.subList(0, other));
    expectFailure(tree, () -> tree.verifyInclusion(i, other, d.get(i), path, otherRoot),
        fits(i, other, path.size()), "A2");
  }

  @Property(tries = 300)
  @Label("A3 a flipped bit in a consistency proof element or either root is rejected")
  void required_A3_flippedBitIsRejected(@ForAll("trees") MerkleTree tree,
      @ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 1, max = 300) int m0,
      @ForAll @IntRange(min = 0, max = 40) int where, @ForAll @IntRange(min = 0, max = 255) int bit,
      @ForAll long seed) {
    int m = 1 + (m0 - 1) % n;
    List<byte[]> d = leaves(tree, n, seed);
    Rfc9162Reference ref = new Rfc9162Reference(tree);
    byte[] first = ref.root(d.subList(0, m)).clone();
    byte[] second = ref.root(d).clone();
    List<byte[]> proof = new ArrayList<>(ref.proof(m, d));
    int target = where % (proof.size() + 2);
    if (target == 0) {
      flip(first, bit);
    } else if (target == 1) {
      flip(second, bit);
    } else {
      byte[] p = proof.get(target - 2).clone();
      flip(p, bit);
      proof.set(target - 2, p);
    }
    ProofVerification v = tree.verifyConsistency(m, n, first, second, proof);
    assertInstanceOf(ProofVerification.Rejected.class, v);
    assertEquals("A3", ((ProofVerification.Rejected) v).rule());
  }

  @Property(tries = 300)
  @Label("A3 a consistency proof fails for other sizes and their roots")
  void required_A3_wrongSizesFail(@ForAll("trees") MerkleTree tree,
      @ForAll @IntRange(min = 1, max = 200) int n, @ForAll @IntRange(min = 1, max = 200) int m0,
      @ForAll @IntRange(min = 0, max = 400) int changed, @ForAll boolean changeFirst,
      @ForAll long seed) {
    int m = 1 + (m0 - 1) % n;
    List<byte[]> d = leaves(tree, 401, seed);
    Rfc9162Reference ref = new Rfc9162Reference(tree);
    List<byte[]> proof = ref.proof(m, d.subList(0, n));
    int m2 = changeFirst ? (changed == m ? m + 1 : changed) : m;
    int n2 = changeFirst ? n : (changed == n ? n + 1 : changed);
    byte[] r1 = ref.root(d.subList(0, m2));
    byte[] r2 = ref.root(d.subList(0, n2));
    boolean fits = m2 >= 1 && m2 <= n2
        && MerkleTree.consistencyProofLength(m2, n2) == proof.size();
    expectFailure(tree, () -> tree.verifyConsistency(m2, n2, r1, r2, proof), fits, "A3");
  }

  @Property(tries = 200)
  @Label("A2 A3 malformed proofs are refused before anything is hashed")
  void required_A2_A3_malformedProofsAreRefusedBeforeHashing(
      @ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 0, max = 299) int i0,
      @ForAll @IntRange(min = 0, max = 4) int fault, @ForAll long seed) {
    int i = i0 % n;
    List<byte[]> d = leaves(MerkleTree.SHA256, n, seed);
    Rfc9162Reference ref = new Rfc9162Reference(MerkleTree.SHA256);
    List<byte[]> path = new ArrayList<>(ref.path(i, d));
    byte[] root = ref.root(d);
    byte[] leaf = d.get(i);
    switch (fault) {
      case 0 -> path.add(root); // extra element
      case 1 -> leaf = new byte[31]; // a leaf hash of the wrong length
      case 2 -> root = new byte[33];
      case 3 -> path.add(0, new byte[32]);
      default -> {
        if (path.isEmpty()) {
          path.add(new byte[32]);
        } else {
          path.remove(path.size() - 1); // missing element
        }
      }
    }
    AtomicInteger digests = new AtomicInteger();
    MerkleTree counting = MerkleTree.of(counting(digests));
    byte[] l = leaf;
    byte[] r = root;
    ProofException e = assertThrows(ProofException.class,
        () -> counting.verifyInclusion(i, n, l, path, r));
    assertEquals("THY-A200", e.code());
    assertEquals(0, digests.get(), "hashed before refusing");

    ProofException c = assertThrows(ProofException.class,
        () -> counting.verifyConsistency(n + 1, n, r, r, List.of()));
    assertEquals("THY-A300", c.code());
    assertThrows(ProofException.class, () -> counting.verifyConsistency(0, n, r, r, List.of()));
    assertThrows(ProofException.class, () -> counting.verifyInclusion(n, n, l, List.of(), r));
    assertEquals(0, digests.get(), "hashed before refusing");
  }

  private static MerkleHash counting(AtomicInteger calls) {
    return new MerkleHash() {
      @Override
      public String name() {
        return "counting sha-256";
      }

      @Override
      public int length() {
        return 32;
      }

      @Override
      public byte[] digest(byte[] head, byte[] data, int off, int len) {
        calls.incrementAndGet();
        return MerkleHash.SHA256.digest(head, data, off, len);
      }
    };
  }

  private static boolean fits(long index, long size, int pathLength) {
    return index >= 0 && index < size
        && MerkleTree.inclusionPathLength(index, size) == pathLength;
  }

  private static void expectFailure(MerkleTree tree, java.util.function.Supplier<ProofVerification>
      check, boolean shapeFits, String rule) {
    if (shapeFits) {
      ProofVerification v = check.get();
      assertFalse(v.verified(), "a wrong proof verified");
      assertEquals(rule, ((ProofVerification.Rejected) v).rule());
    } else {
      ProofException e = assertThrows(ProofException.class, check::get);
      assertEquals(ProofException.codeFor(rule), e.code());
    }
  }

  private static void flip(byte[] b, int bit) {
    b[(bit / 8) % b.length] ^= (byte) (1 << (bit % 8));
  }
}
