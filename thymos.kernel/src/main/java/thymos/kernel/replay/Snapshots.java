package thymos.kernel.replay;

import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.PublicKey;
import thymos.api.model.Entry;
import thymos.api.spi.Signer;
import thymos.ledger.spi.LedgerBackend;

/**
 * Snapshots (R6): making one from a replay of a trajectory's prefix, and snapshot-assisted
 * replay, which checks the snapshot, folds only the entries after it, and ends in exactly the
 * report a full replay with the same options gives (R6.2). When the options would find a
 * violation inside the prefix (a pin the prefix's recorded values break, or under authority
 * input a bad binding or a commit after a revocation), it replays in full instead, so the report
 * names the entry as a full replay does: a snapshot changes how fast, never what (R6.3).
 *
 * <p>The report equals a full replay's for a ledger whose prefix is as it was when the snapshot
 * was made; the replay checks the stored entry at {@code seq} has {@code entry_id}, and that id
 * chains to every earlier id (L2.1), but it does not re-read the earlier bytes — that is the
 * point of the snapshot.
 */
public final class Snapshots {

  private Snapshots() {}

  /**
   * Replays the first {@code seq + 1} of {@code entries} (the canonical bytes of one trajectory,
   * in seq order; later ones are not read) and signs a snapshot of the result (R6.1).
   *
   * @throws SnapshotRefused {@code THY-R601}: check {@code seq} when there are fewer entries,
   *     {@code prefix} when the prefix does not verify (naming its first violation)
   */
  public static Snapshot make(Hash32 trajectoryId, Iterator<byte[]> entries, long seq,
      Signer signer) {
    Objects.requireNonNull(signer, "signer");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be >= 0: " + seq);
    }
    ReplayRun run = new ReplayRun(trajectoryId, ReplayOptions.defaults());
    Replayer.feed(run, limit(entries, seq + 1));
    if (run.anyViolation()) {
      throw new SnapshotRefused("R6.1", "prefix", "traj:" + trajectoryId.hex()
          + " up to seq " + seq + " does not verify: " + run.firstViolation().orElseThrow()
              .message());
    }
    if (run.position() != seq + 1) {
      throw new SnapshotRefused("R6.1", "seq", "traj:" + trajectoryId.hex() + " has "
          + run.position() + " entries, no seq " + seq);
    }
    return Snapshot.sign(trajectoryId, seq, run.previousId().orElseThrow(), run.world(),
        run.spend(), run.state(), signer);
  }

  /** As {@link #make(Hash32, Iterator, long, Signer)}, reading the ledger (L5.4). */
  public static Snapshot make(LedgerBackend ledger, Hash32 trajectoryId, long seq,
      Signer signer) {
    try (Stream<byte[]> s = ledger.readBytes(trajectoryId, 0, seq + 1)) {
      return make(trajectoryId, s.iterator(), seq, signer);
    }
  }

  /**
   * Snapshot-assisted replay (R6.2) of {@code trajectoryId}: verifies that {@code snapshot} is
   * of this trajectory, signed by {@code pinnedKey} with a signature that verifies, that its
   * world hashes to its {@code world_hash}, and that the stored entry at its {@code seq} has its
   * {@code entry_id}; then folds only the later entries.
   *
   * @return the report a full replay with {@code options} gives (R6.2, R6.3)
   * @throws SnapshotRefused {@code THY-R602} naming the failed check: {@code trajectory},
   *     {@code signer}, {@code signature}, {@code world_hash}, {@code entry_id}
   */
  public static ReplayReport replay(LedgerBackend ledger, Hash32 trajectoryId,
      Snapshot snapshot, PublicKey pinnedKey, ReplayOptions options) {
    Objects.requireNonNull(options, "options");
    if (!snapshot.trajectoryId().equals(trajectoryId)) {
      throw refused("trajectory", "a snapshot of traj:" + trajectoryId.hex() + ", found traj:"
          + snapshot.trajectoryId().hex());
    }
    if (!snapshot.signer().equals(pinnedKey)) {
      throw refused("signer", "signed by pinned key " + pinnedKey.hex() + ", found "
          + snapshot.signer().hex());
    }
    if (!snapshot.signatureVerifies()) {
      throw refused("signature", "a signature by " + pinnedKey.hex() + " over snapshot:"
          + snapshot.id().hex() + " that verifies; it does not");
    }
    if (!snapshot.world().hash().equals(snapshot.worldHash())) {
      throw refused("world_hash", "world hashing to " + snapshot.worldHash().hex() + ", found "
          + snapshot.world().hash().hex());
    }
    Entry atSeq = stored(ledger, trajectoryId, snapshot.seq()).filter(e -> e.id().equals(
        snapshot.entryId())).orElseThrow(() -> refused("entry_id", "stored entry at seq "
            + snapshot.seq() + " with id " + snapshot.entryId().hex() + ", found "
            + stored(ledger, trajectoryId, snapshot.seq()).map(e -> e.id().hex())
                .orElse("none")));
    Optional<Entry> first = options.authority().isPresent()
        ? stored(ledger, trajectoryId, 0) : Optional.empty();
    Optional<ReplayRun> resumed = options.authority().isPresent() && first.isEmpty()
        ? Optional.empty()
        : ReplayRun.resume(trajectoryId, options, snapshot.replay(), snapshot.world(), atSeq,
            first);
    if (resumed.isEmpty()) { // a violation inside the prefix: a full replay names it
      try (Stream<byte[]> s = ledger.readBytes(trajectoryId)) {
        return Replayer.replay(trajectoryId, s, options);
      }
    }
    ReplayRun run = resumed.get();
    try (Stream<byte[]> s = ledger.readBytes(trajectoryId, snapshot.seq() + 1, Long.MAX_VALUE)) {
      Replayer.feed(run, s.iterator());
    }
    return run.finish();
  }

  /** The stored entry at {@code seq}, parsed strictly; empty when absent or unreadable. */
  private static Optional<Entry> stored(LedgerBackend ledger, Hash32 t, long seq) {
    try (Stream<byte[]> s = ledger.readBytes(t, seq, seq + 1)) {
      return s.findFirst().map(Entry::parse);
    } catch (ProtocolViolation e) {
      return Optional.empty();
    }
  }

  private static SnapshotRefused refused(String check, String detail) {
    return new SnapshotRefused("R6.2", check, detail);
  }

  private static Iterator<byte[]> limit(Iterator<byte[]> it, long n) {
    return new Iterator<>() {
      long left = n;

      @Override
      public boolean hasNext() {
        return left > 0 && it.hasNext();
      }

      @Override
      public byte[] next() {
        left--;
        return it.next();
      }
    };
  }
}
