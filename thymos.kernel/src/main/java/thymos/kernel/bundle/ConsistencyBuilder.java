package thymos.kernel.bundle;

import java.util.ArrayList;
import java.util.List;
import thymos.api.crypto.Hash32;
import thymos.api.proof.ConsistencyProof;
import thymos.api.proof.MerkleTree;

/**
 * Builds the consistency proof from size {@code m} to size {@code n} (A3, RFC 9162 §2.1.4.1)
 * while the n leaves stream past, in O(log n) memory: the proof's nodes are the roots of a few
 * disjoint leaf ranges known from (m, n) alone, each summed by its own {@link RootAccumulator}.
 */
final class ConsistencyBuilder {

  private final Hash32 trajectoryId;
  private final long m;
  private final long n;
  private final List<long[]> ranges = new ArrayList<>(); // [from, to), in proof order
  private final List<RootAccumulator> sums = new ArrayList<>();
  private long next;

  /** For {@code 1 <= m <= n}. */
  ConsistencyBuilder(Hash32 trajectoryId, long m, long n) {
    this.trajectoryId = trajectoryId;
    this.m = m;
    this.n = n;
    MerkleTree.consistencyProofLength(m, n);
    subproof(m, 0, n, true);
    ranges.forEach(r -> sums.add(new RootAccumulator()));
  }

  /** SUBPROOF(m, D[from:from+size], b) of RFC 9162 §2.1.4.1, as leaf ranges. */
  private void subproof(long mm, long from, long size, boolean complete) {
    if (mm == size) {
      if (!complete) {
        ranges.add(new long[] {from, from + size});
      }
      return;
    }
    long k = Long.highestOneBit(size - 1);
    if (mm <= k) {
      subproof(mm, from, k, complete);
      ranges.add(new long[] {from + k, from + size});
    } else {
      subproof(mm - k, from + k, size - k, false);
      ranges.add(new long[] {from, from + k});
    }
  }

  /** The leaf at the next position (0, 1, …). */
  void add(Hash32 entryId) {
    byte[] leaf = null;
    for (int i = 0; i < ranges.size(); i++) {
      long[] r = ranges.get(i);
      if (next >= r[0] && next < r[1]) {
        if (leaf == null) {
          leaf = MerkleTree.BLAKE3.leafHash(entryId.bytes());
        }
        sums.get(i).addLeafHash(leaf);
      }
    }
    next++;
  }

  /** The proof, once all {@code n} leaves were added. */
  ConsistencyProof proof() {
    if (next != n) {
      throw new IllegalStateException(next + " of " + n + " leaves added");
    }
    return new ConsistencyProof(trajectoryId, m, n, sums.stream().map(RootAccumulator::root)
        .toList());
  }
}
