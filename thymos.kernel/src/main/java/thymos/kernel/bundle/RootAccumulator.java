package thymos.kernel.bundle;

import java.util.ArrayList;
import java.util.List;
import thymos.api.crypto.Hash32;
import thymos.api.proof.MerkleTree;

/**
 * The RFC 9162 Merkle root (A1) of a stream of entry ids in O(log n) memory: a stack of complete
 * subtree roots, merged like a binary counter; the root folds the stack from the right, which
 * splits at the largest power of two below the size exactly as MTH does.
 */
final class RootAccumulator {

  private static final MerkleTree TREE = MerkleTree.BLAKE3;
  private final List<byte[]> hashes = new ArrayList<>();
  private final List<Long> sizes = new ArrayList<>();
  private long count;

  void add(Hash32 entryId) {
    addLeafHash(TREE.leafHash(entryId.bytes()));
  }

  void addLeafHash(byte[] leafHash) {
    byte[] h = leafHash;
    long size = 1;
    while (!sizes.isEmpty() && sizes.getLast() == size) {
      h = TREE.nodeHash(hashes.removeLast(), h);
      size += sizes.removeLast();
    }
    hashes.add(h);
    sizes.add(size);
    count++;
  }

  long size() {
    return count;
  }

  /** The root of the leaves so far; at least one leaf is needed. */
  Hash32 root() {
    if (count == 0) {
      throw new IllegalStateException("no leaves");
    }
    byte[] h = hashes.getLast();
    for (int i = hashes.size() - 2; i >= 0; i--) {
      h = TREE.nodeHash(hashes.get(i), h);
    }
    return Hash32.of(h);
  }
}
