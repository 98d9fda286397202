package thymos.api.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * BLAKE3-256 in hash mode (E2.2, E2.5), the hash of every content id. Bouncy Castle's
 * {@code Blake3Digest} stays for the keyed and derive-key modes; this one exists because replay
 * hashes every entry (R2.2) and BC's general digest ran at about 150 MB/s.
 *
 * <p>One-shot only: the input length is known up front, so each block's flags (chunk start and
 * end, root) are known when it is compressed and nothing is buffered. The input is a short
 * {@code head} followed by a range of {@code data}, so a domain prefix ({@link DocType}) is hashed
 * without concatenation. The compression function is unrolled on int locals (the seven rounds
 * are generated from the message permutation of the BLAKE3 paper, section 2.2); chaining values of
 * completed subtrees sit on a small stack, merged as in the reference implementation. Not
 * thread-safe: one instance per thread ({@link #get()}); no allocation per block or per hash
 * beyond the 32-byte result. Guarded by the official vectors and a property against Bouncy Castle.
 */
final class Blake3 {

  static final int OUT_LEN = 32;

  private static final int BLOCK_LEN = 64;
  private static final int CHUNK_LEN = 1024;
  private static final int CHUNK_START = 1;
  private static final int CHUNK_END = 2;
  private static final int PARENT = 4;
  private static final int ROOT = 8;

  private static final int IV0 = 0x6A09E667;
  private static final int IV1 = 0xBB67AE85;
  private static final int IV2 = 0x3C6EF372;
  private static final int IV3 = 0xA54FF53A;
  private static final int IV4 = 0x510E527F;
  private static final int IV5 = 0x9B05688C;
  private static final int IV6 = 0x1F83D9AB;
  private static final int IV7 = 0x5BE0CD19;

  /** 2^54 chunks exceed any Java array; one slot per bit of the chunk counter. */
  private static final int MAX_DEPTH = 54;

  private static final VarHandle LE_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private static final ThreadLocal<Blake3> PER_THREAD = ThreadLocal.withInitial(Blake3::new);

  private static final byte[] NO_HEAD = new byte[0];

  private final int[] cv = new int[8];
  private final int[] stack = new int[MAX_DEPTH * 8];
  private final byte[] scratch = new byte[BLOCK_LEN];
  private int stackSize;

  // The current input: head ‖ data[off, off + len), addressed by virtual positions.
  private byte[] head = NO_HEAD;
  private byte[] data = NO_HEAD;
  private int off;
  private int total;

  private Blake3() {}

  /** This thread's instance. */
  static Blake3 get() {
    return PER_THREAD.get();
  }

  /** BLAKE3-256 of {@code data}. */
  static byte[] hash(byte[] data) {
    return get().hash(NO_HEAD, data, 0, data.length);
  }

  /**
   * BLAKE3-256 of {@code head ‖ data[off, off + len)}.
   *
   * @throws IndexOutOfBoundsException if the range is not within {@code data}
   */
  byte[] hash(byte[] head, byte[] data, int off, int len) {
    Objects.checkFromIndexSize(off, len, data.length);
    if ((long) head.length + len > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("input too long");
    }
    this.head = head;
    this.data = data;
    this.off = off;
    this.total = head.length + len;
    stackSize = 0;
    try {
      return root();
    } finally {
      this.head = NO_HEAD;
      this.data = NO_HEAD;
    }
  }

  private byte[] root() {
    long chunks = Math.max(1, ((long) total + CHUNK_LEN - 1) / CHUNK_LEN);
    for (long c = 0; c < chunks - 1; c++) {
      int start = (int) (c * CHUNK_LEN);
      chunkBlocks(start, CHUNK_LEN, c);
      lastBlock(start, CHUNK_LEN, c, 0);
      pushChunk(c + 1);
    }
    int start = (int) ((chunks - 1) * CHUNK_LEN);
    int len = total - start;
    chunkBlocks(start, len, chunks - 1);
    if (stackSize == 0) {
      lastBlock(start, len, chunks - 1, ROOT);
    } else {
      lastBlock(start, len, chunks - 1, 0);
      mergeStack();
    }
    return output();
  }

  /**
   * The hash of an input of {@code chunks} ≥ 2 chunks from their chaining values, {@code cvs[8c,
   * 8c + 8)} for chunk {@code c}, each compressed without {@link #ROOT} ({@link Blake3Lanes}):
   * the parent nodes above them, merged as {@link #hash} merges them.
   */
  byte[] rootOfChunks(int[] cvs, int chunks) {
    stackSize = 0;
    for (int c = 0; c < chunks - 1; c++) {
      System.arraycopy(cvs, 8 * c, cv, 0, 8);
      pushChunk(c + 1);
    }
    System.arraycopy(cvs, 8 * (chunks - 1), cv, 0, 8);
    mergeStack();
    return output();
  }

  /** Merges {@link #cv}, the last chunk's value, with the stack up to the root. */
  private void mergeStack() {
    for (int i = stackSize - 1; i >= 0; i--) {
      parent(i, i == 0 ? ROOT : 0);
    }
  }

  private byte[] output() {
    byte[] out = new byte[OUT_LEN];
    for (int i = 0; i < 8; i++) {
      LE_INT.set(out, 4 * i, cv[i]);
    }
    return out;
  }

  /** Starts a chunk at {@code start} and compresses every block but its last. */
  private void chunkBlocks(int start, int len, long counter) {
    setIv();
    int last = len == 0 ? 0 : (len - 1) / BLOCK_LEN; // index of the final block
    for (int b = 0; b < last; b++) {
      block(start + b * BLOCK_LEN, BLOCK_LEN, counter, b == 0 ? CHUNK_START : 0);
    }
  }

  /** Compresses a chunk's final block, with {@code extra} flags ({@link #ROOT} or none). */
  private void lastBlock(int start, int len, long counter, int extra) {
    int last = len == 0 ? 0 : (len - 1) / BLOCK_LEN;
    int blockLen = len - last * BLOCK_LEN;
    block(start + last * BLOCK_LEN, blockLen, counter,
        (last == 0 ? CHUNK_START : 0) | CHUNK_END | extra);
  }

  /** Pushes a completed, non-final chunk's value, first merging the subtrees it completes. */
  private void pushChunk(long totalChunks) {
    while ((totalChunks & 1) == 0) {
      stackSize--;
      parent(stackSize, 0);
      totalChunks >>= 1;
    }
    System.arraycopy(cv, 0, stack, stackSize * 8, 8);
    stackSize++;
  }

  private void setIv() {
    int[] h = cv;
    h[0] = IV0;
    h[1] = IV1;
    h[2] = IV2;
    h[3] = IV3;
    h[4] = IV4;
    h[5] = IV5;
    h[6] = IV6;
    h[7] = IV7;
  }

  /** Merges stack entry {@code i} (left) with {@link #cv} (right) into {@link #cv}. */
  private void parent(int i, int extra) {
    byte[] s = scratch;
    for (int k = 0; k < 8; k++) {
      LE_INT.set(s, 4 * k, stack[i * 8 + k]);
      LE_INT.set(s, 32 + 4 * k, cv[k]);
    }
    setIv();
    compress(s, 0, 0, BLOCK_LEN, PARENT | extra);
  }

  /**
   * Compresses the block at virtual position {@code pos}, zero-padded: in place when it lies in
   * {@code data} and is full, else copied into {@link #scratch}.
   */
  private void block(int pos, int blockLen, long counter, int flags) {
    if (pos >= head.length && blockLen == BLOCK_LEN) {
      compress(data, off + pos - head.length, counter, BLOCK_LEN, flags);
      return;
    }
    byte[] s = scratch;
    Arrays.fill(s, (byte) 0);
    int n = 0;
    if (pos < head.length) {
      n = Math.min(blockLen, head.length - pos);
      System.arraycopy(head, pos, s, 0, n);
    }
    if (blockLen > n) {
      System.arraycopy(data, off + pos + n - head.length, s, n, blockLen - n);
    }
    compress(s, 0, counter, blockLen, flags);
  }

  /**
   * The compression function over {@link #cv} and the 64-byte block at {@code src[at]}; keeps
   * the chaining value half. Each message word is added before the state word that was just
   * computed, so the addition waits for one operand less.
   */
  private void compress(byte[] src, int at, long counter, int blockLen, int flags) {
    int[] h = cv;
    int m0 = (int) LE_INT.get(src, at + 0);
    int m1 = (int) LE_INT.get(src, at + 4);
    int m2 = (int) LE_INT.get(src, at + 8);
    int m3 = (int) LE_INT.get(src, at + 12);
    int m4 = (int) LE_INT.get(src, at + 16);
    int m5 = (int) LE_INT.get(src, at + 20);
    int m6 = (int) LE_INT.get(src, at + 24);
    int m7 = (int) LE_INT.get(src, at + 28);
    int m8 = (int) LE_INT.get(src, at + 32);
    int m9 = (int) LE_INT.get(src, at + 36);
    int m10 = (int) LE_INT.get(src, at + 40);
    int m11 = (int) LE_INT.get(src, at + 44);
    int m12 = (int) LE_INT.get(src, at + 48);
    int m13 = (int) LE_INT.get(src, at + 52);
    int m14 = (int) LE_INT.get(src, at + 56);
    int m15 = (int) LE_INT.get(src, at + 60);
    int v0 = h[0], v1 = h[1], v2 = h[2], v3 = h[3], v4 = h[4], v5 = h[5], v6 = h[6], v7 = h[7];
    int v8 = IV0, v9 = IV1, v10 = IV2, v11 = IV3;
    int v12 = (int) counter, v13 = (int) (counter >>> 32), v14 = blockLen, v15 = flags;
    // round 1
    v0 = v0 + m0 + v4; v12 = Integer.rotateRight(v12 ^ v0, 16);
    v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 12);
    v0 = v0 + m1 + v4; v12 = Integer.rotateRight(v12 ^ v0, 8);
    v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 7);
    v1 = v1 + m2 + v5; v13 = Integer.rotateRight(v13 ^ v1, 16);
    v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 12);
    v1 = v1 + m3 + v5; v13 = Integer.rotateRight(v13 ^ v1, 8);
    v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 7);
    v2 = v2 + m4 + v6; v14 = Integer.rotateRight(v14 ^ v2, 16);
    v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 12);
    v2 = v2 + m5 + v6; v14 = Integer.rotateRight(v14 ^ v2, 8);
    v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 7);
    v3 = v3 + m6 + v7; v15 = Integer.rotateRight(v15 ^ v3, 16);
    v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 12);
    v3 = v3 + m7 + v7; v15 = Integer.rotateRight(v15 ^ v3, 8);
    v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 7);
    v0 = v0 + m8 + v5; v15 = Integer.rotateRight(v15 ^ v0, 16);
    v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 12);
    v0 = v0 + m9 + v5; v15 = Integer.rotateRight(v15 ^ v0, 8);
    v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 7);
    v1 = v1 + m10 + v6; v12 = Integer.rotateRight(v12 ^ v1, 16);
    v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 12);
    v1 = v1 + m11 + v6; v12 = Integer.rotateRight(v12 ^ v1, 8);
    v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 7);
    v2 = v2 + m12 + v7; v13 = Integer.rotateRight(v13 ^ v2, 16);
    v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 12);
    v2 = v2 + m13 + v7; v13 = Integer.rotateRight(v13 ^ v2, 8);
    v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 7);
    v3 = v3 + m14 + v4; v14 = Integer.rotateRight(v14 ^ v3, 16);
    v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 12);
    v3 = v3 + m15 + v4; v14 = Integer.rotateRight(v14 ^ v3, 8);
    v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 7);
    // round 2
    v0 = v0 + m2 + v4; v12 = Integer.rotateRight(v12 ^ v0, 16);
    v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 12);
    v0 = v0 + m6 + v4; v12 = Integer.rotateRight(v12 ^ v0, 8);
    v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 7);
    v1 = v1 + m3 + v5; v13 = Integer.rotateRight(v13 ^ v1, 16);
    v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 12);
    v1 = v1 + m10 + v5; v13 = Integer.rotateRight(v13 ^ v1, 8);
    v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 7);
    v2 = v2 + m7 + v6; v14 = Integer.rotateRight(v14 ^ v2, 16);
    v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 12);
    v2 = v2 + m0 + v6; v14 = Integer.rotateRight(v14 ^ v2, 8);
    v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 7);
    v3 = v3 + m4 + v7; v15 = Integer.rotateRight(v15 ^ v3, 16);
    v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 12);
    v3 = v3 + m13 + v7; v15 = Integer.rotateRight(v15 ^ v3, 8);
    v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 7);
    v0 = v0 + m1 + v5; v15 = Integer.rotateRight(v15 ^ v0, 16);
    v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 12);
    v0 = v0 + m11 + v5; v15 = Integer.rotateRight(v15 ^ v0, 8);
    v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 7);
    v1 = v1 + m12 + v6; v12 = Integer.rotateRight(v12 ^ v1, 16);
    v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 12);
    v1 = v1 + m5 + v6; v12 = Integer.rotateRight(v12 ^ v1, 8);
    v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 7);
    v2 = v2 + m9 + v7; v13 = Integer.rotateRight(v13 ^ v2, 16);
    v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 12);
    v2 = v2 + m14 + v7; v13 = Integer.rotateRight(v13 ^ v2, 8);
    v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 7);
    v3 = v3 + m15 + v4; v14 = Integer.rotateRight(v14 ^ v3, 16);
    v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 12);
    v3 = v3 + m8 + v4; v14 = Integer.rotateRight(v14 ^ v3, 8);
    v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 7);
    // round 3
    v0 = v0 + m3 + v4; v12 = Integer.rotateRight(v12 ^ v0, 16);
    v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 12);
    v0 = v0 + m4 + v4; v12 = Integer.rotateRight(v12 ^ v0, 8);
    v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 7);
    v1 = v1 + m10 + v5; v13 = Integer.rotateRight(v13 ^ v1, 16);
    v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 12);
    v1 = v1 + m12 + v5; v13 = Integer.rotateRight(v13 ^ v1, 8);
    v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 7);
    v2 = v2 + m13 + v6; v14 = Integer.rotateRight(v14 ^ v2, 16);
    v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 12);
    v2 = v2 + m2 + v6; v14 = Integer.rotateRight(v14 ^ v2, 8);
    v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 7);
    v3 = v3 + m7 + v7; v15 = Integer.rotateRight(v15 ^ v3, 16);
    v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 12);
    v3 = v3 + m14 + v7; v15 = Integer.rotateRight(v15 ^ v3, 8);
    v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 7);
    v0 = v0 + m6 + v5; v15 = Integer.rotateRight(v15 ^ v0, 16);
    v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 12);
    v0 = v0 + m5 + v5; v15 = Integer.rotateRight(v15 ^ v0, 8);
    v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 7);
    v1 = v1 + m9 + v6; v12 = Integer.rotateRight(v12 ^ v1, 16);
    v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 12);
    v1 = v1 + m0 + v6; v12 = Integer.rotateRight(v12 ^ v1, 8);
    v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 7);
    v2 = v2 + m11 + v7; v13 = Integer.rotateRight(v13 ^ v2, 16);
    v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 12);
    v2 = v2 + m15 + v7; v13 = Integer.rotateRight(v13 ^ v2, 8);
    v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 7);
    v3 = v3 + m8 + v4; v14 = Integer.rotateRight(v14 ^ v3, 16);
    v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 12);
    v3 = v3 + m1 + v4; v14 = Integer.rotateRight(v14 ^ v3, 8);
    v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 7);
    // round 4
    v0 = v0 + m10 + v4; v12 = Integer.rotateRight(v12 ^ v0, 16);
    v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 12);
    v0 = v0 + m7 + v4; v12 = Integer.rotateRight(v12 ^ v0, 8);
    v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 7);
    v1 = v1 + m12 + v5; v13 = Integer.rotateRight(v13 ^ v1, 16);
    v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 12);
    v1 = v1 + m9 + v5; v13 = Integer.rotateRight(v13 ^ v1, 8);
    v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 7);
    v2 = v2 + m14 + v6; v14 = Integer.rotateRight(v14 ^ v2, 16);
    v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 12);
    v2 = v2 + m3 + v6; v14 = Integer.rotateRight(v14 ^ v2, 8);
    v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 7);
    v3 = v3 + m13 + v7; v15 = Integer.rotateRight(v15 ^ v3, 16);
    v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 12);
    v3 = v3 + m15 + v7; v15 = Integer.rotateRight(v15 ^ v3, 8);
    v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 7);
    v0 = v0 + m4 + v5; v15 = Integer.rotateRight(v15 ^ v0, 16);
    v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 12);
    v0 = v0 + m0 + v5; v15 = Integer.rotateRight(v15 ^ v0, 8);
    v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 7);
    v1 = v1 + m11 + v6; v12 = Integer.rotateRight(v12 ^ v1, 16);
    v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 12);
    v1 = v1 + m2 + v6; v12 = Integer.rotateRight(v12 ^ v1, 8);
    v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 7);
    v2 = v2 + m5 + v7; v13 = Integer.rotateRight(v13 ^ v2, 16);
    v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 12);
    v2 = v2 + m8 + v7; v13 = Integer.rotateRight(v13 ^ v2, 8);
    v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 7);
    v3 = v3 + m1 + v4; v14 = Integer.rotateRight(v14 ^ v3, 16);
    v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 12);
    v3 = v3 + m6 + v4; v14 = Integer.rotateRight(v14 ^ v3, 8);
    v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 7);
    // round 5
    v0 = v0 + m12 + v4; v12 = Integer.rotateRight(v12 ^ v0, 16);
    v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 12);
    v0 = v0 + m13 + v4; v12 = Integer.rotateRight(v12 ^ v0, 8);
    v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 7);
    v1 = v1 + m9 + v5; v13 = Integer.rotateRight(v13 ^ v1, 16);
    v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 12);
    v1 = v1 + m11 + v5; v13 = Integer.rotateRight(v13 ^ v1, 8);
    v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 7);
    v2 = v2 + m15 + v6; v14 = Integer.rotateRight(v14 ^ v2, 16);
    v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 12);
    v2 = v2 + m10 + v6; v14 = Integer.rotateRight(v14 ^ v2, 8);
    v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 7);
    v3 = v3 + m14 + v7; v15 = Integer.rotateRight(v15 ^ v3, 16);
    v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 12);
    v3 = v3 + m8 + v7; v15 = Integer.rotateRight(v15 ^ v3, 8);
    v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 7);
    v0 = v0 + m7 + v5; v15 = Integer.rotateRight(v15 ^ v0, 16);
    v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 12);
    v0 = v0 + m2 + v5; v15 = Integer.rotateRight(v15 ^ v0, 8);
    v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 7);
    v1 = v1 + m5 + v6; v12 = Integer.rotateRight(v12 ^ v1, 16);
    v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 12);
    v1 = v1 + m3 + v6; v12 = Integer.rotateRight(v12 ^ v1, 8);
    v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 7);
    v2 = v2 + m0 + v7; v13 = Integer.rotateRight(v13 ^ v2, 16);
    v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 12);
    v2 = v2 + m1 + v7; v13 = Integer.rotateRight(v13 ^ v2, 8);
    v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 7);
    v3 = v3 + m6 + v4; v14 = Integer.rotateRight(v14 ^ v3, 16);
    v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 12);
    v3 = v3 + m4 + v4; v14 = Integer.rotateRight(v14 ^ v3, 8);
    v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 7);
    // round 6
    v0 = v0 + m9 + v4; v12 = Integer.rotateRight(v12 ^ v0, 16);
    v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 12);
    v0 = v0 + m14 + v4; v12 = Integer.rotateRight(v12 ^ v0, 8);
    v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 7);
    v1 = v1 + m11 + v5; v13 = Integer.rotateRight(v13 ^ v1, 16);
    v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 12);
    v1 = v1 + m5 + v5; v13 = Integer.rotateRight(v13 ^ v1, 8);
    v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 7);
    v2 = v2 + m8 + v6; v14 = Integer.rotateRight(v14 ^ v2, 16);
    v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 12);
    v2 = v2 + m12 + v6; v14 = Integer.rotateRight(v14 ^ v2, 8);
    v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 7);
    v3 = v3 + m15 + v7; v15 = Integer.rotateRight(v15 ^ v3, 16);
    v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 12);
    v3 = v3 + m1 + v7; v15 = Integer.rotateRight(v15 ^ v3, 8);
    v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 7);
    v0 = v0 + m13 + v5; v15 = Integer.rotateRight(v15 ^ v0, 16);
    v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 12);
    v0 = v0 + m3 + v5; v15 = Integer.rotateRight(v15 ^ v0, 8);
    v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 7);
    v1 = v1 + m0 + v6; v12 = Integer.rotateRight(v12 ^ v1, 16);
    v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 12);
    v1 = v1 + m10 + v6; v12 = Integer.rotateRight(v12 ^ v1, 8);
    v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 7);
    v2 = v2 + m2 + v7; v13 = Integer.rotateRight(v13 ^ v2, 16);
    v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 12);
    v2 = v2 + m6 + v7; v13 = Integer.rotateRight(v13 ^ v2, 8);
    v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 7);
    v3 = v3 + m4 + v4; v14 = Integer.rotateRight(v14 ^ v3, 16);
    v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 12);
    v3 = v3 + m7 + v4; v14 = Integer.rotateRight(v14 ^ v3, 8);
    v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 7);
    // round 7
    v0 = v0 + m11 + v4; v12 = Integer.rotateRight(v12 ^ v0, 16);
    v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 12);
    v0 = v0 + m15 + v4; v12 = Integer.rotateRight(v12 ^ v0, 8);
    v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 7);
    v1 = v1 + m5 + v5; v13 = Integer.rotateRight(v13 ^ v1, 16);
    v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 12);
    v1 = v1 + m0 + v5; v13 = Integer.rotateRight(v13 ^ v1, 8);
    v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 7);
    v2 = v2 + m1 + v6; v14 = Integer.rotateRight(v14 ^ v2, 16);
    v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 12);
    v2 = v2 + m9 + v6; v14 = Integer.rotateRight(v14 ^ v2, 8);
    v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 7);
    v3 = v3 + m8 + v7; v15 = Integer.rotateRight(v15 ^ v3, 16);
    v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 12);
    v3 = v3 + m6 + v7; v15 = Integer.rotateRight(v15 ^ v3, 8);
    v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 7);
    v0 = v0 + m14 + v5; v15 = Integer.rotateRight(v15 ^ v0, 16);
    v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 12);
    v0 = v0 + m10 + v5; v15 = Integer.rotateRight(v15 ^ v0, 8);
    v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 7);
    v1 = v1 + m2 + v6; v12 = Integer.rotateRight(v12 ^ v1, 16);
    v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 12);
    v1 = v1 + m12 + v6; v12 = Integer.rotateRight(v12 ^ v1, 8);
    v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 7);
    v2 = v2 + m3 + v7; v13 = Integer.rotateRight(v13 ^ v2, 16);
    v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 12);
    v2 = v2 + m4 + v7; v13 = Integer.rotateRight(v13 ^ v2, 8);
    v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 7);
    v3 = v3 + m7 + v4; v14 = Integer.rotateRight(v14 ^ v3, 16);
    v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 12);
    v3 = v3 + m13 + v4; v14 = Integer.rotateRight(v14 ^ v3, 8);
    v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 7);
    h[0] = v0 ^ v8;
    h[1] = v1 ^ v9;
    h[2] = v2 ^ v10;
    h[3] = v3 ^ v11;
    h[4] = v4 ^ v12;
    h[5] = v5 ^ v13;
    h[6] = v6 ^ v14;
    h[7] = v7 ^ v15;
  }
}
