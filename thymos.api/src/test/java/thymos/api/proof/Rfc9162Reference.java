package thymos.api.proof;

import java.util.ArrayList;
import java.util.List;

/**
 * A naive recursive transcription of RFC 9162 §2.1 — MTH, PATH and PROOF/SUBPROOF exactly as
 * the RFC writes them, over explicit leaf lists — used as the oracle for the fast code.
 */
final class Rfc9162Reference {

  private final MerkleTree tree;

  Rfc9162Reference(MerkleTree tree) {
    this.tree = tree;
  }

  /** MTH(D[n]) over leaf hashes. */
  byte[] root(List<byte[]> leafHashes) {
    int n = leafHashes.size();
    if (n == 0) {
      return tree.emptyRoot();
    }
    if (n == 1) {
      return leafHashes.get(0);
    }
    int k = split(n);
    return tree.nodeHash(root(leafHashes.subList(0, k)), root(leafHashes.subList(k, n)));
  }

  /** PATH(m, D[n]). */
  List<byte[]> path(int m, List<byte[]> leafHashes) {
    int n = leafHashes.size();
    List<byte[]> out = new ArrayList<>();
    if (n <= 1) {
      return out;
    }
    int k = split(n);
    if (m < k) {
      out.addAll(path(m, leafHashes.subList(0, k)));
      out.add(root(leafHashes.subList(k, n)));
    } else {
      out.addAll(path(m - k, leafHashes.subList(k, n)));
      out.add(root(leafHashes.subList(0, k)));
    }
    return out;
  }

  /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true), for 0 < m <= n. */
  List<byte[]> proof(int m, List<byte[]> leafHashes) {
    return subproof(m, leafHashes, true);
  }

  private List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(root(d));
      }
      return out;
    }
    int k = split(n);
    if (m <= k) {
      out.addAll(subproof(m, d.subList(0, k), b));
      out.add(root(d.subList(k, n)));
    } else {
      out.addAll(subproof(m - k, d.subList(k, n), false));
      out.add(root(d.subList(0, k)));
    }
    return out;
  }

  /** The largest power of two smaller than {@code n} (n > 1). */
  static int split(int n) {
    int k = 1;
    while (k << 1 < n) {
      k <<= 1;
    }
    return k;
  }
}
