package thymos.kernel.anchor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import thymos.api.ProofException;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.model.AnchorReceipt;
import thymos.api.model.Checkpoint;
import thymos.api.model.CheckpointPayload;
import thymos.api.model.Entry;
import thymos.api.model.Payload;
import thymos.api.model.RootPayload;
import thymos.api.proof.InclusionProof;
import thymos.api.spi.Clock;
import thymos.api.spi.Signer;
import thymos.kernel.proof.TrajectoryProofs;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerCorrupted;
import thymos.ledger.spi.StoredEntry;

/**
 * The ledger-wide commitment of A5.1: the anchor trajectory {@code id("trajectory",
 * {"anchors":"v1"})}, a system trajectory whose entries are {@code checkpoint} entries — signed
 * checkpoints (A4) of other trajectories — and {@code anchor_receipt} entries recording what
 * anchor sinks returned for a published checkpoint of the anchor trajectory itself (A5.2). Its own
 * checkpoint therefore commits to every checkpoint it recorded, and {@link #prove} chains an entry
 * of any anchored trajectory to that one root.
 *
 * <p>Appends go through the ledger SPI like the authority trajectory's (W2.1): at the loaded head,
 * and on a lost race (L5.1, L5.2) the entries others appended are loaded, the request is checked
 * again and retried, at most {@link #MAX_ATTEMPTS} times. A new checkpoint of a trajectory must
 * extend the last one recorded for it (a consistency proof, A3), so a rewritten trajectory is
 * never anchored over its old history. Time comes only from the {@link Clock} (I6). Thread-safe.
 */
public final class AnchorLedger {

  /** The anchor trajectory's id, {@code id("trajectory", {"anchors": "v1"})} (A5.1). */
  public static final Hash32 TRAJECTORY_ID =
      Ids.id(DocType.TRAJECTORY, Json.object(Map.of("anchors", Json.string("v1"))));

  /** How many appends one call tries before giving up on a contended ledger (as W2.1's). */
  public static final int MAX_ATTEMPTS = 32;

  private final LedgerBackend ledger;
  private final Signer signer;
  private final Clock clock;
  private final TrajectoryProofs proofs;

  // The fold of the anchor trajectory loaded so far.
  private long nextSeq;
  private Optional<Hash32> head = Optional.empty();
  private final Map<Hash32, List<AnchoredEntry>> checkpoints = new HashMap<>();
  private final List<AnchoredEntry> receipts = new ArrayList<>();

  private AnchorLedger(LedgerBackend ledger, Signer signer, Clock clock) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.proofs = new TrajectoryProofs(ledger);
  }

  /**
   * Opens the anchor trajectory of {@code ledger}, creating it with its {@code anchors} system
   * root if it does not exist, and loads its entries. Checkpoints and entries appended from here
   * on are signed by {@code signer} (the runtime key, A4).
   *
   * @throws LedgerCorrupted ({@code THY-L506}) naming the seq of the first stored entry that is
   *     not a valid anchor entry; nothing is appended then
   * @throws thymos.api.LedgerException for a backend failure
   */
  public static AnchorLedger open(LedgerBackend ledger, Signer signer, Clock clock) {
    AnchorLedger opened = new AnchorLedger(ledger, signer, clock);
    if (ledger.head(TRAJECTORY_ID).isEmpty()) {
      try {
        ledger.append(StoredEntry.of(opened.entry(
            RootPayload.system("anchors", "anchor trajectory (A5.1)"))));
      } catch (AppendConflict createdByAnother) {
        // Another runtime created it first; its root is loaded below like any other entry.
      }
    }
    opened.refresh();
    return opened;
  }

  /** The proof maker over the same ledger (A1–A4). */
  public TrajectoryProofs proofs() {
    return proofs;
  }

  /**
   * Loads the entries other runtimes appended since the last load.
   *
   * @throws LedgerCorrupted for an entry that is not a valid anchor entry
   */
  public synchronized void refresh() {
    try (Stream<StoredEntry> fresh = ledger.read(TRAJECTORY_ID, nextSeq, Long.MAX_VALUE)) {
      fresh.forEachOrdered(this::apply);
    }
  }

  private void apply(StoredEntry stored) {
    Entry e;
    try {
      e = Entry.parse(stored.canonicalBytes());
    } catch (RuntimeException bad) {
      throw corrupted(stored.seq(), "does not parse as an entry: " + bad.getMessage());
    }
    if (!e.idMatches() || !e.id().equals(stored.id())) {
      throw corrupted(stored.seq(), "stored id " + stored.id().hex() + " is not the entry's id "
          + e.computeId().hex());
    }
    if (!e.trajectoryId().equals(TRAJECTORY_ID) || e.seq() != nextSeq || !e.parent().equals(head)) {
      throw corrupted(stored.seq(), "breaks the chain: expected seq " + nextSeq + " with parent "
          + head.map(Hash32::hex).orElse("(none)"));
    }
    if (e.isSigned() && !e.signatureVerifies()) {
      throw corrupted(e.seq(), "runtime signature does not verify");
    }
    switch (e.payload()) {
      case RootPayload r when e.seq() == 0 && r.system().equals(Optional.of("anchors")) -> { }
      case CheckpointPayload c when e.seq() > 0
          && !c.checkpoint().trajectoryId().equals(TRAJECTORY_ID) ->
          checkpoints.computeIfAbsent(c.checkpoint().trajectoryId(), t -> new ArrayList<>())
              .add(new AnchoredEntry(e));
      case AnchorReceipt r when e.seq() > 0
          && r.checkpoint().trajectoryId().equals(TRAJECTORY_ID) ->
          receipts.add(new AnchoredEntry(e));
      default -> throw corrupted(e.seq(), "a " + e.kind().wire() + " entry has no place here "
          + "(expected the anchors root at seq 0, then checkpoints of other trajectories and "
          + "receipts of anchor checkpoints)");
    }
    nextSeq = e.seq() + 1;
    head = Optional.of(e.id());
  }

  private static LedgerCorrupted corrupted(long seq, String what) {
    return new LedgerCorrupted("anchor trajectory traj:" + TRAJECTORY_ID.hex() + " seq " + seq
        + ": " + what);
  }

  /**
   * Checkpoints {@code trajectory}'s head (A4) and records the checkpoint in the anchor trajectory
   * (A5.1). When the last checkpoint recorded for it already covers the head, that one is
   * returned and nothing is appended.
   *
   * @throws ProofException {@code THY-A501} for the anchor trajectory itself (its checkpoints are
   *     published, not recorded in it) or {@code THY-A400} for a trajectory the ledger lacks
   * @throws LedgerCorrupted if the trajectory's history no longer extends its last recorded
   *     checkpoint (A3)
   * @throws AppendConflict if the append lost {@link #MAX_ATTEMPTS} races in a row
   */
  public synchronized AnchoredEntry record(Hash32 trajectory) {
    Objects.requireNonNull(trajectory, "trajectory");
    if (trajectory.equals(TRAJECTORY_ID)) {
      throw new ProofException("A5.1", "the anchor trajectory is not recorded in itself: its "
          + "checkpoints are published to anchor sinks (A5.2)");
    }
    for (int attempt = 1; ; attempt++) {
      refresh();
      Checkpoint fresh = proofs.checkpoint(trajectory, signer, clock);
      Optional<AnchoredEntry> last = latest(trajectory);
      if (last.isPresent()) {
        Checkpoint old = last.get().checkpoint();
        if (old.treeSize() == fresh.treeSize() && old.root().equals(fresh.root())) {
          return last.get();
        }
        requireExtends(old, fresh);
      }
      Optional<AnchoredEntry> appended = tryAppend(new CheckpointPayload(fresh), attempt);
      if (appended.isPresent()) {
        return appended.get();
      }
    }
  }

  private void requireExtends(Checkpoint old, Checkpoint fresh) {
    boolean extended = old.treeSize() < fresh.treeSize() && old.verifyConsistency(fresh,
        proofs.proveConsistency(old.trajectoryId(), old.treeSize(), fresh.treeSize()))
        .verified();
    if (!extended) {
      throw new LedgerCorrupted("traj:" + old.trajectoryId().hex() + " no longer extends its "
          + "anchored checkpoint:" + old.id().hex() + " (tree size " + old.treeSize() + ", root "
          + old.root().hex() + "): now tree size " + fresh.treeSize() + ", root "
          + fresh.root().hex());
    }
  }

  /**
   * A signed checkpoint of the anchor trajectory's head (A4, A5.1): what {@link AnchorSinks}
   * publish.
   */
  public synchronized Checkpoint checkpoint() {
    refresh();
    return proofs.checkpoint(TRAJECTORY_ID, signer, clock);
  }

  /**
   * Records what a sink returned for a published anchor checkpoint (A5.2) as an {@code
   * anchor_receipt} entry.
   *
   * @throws ProofException {@code THY-A502} if the receipt's checkpoint is not one of the anchor
   *     trajectory, is not signed by this runtime, or covers more entries than recorded
   * @throws AppendConflict if the append lost {@link #MAX_ATTEMPTS} races in a row
   */
  public synchronized AnchoredEntry recordReceipt(AnchorReceipt receipt) {
    Checkpoint c = Objects.requireNonNull(receipt, "receipt").checkpoint();
    if (!c.trajectoryId().equals(TRAJECTORY_ID)) {
      throw new ProofException("A5.2", "a receipt is recorded only for a checkpoint of the "
          + "anchor trajectory traj:" + TRAJECTORY_ID.hex() + ", not traj:"
          + c.trajectoryId().hex());
    }
    c.verify(signer.publicKey()).orThrow();
    for (int attempt = 1; ; attempt++) {
      refresh();
      if (c.treeSize() > nextSeq
          || !proofs.root(TRAJECTORY_ID, c.treeSize()).equals(c.root())) {
        throw new ProofException("A5.2", "receipt for checkpoint:" + c.id().hex()
            + " (tree size " + c.treeSize() + ") does not match the anchor trajectory of "
            + nextSeq + " entries");
      }
      Optional<AnchoredEntry> appended = tryAppend(receipt, attempt);
      if (appended.isPresent()) {
        return appended.get();
      }
    }
  }

  private Optional<AnchoredEntry> tryAppend(Payload payload, int attempt) {
    Entry entry = entry(payload);
    try {
      ledger.append(StoredEntry.of(entry));
    } catch (AppendConflict lost) {
      if (attempt >= MAX_ATTEMPTS) {
        throw lost;
      }
      Thread.yield(); // let the winner finish before we reload and re-check
      return Optional.empty();
    }
    apply(StoredEntry.of(entry));
    return Optional.of(new AnchoredEntry(entry));
  }

  private Entry entry(Payload payload) {
    return Entry.create(TRAJECTORY_ID, nextSeq, head, clock.read().timeMs(), payload, signer);
  }

  /** The last checkpoint recorded for {@code trajectory}, if any (as loaded). */
  public synchronized Optional<AnchoredEntry> latest(Hash32 trajectory) {
    List<AnchoredEntry> list = checkpoints.get(trajectory);
    return list == null ? Optional.empty() : Optional.of(list.getLast());
  }

  /** Every receipt recorded, in the order of the anchor trajectory (as loaded). */
  public synchronized List<AnchoredEntry> receipts() {
    return List.copyOf(receipts);
  }

  /** The trajectories with a recorded checkpoint (as loaded). */
  public synchronized List<Hash32> anchored() {
    return List.copyOf(checkpoints.keySet());
  }

  /** The number of entries of the anchor trajectory loaded (its head seq + 1). */
  public synchronized long size() {
    return nextSeq;
  }

  /**
   * As {@link #prove(Hash32, long, Checkpoint)} against a fresh checkpoint of the anchor
   * trajectory's head.
   */
  public AnchorProof prove(Hash32 trajectory, long seq) {
    return prove(trajectory, seq, checkpoint());
  }

  /**
   * The chain of A5.1 for the entry at {@code seq} of {@code trajectory}: its inclusion in the
   * earliest recorded checkpoint of the trajectory that covers it and that {@code anchor} covers,
   * that checkpoint's entry in the anchor trajectory, and its inclusion in {@code anchor}.
   *
   * @throws ProofException {@code THY-A501} if {@code anchor} is not a checkpoint of the anchor
   *     trajectory, or no checkpoint recorded before it covers the entry (anchor it first)
   */
  public synchronized AnchorProof prove(Hash32 trajectory, long seq, Checkpoint anchor) {
    Objects.requireNonNull(anchor, "anchor");
    if (!anchor.trajectoryId().equals(TRAJECTORY_ID)) {
      throw new ProofException("A5.1", "checkpoint:" + anchor.id().hex() + " is of traj:"
          + anchor.trajectoryId().hex() + ", not of the anchor trajectory");
    }
    refresh();
    Optional<AnchoredEntry> covering = checkpoints.getOrDefault(trajectory, List.of()).stream()
        .filter(a -> a.seq() < anchor.treeSize() && a.checkpoint().treeSize() > seq)
        .findFirst();
    if (covering.isEmpty()) {
      throw new ProofException("A5.1", "no checkpoint of traj:" + trajectory.hex()
          + " covering seq " + seq + " is recorded in the first " + anchor.treeSize()
          + " entries of the anchor trajectory; run anchor first");
    }
    AnchoredEntry a = covering.get();
    Checkpoint c = a.checkpoint();
    Hash32 entryId;
    try (Stream<StoredEntry> s = ledger.read(trajectory, seq, seq + 1)) {
      entryId = s.findFirst().map(StoredEntry::id).orElseThrow(() -> new ProofException("A2",
          "traj:" + trajectory.hex() + " has no entry at seq " + seq));
    }
    InclusionProof entryInclusion = proofs.prove(trajectory, seq, c.treeSize());
    InclusionProof anchorInclusion = proofs.prove(TRAJECTORY_ID, a.seq(), anchor.treeSize());
    return new AnchorProof(entryId, entryInclusion, c, a.entry(), anchorInclusion, anchor);
  }
}
