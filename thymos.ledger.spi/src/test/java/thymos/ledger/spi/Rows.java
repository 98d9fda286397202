package thymos.ledger.spi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.model.EntryKind;

/**
 * Test rows with made-up ids: the backend never hashes (L5.5), so ids only need to be distinct.
 * An id encodes (trajectory number, seq, variant), so racing writers build different entries for
 * one position by choosing different variants.
 */
public final class Rows {

  private Rows() {}

  /** The id of trajectory {@code n}. */
  public static Hash32 traj(int n) {
    return Hash32.of(ByteBuffer.allocate(Hash32.LENGTH).put((byte) 0x7a).putInt(n).array());
  }

  /** A made-up entry id, distinct for every (trajectory, seq, variant). */
  public static Hash32 id(Hash32 traj, long seq, int variant) {
    byte[] t = traj.bytes();
    return Hash32.of(ByteBuffer.allocate(Hash32.LENGTH).put((byte) 0x1d).put(t, 1, 4)
        .putLong(seq).putInt(variant).array());
  }

  /** The row at {@code seq} after {@code parent}: root at 0, then commit, recorded at ms. */
  public static StoredEntry row(Hash32 traj, long seq, Optional<Hash32> parent, int variant,
      long ms) {
    EntryKind kind = seq == 0 ? EntryKind.ROOT : EntryKind.COMMIT;
    return row(traj, seq, parent, variant, ms, kind);
  }

  /** As {@link #row(Hash32, long, Optional, int, long)} with an explicit kind. */
  public static StoredEntry row(Hash32 traj, long seq, Optional<Hash32> parent, int variant,
      long ms, EntryKind kind) {
    String text = "{\"kind\":\"" + kind.wire() + "\",\"seq\":" + seq + ",\"traj\":\""
        + traj.hex() + "\",\"v\":" + variant + ",\"note\":\"\u00e9\u4e2d\ud83d\ude00\"}";
    return new StoredEntry(id(traj, seq, variant), traj, seq, parent, kind, ms,
        text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code n} chained rows of trajectory {@code traj}, variant 0, recorded at 1000 + seq. */
  public static List<StoredEntry> chain(Hash32 traj, int n) {
    return chain(traj, 0, n, Optional.empty());
  }

  /** Rows {@code from .. from+n-1}, the first after {@code parent}. */
  public static List<StoredEntry> chain(Hash32 traj, long from, int n, Optional<Hash32> parent) {
    return chain(traj, from, n, parent, 0);
  }

  /** Rows {@code from .. from+n-1} of one variant, the first after {@code parent}. */
  public static List<StoredEntry> chain(Hash32 traj, long from, int n, Optional<Hash32> parent,
      int variant) {
    List<StoredEntry> rows = new ArrayList<>();
    Optional<Hash32> p = parent;
    for (long s = from; s < from + n; s++) {
      StoredEntry e = row(traj, s, p, variant, 1000 + s);
      rows.add(e);
      p = Optional.of(e.id());
    }
    return rows;
  }
}
