package thymos.api.model;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A persistent AVL tree from {@link ResourceKey} to {@link ResourceState}: {@link #put} copies only
 * the path to the changed node (O(log n)), so every earlier root stays a valid, unchanged snapshot.
 * This is what lets a run hand an immutable {@link World} to each compile and tool call without
 * copying the world per commit. Keys are never removed (M5: retraction keeps the resource).
 */
final class ResourceTree {

  private ResourceTree() {}

  /** A tree node; {@code null} is the empty tree. */
  record Node(ResourceKey key, ResourceState state, Node left, Node right, int height, int size) {}

  static int size(Node n) {
    return n == null ? 0 : n.size;
  }

  private static int height(Node n) {
    return n == null ? 0 : n.height;
  }

  private static Node node(ResourceKey k, ResourceState s, Node l, Node r) {
    return new Node(k, s, l, r, Math.max(height(l), height(r)) + 1, size(l) + size(r) + 1);
  }

  static ResourceState get(Node n, ResourceKey key) {
    while (n != null) {
      int c = key.compareTo(n.key);
      if (c == 0) {
        return n.state;
      }
      n = c < 0 ? n.left : n.right;
    }
    return null;
  }

  /** The tree with {@code key} mapped to {@code state}; {@code n} is unchanged. */
  static Node put(Node n, ResourceKey key, ResourceState state) {
    if (n == null) {
      return node(key, state, null, null);
    }
    int c = key.compareTo(n.key);
    if (c == 0) {
      return new Node(key, state, n.left, n.right, n.height, n.size);
    }
    return c < 0 ? balance(n.key, n.state, put(n.left, key, state), n.right)
        : balance(n.key, n.state, n.left, put(n.right, key, state));
  }

  private static Node balance(ResourceKey k, ResourceState s, Node l, Node r) {
    int diff = height(l) - height(r);
    if (diff > 1) {
      if (height(l.left) < height(l.right)) {
        l = rotateLeft(l.key, l.state, l.left, l.right);
      }
      return rotateRight(k, s, l, r);
    }
    if (diff < -1) {
      if (height(r.right) < height(r.left)) {
        r = rotateRight(r.key, r.state, r.left, r.right);
      }
      return rotateLeft(k, s, l, r);
    }
    return node(k, s, l, r);
  }

  private static Node rotateRight(ResourceKey k, ResourceState s, Node l, Node r) {
    return node(l.key, l.state, l.left, node(k, s, l.right, r));
  }

  private static Node rotateLeft(ResourceKey k, ResourceState s, Node l, Node r) {
    return node(r.key, r.state, node(k, s, l, r.left), r.right);
  }

  /** A balanced tree over entries already sorted by key without duplicates, in O(n). */
  static Node fromSorted(List<Map.Entry<ResourceKey, ResourceState>> sorted) {
    return build(sorted, 0, sorted.size());
  }

  private static Node build(List<Map.Entry<ResourceKey, ResourceState>> e, int from, int to) {
    if (from >= to) {
      return null;
    }
    int mid = (from + to) >>> 1;
    return node(e.get(mid).getKey(), e.get(mid).getValue(), build(e, from, mid),
        build(e, mid + 1, to));
  }

  /** Visits every mapping in key order. */
  static void forEach(Node n, BiConsumer<ResourceKey, ResourceState> visit) {
    if (n != null) {
      forEach(n.left, visit);
      visit.accept(n.key, n.state);
      forEach(n.right, visit);
    }
  }
}
