package thymos.api.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * Content ids (E2.2) of many canonical documents, computed together: BLAKE3 then compresses the
 * chunks of all of them side by side, which the JIT turns into SIMD instructions — several times
 * faster than one document at a time once a batch holds a hundred or so chunks (replay adds a few
 * hundred entries at once, R2.2, R2.5). Each id is exactly the one {@link Ids#idOfRange} or
 * {@link Ids#idOfObjectRest} gives for the same arguments.
 *
 * <p>As with those methods, the caller vouches that each range is canonical JSON; nothing is
 * checked but the bounds. The arrays are read when {@link #compute()} runs, not copied when added,
 * so they must not change in between. Not thread-safe; use one batch per thread.
 */
public final class IdBatch {

  private byte[][] heads = new byte[16][];
  private byte[][] data = new byte[16][];
  private int[] offs = new int[16];
  private int[] lens = new int[16];
  private int size;

  /** An empty batch. */
  public IdBatch() {}

  /**
   * Adds the document whose canonical form is {@code canonical[from, to)}, as {@link
   * Ids#idOfRange}.
   *
   * @return its index in {@link #compute()}'s result
   * @throws IndexOutOfBoundsException if the range is not within {@code canonical}
   */
  public int addRange(DocType type, byte[] canonical, int from, int to) {
    Objects.checkFromToIndex(from, to, canonical.length);
    return add(type.rawPrefix(), canonical, from, to - from);
  }

  /**
   * Adds the object whose canonical form is {@code '{'} followed by {@code canonical[from,
   * canonical.length)}, as {@link Ids#idOfObjectRest}.
   *
   * @return its index in {@link #compute()}'s result
   * @throws IndexOutOfBoundsException if {@code from} is not within {@code canonical}
   */
  public int addObjectRest(DocType type, byte[] canonical, int from) {
    Objects.checkIndex(from, canonical.length);
    return add(type.rawObjectHead(), canonical, from, canonical.length - from);
  }

  /** The number of documents added. */
  public int size() {
    return size;
  }

  /** The ids of the documents added, by index. */
  public Hash32[] compute() {
    byte[][] hashes = Blake3Lanes.get().hash(heads, data, offs, lens, size);
    Hash32[] ids = new Hash32[size];
    for (int i = 0; i < size; i++) {
      ids[i] = Hash32.wrap(hashes[i]);
    }
    return ids;
  }

  private int add(byte[] head, byte[] bytes, int off, int len) {
    if (size == heads.length) {
      int n = 2 * size;
      heads = Arrays.copyOf(heads, n);
      data = Arrays.copyOf(data, n);
      offs = Arrays.copyOf(offs, n);
      lens = Arrays.copyOf(lens, n);
    }
    heads[size] = head;
    data[size] = bytes;
    offs[size] = off;
    lens[size] = len;
    return size++;
  }
}
