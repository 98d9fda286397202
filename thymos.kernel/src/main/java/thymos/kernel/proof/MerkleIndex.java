package thymos.kernel.proof;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import thymos.api.ProofException;
import thymos.api.crypto.Hash32;
import thymos.api.proof.MerkleHash;
import thymos.api.proof.MerkleTree;

/**
 * An append-only index of a Merkle tree (A1) from which roots and proofs of any size up to
 * {@link #size()} are read without rehashing the leaves: it keeps every <em>complete</em>
 * subtree hash — level {@code j} holds the roots of the aligned subtrees of {@code 2^j} leaves,
 * {@code size >> j} of them — in compact chunked byte arrays, one per level.
 *
 * <p><b>Cost.</b> Appending a leaf hashes it and, amortised, one node (a level-{@code j} node is
 * made when its right child arrives). Memory is {@code (2·size − popcount(size)) × 32} bytes of
 * hashes — 64 bytes per leaf, about 64 MB for 1,000,000 entries — plus at most one partly
 * filled chunk per level. A root or proof of any size {@code n ≤ size()} reads at most {@code
 * 2·log2(n)} stored hashes and computes at most {@code log2(n)} nodes for the one ragged
 * (not yet complete) right edge, whatever {@code n}.
 *
 * <p>Thread-safe: appends and reads are serialised on the index.
 */
public final class MerkleIndex {

  /** Hashes per full chunk: 4096 × 32 bytes = 128 KiB, so growth never copies a whole level. */
  private static final int CHUNK_SHIFT = 12;
  private static final int CHUNK = 1 << CHUNK_SHIFT;
  private static final byte[] LEAF_PREFIX = {0x00};
  private static final byte[] NODE_PREFIX = {0x01};

  private final MerkleTree tree;
  private final MerkleHash hash;
  private final int len;
  private final List<Level> levels = new ArrayList<>();
  private long size;

  /** An empty index over {@code hash}. */
  public MerkleIndex(MerkleHash hash) {
    this.hash = Objects.requireNonNull(hash, "hash");
    this.tree = MerkleTree.of(hash);
    this.len = hash.length();
  }

  /** An empty index over BLAKE3-256, the tree of trajectories (A1). */
  public static MerkleIndex blake3() {
    return new MerkleIndex(MerkleHash.BLAKE3);
  }

  /** The hash function. */
  public MerkleHash hash() {
    return hash;
  }

  /** The number of leaves. */
  public synchronized long size() {
    return size;
  }

  /** Appends the leaf for entry id {@code entryId}: {@code H(0x00 ‖ id)} (A1). */
  public void append(Hash32 entryId) {
    byte[] id = entryId.bytes();
    appendLeafHash(hash.digest(LEAF_PREFIX, id, 0, id.length));
  }

  /**
   * Appends a leaf by its leaf hash (already {@code H(0x00 ‖ data)}).
   *
   * @throws IllegalArgumentException if {@code leafHash} is not {@link MerkleHash#length()} bytes
   */
  public synchronized void appendLeafHash(byte[] leafHash) {
    if (leafHash.length != len) {
      throw new IllegalArgumentException("leaf hash is " + leafHash.length + " bytes, expected "
          + len);
    }
    byte[] h = leafHash;
    for (int j = 0; ; j++) {
      if (levels.size() == j) {
        levels.add(new Level(len));
      }
      Level level = levels.get(j);
      long count = level.add(h);
      if ((count & 1) == 1) {
        break;
      }
      // a right child completed a pair: its parent is the next level's newest node
      long left = count - 2;
      h = hash.digest(NODE_PREFIX, level.chunk(left), level.offset(left), 2 * len);
    }
    size++;
  }

  /**
   * The root of the tree over the first {@code treeSize} leaves (RFC 9162 §2.1.1).
   *
   * @throws ProofException {@code THY-A100} if {@code treeSize} is not in {@code [1, size()]}
   */
  public synchronized byte[] root(long treeSize) {
    if (treeSize < 1 || treeSize > size) {
      throw new ProofException("A1", "tree size " + treeSize + " is outside 1.." + size
          + " (the indexed leaves)");
    }
    return range(0, treeSize);
  }

  /**
   * The audit path of leaf {@code index} in the tree of the first {@code treeSize} leaves (RFC
   * 9162 §2.1.3.1), leaf to root.
   *
   * @throws ProofException {@code THY-A200} if {@code index} is not in {@code [0, treeSize)} or
   *     {@code treeSize} exceeds {@link #size()}
   */
  public synchronized List<byte[]> inclusionPath(long index, long treeSize) {
    int length = MerkleTree.inclusionPathLength(index, treeSize);
    requireIndexed("A2", treeSize);
    byte[][] out = new byte[length][];
    int at = length;
    long lo = 0;
    long hi = treeSize;
    while (hi - lo > 1) {
      long k = Long.highestOneBit(hi - lo - 1);
      if (index < lo + k) {
        out[--at] = range(lo + k, hi);
        hi = lo + k;
      } else {
        out[--at] = complete(lo, k);
        lo += k;
      }
    }
    return Arrays.asList(out);
  }

  /**
   * The consistency proof from the first {@code first} leaves to the first {@code second} (RFC
   * 9162 §2.1.4.1): empty when they are equal.
   *
   * @throws ProofException {@code THY-A300} if {@code first} is 0 or above {@code second}, or
   *     {@code second} exceeds {@link #size()}
   */
  public synchronized List<byte[]> consistencyProof(long first, long second) {
    int length = MerkleTree.consistencyProofLength(first, second);
    requireIndexed("A3", second);
    byte[][] out = new byte[length][];
    int at = length;
    long lo = 0;
    long hi = second;
    boolean whole = true; // SUBPROOF's b: still on the left edge, whose root the verifier has
    while (first != hi) {
      long k = Long.highestOneBit(hi - lo - 1);
      if (first - lo <= k) {
        out[--at] = range(lo + k, hi);
        hi = lo + k;
      } else {
        out[--at] = complete(lo, k);
        lo += k;
        whole = false;
      }
    }
    if (!whole) {
      out[--at] = range(lo, hi);
    }
    return Arrays.asList(out);
  }

  /**
   * The stored leaf hash at {@code index}.
   *
   * @throws ProofException {@code THY-A100} if {@code index} is not in {@code [0, size())}
   */
  public synchronized byte[] leafHash(long index) {
    if (index < 0 || index >= size) {
      throw new ProofException("A1", "leaf " + index + " is outside the " + size
          + " indexed leaves");
    }
    return complete(index, 1);
  }

  /** Bytes held for hashes (allocated chunk capacity, all levels). */
  public synchronized long memoryBytes() {
    long total = 0;
    for (Level level : levels) {
      total += level.capacityBytes();
    }
    return total;
  }

  private void requireIndexed(String rule, long treeSize) {
    if (treeSize > size) {
      throw new ProofException(rule, "tree size " + treeSize + " exceeds the " + size
          + " indexed leaves");
    }
  }

  /** The stored root of the complete subtree of {@code width} (a power of two) leaves at lo. */
  private byte[] complete(long lo, long width) {
    int j = Long.numberOfTrailingZeros(width);
    Level level = levels.get(j);
    long i = lo >>> j;
    return Arrays.copyOfRange(level.chunk(i), level.offset(i), level.offset(i) + len);
  }

  /**
   * MTH of leaves {@code [lo, hi)} where {@code lo} is aligned to the largest power of two
   * below {@code hi − lo}: the complete subtrees of its binary decomposition, folded right to
   * left (RFC 9162's split puts the largest complete subtree on the left).
   */
  private byte[] range(long lo, long hi) {
    long width = hi - lo;
    long rest = width;
    long start = lo;
    byte[][] parts = new byte[Long.bitCount(width)][];
    int p = 0;
    while (rest != 0) {
      long w = Long.highestOneBit(rest);
      parts[p++] = complete(start, w);
      start += w;
      rest -= w;
    }
    byte[] h = parts[p - 1];
    for (int i = p - 2; i >= 0; i--) {
      h = tree.nodeHash(parts[i], h);
    }
    return h;
  }

  /** One level's hashes: full chunks of {@link #CHUNK} hashes and a last one that grows. */
  private static final class Level {
    private final int len;
    private byte[][] chunks = new byte[1][];
    private long count;

    Level(int len) {
      this.len = len;
      chunks[0] = new byte[2 * len];
    }

    /** Adds a hash; returns the new count. */
    long add(byte[] h) {
      int c = (int) (count >>> CHUNK_SHIFT);
      int within = (int) (count & (CHUNK - 1));
      if (c == chunks.length) {
        chunks = Arrays.copyOf(chunks, chunks.length * 2);
      }
      byte[] chunk = chunks[c];
      if (chunk == null) {
        chunk = chunks[c] = new byte[2 * len];
      } else if ((within + 1) * len > chunk.length) {
        chunk = chunks[c] = Arrays.copyOf(chunk, Math.min(chunk.length * 2, CHUNK * len));
      }
      System.arraycopy(h, 0, chunk, within * len, len);
      return ++count;
    }

    byte[] chunk(long i) {
      return chunks[(int) (i >>> CHUNK_SHIFT)];
    }

    int offset(long i) {
      return (int) (i & (CHUNK - 1)) * len;
    }

    long capacityBytes() {
      long total = 0;
      for (byte[] c : chunks) {
        total += c == null ? 0 : c.length;
      }
      return total;
    }
  }
}
