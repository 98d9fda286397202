package thymos.ledger.postgres;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.model.BranchPayload;
import thymos.api.model.Entry;
import thymos.api.model.EntryKind;
import thymos.api.model.ExecutionPayload;
import thymos.api.model.Payload;
import thymos.api.model.RootPayload;
import thymos.api.model.UsagePayload;
import thymos.ledger.spi.StoredEntry;

/**
 * Real entries built with {@link Entry#create} (ids computed, canonical bytes), so stored rows can
 * be parsed back. A variant number changes the payload, so racing writers build different entries
 * for one position; a kind picks among root/branch (seq 0) and usage/execution (later).
 */
final class Entries {

  private Entries() {}

  /** The id of trajectory {@code n}. */
  static Hash32 traj(int n) {
    return Hash32.of(ByteBuffer.allocate(Hash32.LENGTH).put((byte) 0x7a).putInt(n).array());
  }

  /** A made-up id (a writ id, or a forged entry id), distinct for every pair. */
  static Hash32 madeUp(int a, long b) {
    return Hash32.of(ByteBuffer.allocate(Hash32.LENGTH).put((byte) 0x3c).putInt(a).putLong(b)
        .array());
  }

  /** The entry at {@code seq}: root at 0 (note {@code v<variant>}), usage later. */
  static StoredEntry row(Hash32 traj, long seq, Optional<Hash32> parent, int variant, long ms) {
    return row(traj, seq, parent, variant, ms, seq == 0 ? EntryKind.ROOT : EntryKind.USAGE);
  }

  /** As {@link #row(Hash32, long, Optional, int, long)} of kind root, branch, usage or execution. */
  static StoredEntry row(Hash32 traj, long seq, Optional<Hash32> parent, int variant, long ms,
      EntryKind kind) {
    return StoredEntry.of(entry(traj, seq, parent, variant, ms, kind, "v" + variant));
  }

  /** The {@link Entry} behind a row, with a note of the caller's choice at seq 0. */
  static Entry entry(Hash32 traj, long seq, Optional<Hash32> parent, int variant, long ms,
      EntryKind kind, String note) {
    Payload payload = switch (kind) {
      case ROOT -> RootPayload.bound(madeUp(1, variant), note);
      case BRANCH -> new BranchPayload(traj(999), madeUp(2, variant), madeUp(1, variant), note);
      case USAGE -> new UsagePayload("p" + variant, "model \u00e9\u4e2d\ud83d\ude00", seq, 5, 7,
          1);
      case EXECUTION -> new ExecutionPayload(madeUp(3, seq), madeUp(4, variant));
      default -> throw new IllegalArgumentException("no test payload for " + kind);
    };
    return Entry.create(traj, seq, parent, ms, payload);
  }

  /** {@code n} chained entries of {@code traj}, variant 0, recorded at 1000 + seq. */
  static List<StoredEntry> chain(Hash32 traj, int n) {
    return chain(traj, 0, n, Optional.empty(), 0);
  }

  /** Entries {@code from .. from+n-1} of one variant, the first after {@code parent}. */
  static List<StoredEntry> chain(Hash32 traj, long from, int n, Optional<Hash32> parent,
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
