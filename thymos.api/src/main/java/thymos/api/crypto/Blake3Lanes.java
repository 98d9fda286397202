package thymos.api.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * BLAKE3-256 in hash mode (E2.5) of many inputs at once. Every chunk of every input is
 * independent of the others until the tree above them, so the chunks are compressed side by side,
 * one array slot ("lane") each, by loops over the lanes that the JIT compiles to SIMD
 * instructions: with a hundred or more chunks several times the throughput of {@link Blake3},
 * which compresses one block at a time. Chunks are sorted by their number of blocks, longest
 * first, so the lanes still working at any block are a prefix. The tree above the chunks of a
 * multi-chunk input is merged by {@link Blake3#rootOfChunks}. Results are exactly {@link Blake3}'s.
 *
 * <p>Inputs are copied into one staging array, each zero-padded to whole blocks, so that every
 * block is read the same way. Inputs longer than {@link #MAX_STAGED} bytes, and those past {@link
 * #MAX_STAGE} staged bytes, are hashed by {@link Blake3} directly, so the staging array stays
 * small. Not thread-safe: one instance per thread
 * ({@link #get()}); its arrays grow to the largest batch seen.
 */
final class Blake3Lanes {

  /** Inputs longer than this are hashed one at a time (they have lanes enough of their own). */
  static final int MAX_STAGED = 64 * 1024;

  /** Staged bytes per call at most; inputs beyond are hashed one at a time. */
  static final int MAX_STAGE = 1024 * 1024;

  private static final int BLOCK_LEN = 64;
  private static final int CHUNK_LEN = 1024;
  private static final int BLOCKS_PER_CHUNK = CHUNK_LEN / BLOCK_LEN;
  private static final int CHUNK_START = 1;
  private static final int CHUNK_END = 2;
  private static final int ROOT = 8;

  private static final int[] IV = {0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F,
      0x9B05688C, 0x1F83D9AB, 0x5BE0CD19};

  private static final VarHandle LE_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final ThreadLocal<Blake3Lanes> PER_THREAD =
      ThreadLocal.withInitial(Blake3Lanes::new);

  // Per lane: chaining value, working state, message words, and where its chunk is staged.
  private final int[][] h = new int[8][0];
  private final int[][] v = new int[16][0];
  private final int[][] m = new int[16][0];
  private int[] base = new int[0]; // staging offset of the chunk
  private int[] blocks = new int[0]; // blocks in the chunk, 1..16
  private int[] lastLen = new int[0]; // bytes in its last block, 0..64
  private int[] counter = new int[0]; // the chunk's index in its input
  private int[] rootFlag = new int[0]; // ROOT when the chunk is its input's only one
  private byte[] stage = new byte[0];

  private Blake3Lanes() {}

  /** This thread's instance. */
  static Blake3Lanes get() {
    return PER_THREAD.get();
  }

  /**
   * BLAKE3-256 of {@code heads[i] ‖ data[i][offs[i], offs[i] + lens[i])} for every {@code i <
   * count}, as {@link Blake3#hash(byte[], byte[], int, int)} computes each.
   *
   * @throws IndexOutOfBoundsException if a range is not within its array
   */
  byte[][] hash(byte[][] heads, byte[][] data, int[] offs, int[] lens, int count) {
    byte[][] out = new byte[count][];
    // Where each staged input starts, and how many lanes (chunks) each length class needs.
    int[] at = new int[count];
    int[] perBlocks = new int[BLOCKS_PER_CHUNK + 1];
    long staged = 0;
    int lanes = 0;
    for (int i = 0; i < count; i++) {
      long total = (long) heads[i].length + lens[i];
      long padded = Math.max(BLOCK_LEN, (total + BLOCK_LEN - 1) / BLOCK_LEN * BLOCK_LEN);
      if (total > MAX_STAGED || staged + padded > MAX_STAGE) {
        out[i] = Blake3.get().hash(heads[i], data[i], offs[i], lens[i]);
        at[i] = -1;
        continue;
      }
      at[i] = (int) staged;
      int chunks = chunks((int) total);
      for (int c = 0; c < chunks; c++) {
        perBlocks[blocksOf((int) total, c)]++;
      }
      lanes += chunks;
      staged += padded;
    }
    ensureCapacity(lanes, (int) staged);
    // Lanes ordered by blocks, most first: laneStart[b] is the next lane for a chunk of b blocks.
    int[] laneStart = new int[BLOCKS_PER_CHUNK + 1];
    int filled = 0;
    for (int b = BLOCKS_PER_CHUNK; b >= 1; b--) {
      laneStart[b] = filled;
      filled += perBlocks[b];
    }
    int[][] laneOf = new int[count][];
    for (int i = 0; i < count; i++) {
      if (at[i] < 0) {
        continue;
      }
      int total = heads[i].length + lens[i];
      stage(heads[i], data[i], offs[i], lens[i], at[i]);
      int chunks = chunks(total);
      laneOf[i] = new int[chunks];
      for (int c = 0; c < chunks; c++) {
        int nb = blocksOf(total, c);
        int lane = laneStart[nb]++;
        laneOf[i][c] = lane;
        base[lane] = at[i] + c * CHUNK_LEN;
        blocks[lane] = nb;
        int len = Math.min(CHUNK_LEN, total - c * CHUNK_LEN);
        lastLen[lane] = len - (nb - 1) * BLOCK_LEN;
        counter[lane] = c;
        rootFlag[lane] = chunks == 1 ? ROOT : 0;
      }
    }
    compressAll(lanes, perBlocks);
    for (int i = 0; i < count; i++) {
      if (at[i] < 0) {
        continue;
      }
      int[] chunkLanes = laneOf[i];
      if (chunkLanes.length == 1) {
        out[i] = bytes(chunkLanes[0]);
      } else {
        int[] cvs = new int[8 * chunkLanes.length];
        for (int c = 0; c < chunkLanes.length; c++) {
          for (int k = 0; k < 8; k++) {
            cvs[8 * c + k] = h[k][chunkLanes[c]];
          }
        }
        out[i] = Blake3.get().rootOfChunks(cvs, chunkLanes.length);
      }
    }
    return out;
  }

  /** Chunks of an input of {@code total} bytes: at least one, even when empty. */
  private static int chunks(int total) {
    return Math.max(1, (total + CHUNK_LEN - 1) / CHUNK_LEN);
  }

  /** Blocks of chunk {@code c} of an input of {@code total} bytes: at least one. */
  private static int blocksOf(int total, int c) {
    int len = Math.min(CHUNK_LEN, total - c * CHUNK_LEN);
    return Math.max(1, (len + BLOCK_LEN - 1) / BLOCK_LEN);
  }

  /** Copies {@code head ‖ data[off, off + len)} to {@code stage[at]}, zero-padded to a block. */
  private void stage(byte[] head, byte[] data, int off, int len, int at) {
    System.arraycopy(head, 0, stage, at, head.length);
    System.arraycopy(data, off, stage, at + head.length, len);
    int total = head.length + len;
    int padded = Math.max(BLOCK_LEN, (total + BLOCK_LEN - 1) / BLOCK_LEN * BLOCK_LEN);
    Arrays.fill(stage, at + total, at + padded, (byte) 0);
  }

  /**
   * Runs every lane's chunk to its end. Lanes are sorted by blocks, most first, so at block
   * {@code b} the lanes still working are the first {@code active}.
   */
  private void compressAll(int lanes, int[] perBlocks) {
    int active = lanes;
    for (int b = 0; b < BLOCKS_PER_CHUNK && active > 0; b++) {
      load(b, active);
      compress(active);
      active -= perBlocks[b + 1]; // chunks of b + 1 blocks are done
    }
  }

  /** Loads block {@code b} of the first {@code n} lanes, with its counter, length and flags. */
  private void load(int b, int n) {
    int[] m0 = m[0], m1 = m[1];
    int[] m2 = m[2], m3 = m[3];
    int[] m4 = m[4], m5 = m[5];
    int[] m6 = m[6], m7 = m[7];
    int[] m8 = m[8], m9 = m[9];
    int[] m10 = m[10], m11 = m[11];
    int[] m12 = m[12], m13 = m[13];
    int[] m14 = m[14], m15 = m[15];
    int[] v12 = v[12];
    int[] v13 = v[13];
    int[] v14 = v[14];
    int[] v15 = v[15];
    byte[] s = stage;
    for (int lane = 0; lane < n; lane++) {
      int p = base[lane] + b * BLOCK_LEN;
      // Two message words per read: the transposition into lanes is a third of the hashing.
      long x0 = (long) LE_LONG.get(s, p + 0);
      m0[lane] = (int) x0;
      m1[lane] = (int) (x0 >>> 32);
      long x1 = (long) LE_LONG.get(s, p + 8);
      m2[lane] = (int) x1;
      m3[lane] = (int) (x1 >>> 32);
      long x2 = (long) LE_LONG.get(s, p + 16);
      m4[lane] = (int) x2;
      m5[lane] = (int) (x2 >>> 32);
      long x3 = (long) LE_LONG.get(s, p + 24);
      m6[lane] = (int) x3;
      m7[lane] = (int) (x3 >>> 32);
      long x4 = (long) LE_LONG.get(s, p + 32);
      m8[lane] = (int) x4;
      m9[lane] = (int) (x4 >>> 32);
      long x5 = (long) LE_LONG.get(s, p + 40);
      m10[lane] = (int) x5;
      m11[lane] = (int) (x5 >>> 32);
      long x6 = (long) LE_LONG.get(s, p + 48);
      m12[lane] = (int) x6;
      m13[lane] = (int) (x6 >>> 32);
      long x7 = (long) LE_LONG.get(s, p + 56);
      m14[lane] = (int) x7;
      m15[lane] = (int) (x7 >>> 32);
      boolean last = b == blocks[lane] - 1;
      v12[lane] = counter[lane];
      v13[lane] = 0; // chunk counters of staged inputs are below 2^32
      v14[lane] = last ? lastLen[lane] : BLOCK_LEN;
      v15[lane] = (b == 0 ? CHUNK_START : 0) | (last ? CHUNK_END | rootFlag[lane] : 0);
    }
    if (b == 0) {
      for (int k = 0; k < 8; k++) {
        Arrays.fill(h[k], 0, n, IV[k]);
      }
    }
  }

  /** The compression function on the first {@code n} lanes: the seven rounds, then the output. */
  private void compress(int n) {
    int[] v0 = v[0], v1 = v[1], v2 = v[2], v3 = v[3], v4 = v[4], v5 = v[5], v6 = v[6];
    int[] v7 = v[7], v8 = v[8], v9 = v[9], v10 = v[10], v11 = v[11], v12 = v[12];
    int[] v13 = v[13], v14 = v[14], v15 = v[15];
    for (int k = 0; k < 8; k++) {
      System.arraycopy(h[k], 0, v[k], 0, n);
    }
    Arrays.fill(v8, 0, n, IV[0]);
    Arrays.fill(v9, 0, n, IV[1]);
    Arrays.fill(v10, 0, n, IV[2]);
    Arrays.fill(v11, 0, n, IV[3]);
    // round 1
    g(n, v0, v4, v8, v12, m[0], m[1]);
    g(n, v1, v5, v9, v13, m[2], m[3]);
    g(n, v2, v6, v10, v14, m[4], m[5]);
    g(n, v3, v7, v11, v15, m[6], m[7]);
    g(n, v0, v5, v10, v15, m[8], m[9]);
    g(n, v1, v6, v11, v12, m[10], m[11]);
    g(n, v2, v7, v8, v13, m[12], m[13]);
    g(n, v3, v4, v9, v14, m[14], m[15]);
    // round 2
    g(n, v0, v4, v8, v12, m[2], m[6]);
    g(n, v1, v5, v9, v13, m[3], m[10]);
    g(n, v2, v6, v10, v14, m[7], m[0]);
    g(n, v3, v7, v11, v15, m[4], m[13]);
    g(n, v0, v5, v10, v15, m[1], m[11]);
    g(n, v1, v6, v11, v12, m[12], m[5]);
    g(n, v2, v7, v8, v13, m[9], m[14]);
    g(n, v3, v4, v9, v14, m[15], m[8]);
    // round 3
    g(n, v0, v4, v8, v12, m[3], m[4]);
    g(n, v1, v5, v9, v13, m[10], m[12]);
    g(n, v2, v6, v10, v14, m[13], m[2]);
    g(n, v3, v7, v11, v15, m[7], m[14]);
    g(n, v0, v5, v10, v15, m[6], m[5]);
    g(n, v1, v6, v11, v12, m[9], m[0]);
    g(n, v2, v7, v8, v13, m[11], m[15]);
    g(n, v3, v4, v9, v14, m[8], m[1]);
    // round 4
    g(n, v0, v4, v8, v12, m[10], m[7]);
    g(n, v1, v5, v9, v13, m[12], m[9]);
    g(n, v2, v6, v10, v14, m[14], m[3]);
    g(n, v3, v7, v11, v15, m[13], m[15]);
    g(n, v0, v5, v10, v15, m[4], m[0]);
    g(n, v1, v6, v11, v12, m[11], m[2]);
    g(n, v2, v7, v8, v13, m[5], m[8]);
    g(n, v3, v4, v9, v14, m[1], m[6]);
    // round 5
    g(n, v0, v4, v8, v12, m[12], m[13]);
    g(n, v1, v5, v9, v13, m[9], m[11]);
    g(n, v2, v6, v10, v14, m[15], m[10]);
    g(n, v3, v7, v11, v15, m[14], m[8]);
    g(n, v0, v5, v10, v15, m[7], m[2]);
    g(n, v1, v6, v11, v12, m[5], m[3]);
    g(n, v2, v7, v8, v13, m[0], m[1]);
    g(n, v3, v4, v9, v14, m[6], m[4]);
    // round 6
    g(n, v0, v4, v8, v12, m[9], m[14]);
    g(n, v1, v5, v9, v13, m[11], m[5]);
    g(n, v2, v6, v10, v14, m[8], m[12]);
    g(n, v3, v7, v11, v15, m[15], m[1]);
    g(n, v0, v5, v10, v15, m[13], m[3]);
    g(n, v1, v6, v11, v12, m[0], m[10]);
    g(n, v2, v7, v8, v13, m[2], m[6]);
    g(n, v3, v4, v9, v14, m[4], m[7]);
    // round 7
    g(n, v0, v4, v8, v12, m[11], m[15]);
    g(n, v1, v5, v9, v13, m[5], m[0]);
    g(n, v2, v6, v10, v14, m[1], m[9]);
    g(n, v3, v7, v11, v15, m[8], m[6]);
    g(n, v0, v5, v10, v15, m[14], m[10]);
    g(n, v1, v6, v11, v12, m[2], m[12]);
    g(n, v2, v7, v8, v13, m[3], m[4]);
    g(n, v3, v4, v9, v14, m[7], m[13]);
    for (int k = 0; k < 8; k++) {
      int[] out = h[k];
      int[] x = v[k];
      int[] y = v[k + 8];
      for (int i = 0; i < n; i++) {
        out[i] = x[i] ^ y[i];
      }
    }
  }

  /** The quarter-round G on the first {@code n} lanes, in a loop the JIT vectorises. */
  private static void g(int n, int[] a, int[] b, int[] c, int[] d, int[] mx, int[] my) {
    for (int i = 0; i < n; i++) {
      int va = a[i] + b[i] + mx[i];
      int vd = Integer.rotateRight(d[i] ^ va, 16);
      int vc = c[i] + vd;
      int vb = Integer.rotateRight(b[i] ^ vc, 12);
      va = va + vb + my[i];
      vd = Integer.rotateRight(vd ^ va, 8);
      vc = vc + vd;
      vb = Integer.rotateRight(vb ^ vc, 7);
      a[i] = va;
      b[i] = vb;
      c[i] = vc;
      d[i] = vd;
    }
  }

  /** Lane {@code lane}'s chaining value as the 32-byte output. */
  private byte[] bytes(int lane) {
    byte[] out = new byte[Blake3.OUT_LEN];
    for (int k = 0; k < 8; k++) {
      LE_INT.set(out, 4 * k, h[k][lane]);
    }
    return out;
  }

  private void ensureCapacity(int lanes, int stagedBytes) {
    if (h[0].length < lanes) {
      int n = Math.max(lanes, 2 * h[0].length);
      for (int k = 0; k < 8; k++) {
        h[k] = new int[n];
      }
      for (int k = 0; k < 16; k++) {
        v[k] = new int[n];
        m[k] = new int[n];
      }
      base = new int[n];
      blocks = new int[n];
      lastLen = new int[n];
      counter = new int[n];
      rootFlag = new int[n];
    }
    if (stage.length < stagedBytes) {
      stage = new byte[Math.max(stagedBytes, 2 * stage.length)];
    }
  }
}
