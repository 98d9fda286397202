package thymos.kernel.proof;

import java.util.ArrayList;
import java.util.List;
import thymos.api.proof.MerkleTree;

/**
 * RFC 9162 §2.1 written the naive recursive way (MTH, PATH, SUBPROOF over explicit leaf lists):
 * the oracle the index and the prover are compared with.
 */
final class NaiveMerkle {

  private final MerkleTree tree;

  NaiveMerkle(MerkleTree tree) {
    this.tree = tree;
  }

  byte[] mth(List<byte[]> d) {
    int n = d.size();
    if (n == 0) {
      return tree.emptyRoot();
    }
    if (n == 1) {
      return d.get(0);
    }
    int k = split(n);
    return tree.nodeHash(mth(d.subList(0, k)), mth(d.subList(k, n)));
  }

  List<byte[]> path(int m, List<byte[]> d) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (n > 1) {
      int k = split(n);
      if (m < k) {
        out.addAll(path(m, d.subList(0, k)));
        out.add(mth(d.subList(k, n)));
      } else {
        out.addAll(path(m - k, d.subList(k, n)));
        out.add(mth(d.subList(0, k)));
      }
    }
    return out;
  }

  List<byte[]> proof(int m, List<byte[]> d) {
    return subproof(m, d, true);
  }

  private List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(mth(d));
      }
      return out;
    }
    int k = split(n);
    if (m <= k) {
      out.addAll(subproof(m, d.subList(0, k), b));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(subproof(m - k, d.subList(k, n), false));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  private static int split(int n) {
    int k = 1;
    while (k << 1 < n) {
      k <<= 1;
    }
    return k;
  }
}
