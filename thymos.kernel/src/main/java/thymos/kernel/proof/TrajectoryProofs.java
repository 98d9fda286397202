package thymos.kernel.proof;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import thymos.api.ProofException;
import thymos.api.crypto.Hash32;
import thymos.api.model.Checkpoint;
import thymos.api.proof.ConsistencyProof;
import thymos.api.proof.InclusionProof;
import thymos.api.proof.MerkleTree;
import thymos.api.spi.Clock;
import thymos.api.spi.Signer;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerCorrupted;
import thymos.ledger.spi.StoredEntry;

/**
 * Makes audit proofs and checkpoints of trajectories (A1–A4) from their entry ids, read through
 * the {@link LedgerBackend} SPI. Each trajectory gets a {@link MerkleIndex} on first use, built
 * from its entries in seq order and extended with later entries when a larger tree is asked for,
 * so a proof never rehashes the trajectory. The leaves are the ids as the backend stores them
 * (the {@code id} column); that they match the stored bytes is replay's check (R2.2).
 *
 * <p>Memory: 64 bytes per indexed entry (see {@link MerkleIndex}) until {@link #release}. Time
 * comes only from the {@link Clock} given to {@link #checkpoint}. Thread-safe.
 */
public final class TrajectoryProofs {

  private final LedgerBackend ledger;
  private final ConcurrentHashMap<Hash32, Indexed> indexes = new ConcurrentHashMap<>();

  /** Proofs over the trajectories of {@code ledger}. */
  public TrajectoryProofs(LedgerBackend ledger) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  /**
   * {@code prove(trajectory, seq, tree_size)} (A2): the audit path of the entry at {@code seq} in
   * the tree of the trajectory's first {@code treeSize} entries.
   *
   * @throws ProofException {@code THY-A200} if {@code seq} is not in {@code [0, treeSize)} or
   *     {@code treeSize} exceeds the trajectory's length (an unknown trajectory has length 0)
   * @throws LedgerCorrupted if the stored entries do not form a chain of contiguous seqs
   */
  public InclusionProof prove(Hash32 trajectory, long seq, long treeSize) {
    MerkleTree.inclusionPathLength(seq, treeSize);
    MerkleIndex index = indexed(trajectory, treeSize, "A2");
    return new InclusionProof(trajectory, seq, treeSize, hashes(index.inclusionPath(seq,
        treeSize)));
  }

  /**
   * {@code proveConsistency(trajectory, m, n)} (A3): that the first {@code m} entries are a
   * prefix of the first {@code n}.
   *
   * @throws ProofException {@code THY-A300} if {@code m} is 0 or above {@code n}, or {@code n}
   *     exceeds the trajectory's length
   * @throws LedgerCorrupted as {@link #prove}
   */
  public ConsistencyProof proveConsistency(Hash32 trajectory, long m, long n) {
    MerkleTree.consistencyProofLength(m, n);
    MerkleIndex index = indexed(trajectory, n, "A3");
    return new ConsistencyProof(trajectory, m, n, hashes(index.consistencyProof(m, n)));
  }

  /**
   * The Merkle root of the trajectory's first {@code treeSize} entries (A1).
   *
   * @throws ProofException {@code THY-A100} if {@code treeSize} is not in {@code [1, length]}
   * @throws LedgerCorrupted as {@link #prove}
   */
  public Hash32 root(Hash32 trajectory, long treeSize) {
    if (treeSize < 1) {
      throw new ProofException("A1", "tree size must be >= 1, got " + treeSize
          + " (a trajectory starts with its root entry)");
    }
    return Hash32.of(indexed(trajectory, treeSize, "A1").root(treeSize));
  }

  /**
   * A signed checkpoint of the trajectory's head (A4): {@code tree_size} = head seq + 1, the
   * root of that tree, the head's entry id, {@code recorded_ms} read from {@code clock}.
   *
   * @throws ProofException {@code THY-A400} if the trajectory does not exist
   * @throws LedgerCorrupted as {@link #prove}
   */
  public Checkpoint checkpoint(Hash32 trajectory, Signer signer, Clock clock) {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(clock, "clock");
    Head head = ledger.head(trajectory).orElseThrow(() -> new ProofException("A4",
        "no checkpoint of traj:" + trajectory.hex() + ": the ledger holds no such trajectory"));
    long size = head.seq() + 1;
    MerkleIndex index = indexed(trajectory, size, "A4");
    // the indexed leaf must be the head's id: a backend that changed a stored row is caught here
    if (!Arrays.equals(index.leafHash(size - 1),
        MerkleTree.BLAKE3.leafHash(head.id().bytes()))) {
      throw new LedgerCorrupted("traj:" + trajectory.hex() + " head seq " + head.seq()
          + " has id " + head.id().hex() + " but another id was indexed at that seq");
    }
    Hash32 root = Hash32.of(index.root(size));
    return Checkpoint.sign(trajectory, size, root, head.id(), clock.nowMs(), signer);
  }

  /** The number of entries indexed for {@code trajectory} so far (0 if none). */
  public long indexedSize(Hash32 trajectory) {
    Indexed ix = indexes.get(trajectory);
    return ix == null ? 0 : ix.index.size();
  }

  /** Drops the index of {@code trajectory}; the next request rebuilds it from the ledger. */
  public void release(Hash32 trajectory) {
    indexes.remove(trajectory);
  }

  private MerkleIndex indexed(Hash32 trajectory, long treeSize, String rule) {
    return indexedEntry(trajectory, treeSize, rule).index;
  }

  /** The trajectory's index, extended from the ledger to at least {@code treeSize} leaves. */
  private Indexed indexedEntry(Hash32 trajectory, long treeSize, String rule) {
    Objects.requireNonNull(trajectory, "trajectory");
    Indexed ix = indexes.computeIfAbsent(trajectory, t -> new Indexed());
    synchronized (ix) {
      if (ix.index.size() >= treeSize) {
        return ix;
      }
      long length = ledger.head(trajectory).map(h -> h.seq() + 1).orElse(0L);
      if (treeSize > length) {
        throw new ProofException(rule, "tree size " + treeSize + " exceeds the " + length
            + " entries of traj:" + trajectory.hex());
      }
      try (Stream<StoredEntry> s = ledger.read(trajectory, ix.index.size(), treeSize)) {
        s.forEachOrdered(e -> ix.add(trajectory, e));
      }
      if (ix.index.size() < treeSize) {
        throw new LedgerCorrupted("traj:" + trajectory.hex() + " has head seq " + (length - 1)
            + " but reading stopped at seq " + ix.index.size());
      }
      return ix;
    }
  }

  private static List<Hash32> hashes(List<byte[]> raw) {
    return raw.stream().map(Hash32::of).toList();
  }

  /** An index and the last id it holds, so an extension can check it chains on (L3.1). */
  private static final class Indexed {
    final MerkleIndex index = MerkleIndex.blake3();
    private Optional<Hash32> last = Optional.empty();

    void add(Hash32 trajectory, StoredEntry e) {
      long expected = index.size();
      if (e.seq() != expected || !e.parent().equals(last)) {
        throw new LedgerCorrupted("traj:" + trajectory.hex() + " seq " + e.seq()
            + ": expected seq " + expected + " with parent "
            + last.map(Hash32::hex).orElse("(none)") + ", found parent "
            + e.parent().map(Hash32::hex).orElse("(none)"));
      }
      index.append(e.id());
      last = Optional.of(e.id());
    }
  }
}
