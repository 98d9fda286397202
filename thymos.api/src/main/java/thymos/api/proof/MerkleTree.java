package thymos.api.proof;

import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import thymos.api.ProofException;

/**
 * RFC 9162 §2.1 Merkle tree hashing and proof verification over a {@link MerkleHash} (A1–A3):
 * {@code leaf = H(0x00 ‖ data)}, {@code node = H(0x01 ‖ left ‖ right)}, a tree of {@code n > 1}
 * leaves split at the largest power of two smaller than {@code n}. This class holds no tree: it
 * verifies proofs, so an auditor needs nothing but {@code thymos.api}.
 *
 * <p>Every structural fault of a proof — a negative size, an index beyond the tree, a first size
 * above the second or of 0, extra or missing path elements, a hash of the wrong length — is a
 * {@link ProofException} ({@code THY-A200} for inclusion, {@code THY-A300} for consistency)
 * thrown before anything is hashed. A well-formed proof that does not hold is a {@link
 * ProofVerification.Rejected} value. Thread-safe.
 */
public final class MerkleTree {

  /** The tree of trajectories: BLAKE3-256 (A1). */
  public static final MerkleTree BLAKE3 = new MerkleTree(MerkleHash.BLAKE3);

  /** The tree of RFC 9162's test vectors: SHA-256. */
  public static final MerkleTree SHA256 = new MerkleTree(MerkleHash.SHA256);

  private static final byte[] LEAF_PREFIX = {0x00};
  private static final byte[] NODE_PREFIX = {0x01};
  private static final byte[] NOTHING = {};
  private static final HexFormat HEX = HexFormat.of();

  private final MerkleHash hash;

  private MerkleTree(MerkleHash hash) {
    this.hash = Objects.requireNonNull(hash, "hash");
  }

  /** The tree over {@code hash}. */
  public static MerkleTree of(MerkleHash hash) {
    return new MerkleTree(hash);
  }

  /** The hash function. */
  public MerkleHash hash() {
    return hash;
  }

  /** {@code H(0x00 ‖ leaf)} (RFC 9162 §2.1.1); for a trajectory the leaf is the entry id (A1). */
  public byte[] leafHash(byte[] leaf) {
    return hash.digest(LEAF_PREFIX, leaf, 0, leaf.length);
  }

  /** {@code H(0x01 ‖ left ‖ right)} (RFC 9162 §2.1.1). */
  public byte[] nodeHash(byte[] left, byte[] right) {
    byte[] pair = new byte[left.length + right.length];
    System.arraycopy(left, 0, pair, 0, left.length);
    System.arraycopy(right, 0, pair, left.length, right.length);
    return hash.digest(NODE_PREFIX, pair, 0, pair.length);
  }

  /** The root of the empty tree, {@code H()} (RFC 9162 §2.1.1). */
  public byte[] emptyRoot() {
    return hash.digest(NOTHING, NOTHING, 0, 0);
  }

  /**
   * The number of hashes in the audit path of leaf {@code index} in a tree of {@code size}
   * leaves (RFC 9162 §2.1.3.1).
   *
   * @throws ProofException {@code THY-A200} if {@code size < 0} or {@code index} is not in
   *     {@code [0, size)}
   */
  public static int inclusionPathLength(long index, long size) {
    if (size < 0 || index < 0) {
      throw new ProofException("A2", "leaf index and tree size must be >= 0, got index " + index
          + " and tree size " + size);
    }
    if (index >= size) {
      throw new ProofException("A2", "leaf index " + index + " is beyond a tree of size " + size
          + " (index must be < tree size)");
    }
    int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    return inner + Long.bitCount(index >>> inner);
  }

  /**
   * The number of hashes in the consistency proof from a tree of {@code first} leaves to one of
   * {@code second} leaves (RFC 9162 §2.1.4.1): 0 when the sizes are equal.
   *
   * @throws ProofException {@code THY-A300} if {@code first} is 0 (a proof from the empty tree
   *     proves nothing) or negative, or {@code first > second}
   */
  public static int consistencyProofLength(long first, long second) {
    if (first < 0 || second < 0) {
      throw new ProofException("A3", "tree sizes must be >= 0, got first size " + first
          + " and second size " + second);
    }
    if (first > second) {
      throw new ProofException("A3", "first size " + first + " exceeds second size " + second
          + " (a tree only grows)");
    }
    if (first == 0) {
      throw new ProofException("A3", "first size is 0: a consistency proof from the empty tree"
          + " proves nothing (second size " + second + ")");
    }
    if (first == second) {
      return 0;
    }
    int inner = 64 - Long.numberOfLeadingZeros((first - 1) ^ (second - 1));
    int border = Long.bitCount((first - 1) >>> inner);
    int shift = Long.numberOfTrailingZeros(first);
    int seed = first == Long.lowestOneBit(first) ? 0 : 1; // a power of two is its own seed
    return seed + (inner - shift) + border;
  }

  /**
   * The root an audit path leads to from {@code leafHash} at {@code index} in a tree of {@code
   * size} leaves (RFC 9162 §2.1.3.2, steps 1–5).
   *
   * @throws ProofException {@code THY-A200} for a size or index out of range, a path with extra
   *     or missing elements, or a leaf hash or path element of the wrong length
   */
  public byte[] rootFromInclusionProof(long index, long size, byte[] leafHash, List<byte[]> path) {
    int want = inclusionPathLength(index, size);
    if (path.size() != want) {
      throw new ProofException("A2", "audit path of leaf " + index + " in a tree of size " + size
          + " has " + path.size() + " elements, expected " + want + " ("
          + (path.size() > want ? "extra" : "missing") + " elements)");
    }
    requireLength("A2", "leaf hash", leafHash);
    for (int i = 0; i < path.size(); i++) {
      requireLength("A2", "path[" + i + "]", path.get(i));
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : path) {
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return r; // the length check above guarantees sn == 0 here
  }

  /**
   * Checks an audit path (RFC 9162 §2.1.3.2): that {@code leafHash} is leaf {@code index} of the
   * tree of {@code size} leaves whose root is {@code root}.
   *
   * @return {@link ProofVerification.Verified}, or {@link ProofVerification.Rejected} (check
   *     {@code root}) when the recomputed root differs
   * @throws ProofException {@code THY-A200} as {@link #rootFromInclusionProof}, or for a root of
   *     the wrong length
   */
  public ProofVerification verifyInclusion(long index, long size, byte[] leafHash,
      List<byte[]> path, byte[] root) {
    inclusionPathLength(index, size);
    requireLength("A2", "root", root);
    byte[] computed = rootFromInclusionProof(index, size, leafHash, path);
    return compare("A2", "root", root, computed);
  }

  /**
   * Checks a consistency proof (RFC 9162 §2.1.4.2): that the tree of {@code first} leaves with
   * root {@code firstRoot} is a prefix of the tree of {@code second} leaves with root {@code
   * secondRoot}. Equal sizes need an empty proof and equal roots, compared as given (nothing is
   * hashed, so their length is not checked).
   *
   * @return {@link ProofVerification.Verified}, or {@link ProofVerification.Rejected} naming
   *     {@code first_root} or {@code second_root}
   * @throws ProofException {@code THY-A300} as {@link #consistencyProofLength}, for a proof with
   *     extra or missing elements, or a hash of the wrong length
   */
  public ProofVerification verifyConsistency(long first, long second, byte[] firstRoot,
      byte[] secondRoot, List<byte[]> proof) {
    int want = consistencyProofLength(first, second);
    if (proof.size() != want) {
      throw new ProofException("A3", "consistency proof from size " + first + " to size "
          + second + " has " + proof.size() + " elements, expected " + want + " ("
          + (proof.size() > want ? "extra" : "missing") + " elements)");
    }
    if (first == second) {
      return compare("A3", "second_root", firstRoot, secondRoot);
    }
    requireLength("A3", "first root", firstRoot);
    requireLength("A3", "second root", secondRoot);
    for (int i = 0; i < proof.size(); i++) {
      requireLength("A3", "proof[" + i + "]", proof.get(i));
    }
    int next = 0;
    byte[] seed;
    if (first == Long.lowestOneBit(first)) {
      seed = firstRoot; // RFC 9162 §2.1.4.2 step 2: a power of two is its own subtree
    } else {
      seed = proof.get(next++);
    }
    long fn = first - 1;
    long sn = second - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = seed;
    byte[] sr = seed;
    for (; next < proof.size(); next++) {
      byte[] c = proof.get(next);
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    ProofVerification firstCheck = compare("A3", "first_root", firstRoot, fr);
    return firstCheck.verified() ? compare("A3", "second_root", secondRoot, sr) : firstCheck;
  }

  private void requireLength(String rule, String what, byte[] value) {
    Objects.requireNonNull(value, what);
    if (value.length != hash.length()) {
      throw new ProofException(rule, what + " is " + value.length + " bytes, expected "
          + hash.length() + " (" + hash.name() + ")");
    }
  }

  private static ProofVerification compare(String rule, String check, byte[] expected,
      byte[] actual) {
    return java.security.MessageDigest.isEqual(expected, actual)
        ? ProofVerification.Verified.INSTANCE
        : new ProofVerification.Rejected(rule, check, HEX.formatHex(expected),
            HEX.formatHex(actual));
  }
}
