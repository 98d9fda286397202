package thymos.kernel.replay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.StrictObject;

/**
 * A compact set of ids for the few per-entry indices replay must keep for the whole trajectory
 * (processed intents, commit ids, compensated commits). Stores the first 128 bits of each
 * BLAKE3 id in an open-addressing table of longs: 16 bytes per id instead of a boxed
 * {@code Hash32} in a {@code HashSet} (~150 bytes), so a million commits cost about 32 MiB at
 * most. A false match needs a 128-bit (second) preimage or collision of BLAKE3, which is
 * infeasible. Not thread-safe.
 */
final class IdSet {

  private long[] table = new long[2 * 64]; // pairs (hi, lo); (0, 0) marks an empty slot
  private int size;
  private boolean hasZero; // the id whose first 128 bits are all zero, kept apart

  boolean contains(Hash32 id) {
    byte[] b = id.bytes();
    long hi = word(b, 0);
    long lo = word(b, 8);
    if (hi == 0 && lo == 0) {
      return hasZero;
    }
    return found(hi, lo);
  }

  /** Adds every id of {@code other}. */
  void addAll(IdSet other) {
    if (other.hasZero) {
      hasZero = true;
    }
    for (int i = 0; i < other.table.length; i += 2) {
      if (other.table[i] != 0 || other.table[i + 1] != 0) {
        long hi = other.table[i];
        long lo = other.table[i + 1];
        if (!found(hi, lo)) {
          if ((size + 1) * 4 > (table.length / 2) * 3) {
            grow();
          }
          insert(table, hi, lo);
          size++;
        }
      }
    }
  }

  /** Adds the id; returns whether it was absent. */
  boolean add(Hash32 id) {
    byte[] b = id.bytes();
    long hi = word(b, 0);
    long lo = word(b, 8);
    if (hi == 0 && lo == 0) {
      boolean was = hasZero;
      hasZero = true;
      return !was;
    }
    if (found(hi, lo)) {
      return false;
    }
    if ((size + 1) * 4 > (table.length / 2) * 3) {
      grow();
    }
    insert(table, hi, lo);
    size++;
    return true;
  }

  /**
   * The stored 128-bit prefixes as 32 lowercase hex characters each, sorted: the set's state in
   * a snapshot (R6.1), deterministic whatever the insertion order.
   */
  JsonArray toJson() {
    List<String> out = new ArrayList<>(size());
    if (hasZero) {
      out.add("0".repeat(32));
    }
    for (int i = 0; i < table.length; i += 2) {
      if (table[i] != 0 || table[i + 1] != 0) {
        out.add(String.format("%016x%016x", table[i], table[i + 1]));
      }
    }
    Collections.sort(out);
    return Json.array(out.stream().map(Json::string).toList());
  }

  /** The set {@link #toJson()} wrote. */
  static IdSet fromJson(Json json, String pointer) {
    IdSet set = new IdSet();
    if (!(json instanceof JsonArray a)) {
      throw StrictObject.wrongType(pointer, "array", json);
    }
    for (int i = 0; i < a.size(); i++) {
      String at = StrictObject.child(pointer, i);
      String hex = StrictObject.asString(a.get(i), at);
      if (!hex.matches("[0-9a-f]{32}")) {
        throw new ProtocolViolation("E2.2", at, "expected 32 lowercase hex characters");
      }
      byte[] b = new byte[32];
      System.arraycopy(HexFormat.of().parseHex(hex), 0, b, 0, 16);
      set.add(Hash32.of(b));
    }
    return set;
  }

  int size() {
    return size + (hasZero ? 1 : 0);
  }

  private boolean found(long hi, long lo) {
    int i = slot(table, hi, lo);
    return table[i] == hi && table[i + 1] == lo;
  }

  /** The slot index (even) holding (hi, lo), or the empty slot where it would go. */
  private static int slot(long[] t, long hi, long lo) {
    int pairs = t.length / 2;
    int i = (int) (lo ^ (lo >>> 32)) & (pairs - 1); // ids are uniform: low bits spread well
    while (true) {
      long h = t[2 * i];
      long l = t[2 * i + 1];
      if ((h == 0 && l == 0) || (h == hi && l == lo)) {
        return 2 * i;
      }
      i = (i + 1) & (pairs - 1);
    }
  }

  private static void insert(long[] t, long hi, long lo) {
    int i = slot(t, hi, lo);
    t[i] = hi;
    t[i + 1] = lo;
  }

  private void grow() {
    long[] old = table;
    long[] next = new long[old.length * 2];
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != 0 || old[i + 1] != 0) {
        insert(next, old[i], old[i + 1]);
      }
    }
    table = next;
  }

  private static long word(byte[] b, int from) {
    long v = 0;
    for (int i = from; i < from + 8; i++) {
      v = (v << 8) | (b[i] & 0xff);
    }
    return v;
  }
}
