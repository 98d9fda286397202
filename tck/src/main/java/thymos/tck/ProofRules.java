package thymos.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.proof.ConsistencyProof;
import thymos.api.proof.InclusionProof;
import thymos.api.proof.MerkleTree;
import thymos.api.proof.ProofVerification;
import thymos.api.spi.ManualClock;
import thymos.api.spi.SeededEntropy;
import thymos.kernel.bundle.Bundles;
import thymos.kernel.bundle.ImportOptions;
import thymos.kernel.proof.TrajectoryProofs;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.Replayer;
import thymos.kernel.replay.Snapshot;
import thymos.kernel.replay.Snapshots;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.StoredEntry;

/**
 * Proofs from the backend's entries (spec 10 K2.5): inclusion and consistency proofs built from
 * what the backend returns verify against roots computed independently here (A1–A3); a
 * snapshot-assisted replay gives exactly the full replay's report (R6.2); export, then import into
 * a fresh store of the same backend, reproduces byte-identical entries (L8).
 */
abstract class ProofRules extends RuleGroup {

  private static final int SIZE = 37;

  ProofRules(LedgerBackendVerification tck) {
    super(tck);
  }

  private List<StoredEntry> kvRun() {
    List<StoredEntry> rows = TckEntries.kvTrajectory(store.env().seed(), SIZE);
    ledger.appendBatch(rows);
    return rows;
  }

  /** RFC 9162 §2.1 root over the first {@code n} ids, the naive recursive way (A1). */
  private static byte[] root(List<StoredEntry> rows, int from, int to) {
    MerkleTree tree = MerkleTree.BLAKE3;
    if (to - from == 1) {
      return tree.leafHash(rows.get(from).id().bytes());
    }
    int k = Integer.highestOneBit(to - from - 1);
    return tree.nodeHash(root(rows, from, from + k), root(rows, from + k, to));
  }

  private static void assertVerified(ProofVerification v, String what) {
    assertTrue(v.verified(), () -> what + ": " + v);
  }

  @Test
  @DisplayName("K2.5, A2: inclusion proofs from the backend's entries verify against an independent root")
  void required_K2_5_inclusionProofsVerify() {
    List<StoredEntry> rows = kvRun();
    TrajectoryProofs proofs = new TrajectoryProofs(ledger);
    Hash32 t = rows.getFirst().trajectoryId();
    SplittableRandom random = new SplittableRandom(store.env().seed());
    for (int size : new int[] {1, 2, 7, 8, 9, 16, SIZE}) {
      Hash32 expected = Hash32.of(root(rows, 0, size));
      assertEquals(expected, proofs.root(t, size), "root of the first " + size + " entries");
      for (int i = 0; i < 4; i++) {
        int seq = random.nextInt(size);
        InclusionProof p = proofs.prove(t, seq, size);
        assertVerified(p.verify(rows.get(seq).id(), expected), "seq " + seq + " of " + size);
        if (size > 1) {
          int other = (seq + 1) % size;
          assertTrue(!p.verify(rows.get(other).id(), expected).verified(),
              "the proof of seq " + seq + " does not prove seq " + other);
        }
      }
    }
  }

  @Test
  @DisplayName("K2.5, A3: consistency proofs between sizes of the backend's trajectory verify")
  void required_K2_5_consistencyProofsVerify() {
    List<StoredEntry> rows = kvRun();
    TrajectoryProofs proofs = new TrajectoryProofs(ledger);
    Hash32 t = rows.getFirst().trajectoryId();
    for (int[] mn : new int[][] {{1, 2}, {3, 7}, {4, 8}, {8, 9}, {5, SIZE}, {SIZE, SIZE}}) {
      ConsistencyProof p = proofs.proveConsistency(t, mn[0], mn[1]);
      assertVerified(p.verify(Hash32.of(root(rows, 0, mn[0])), Hash32.of(root(rows, 0, mn[1]))),
          "sizes " + mn[0] + " → " + mn[1]);
    }
  }

  @Test
  @DisplayName("K2.5, R6.2: a snapshot-assisted replay gives exactly the full replay's report")
  void required_K2_5_snapshotReplayEqualsFullReplayAtTheEdges() {
    for (long seq : new long[] {0, 1, SIZE / 2, SIZE - 1}) {
      assertSnapshotReplayEqualsFullReplay(store(false).open(), store.env().seed(), SIZE, seq);
    }
  }

  /**
   * Stores a {@code size}-entry kernel trajectory made from {@code seed} in {@code ledger}, then
   * checks that a snapshot at {@code seq} replays to the full replay's report (R6.2).
   */
  static void assertSnapshotReplayEqualsFullReplay(LedgerBackend ledger, long seed, int size,
      long seq) {
    List<StoredEntry> rows = TckEntries.kvTrajectory(seed, size);
    ledger.appendBatch(rows);
    Hash32 t = rows.getFirst().trajectoryId();
    Ed25519Signer runtime = Ed25519Signer.generate(new SeededEntropy(seed));
    String full;
    try (var s = ledger.readBytes(t)) {
      full = Replayer.replay(t, s.iterator(), ReplayOptions.defaults()).toJson()
          .canonicalString();
    }
    Snapshot snapshot = Snapshots.make(ledger, t, seq, runtime);
    assertEquals(full, Snapshots.replay(ledger, t, snapshot, runtime.publicKey(),
        ReplayOptions.defaults()).toJson().canonicalString(),
        "snapshot at seq " + seq + " of " + size + " (seed " + seed + ")");
  }

  @Test
  @DisplayName("K2.5, L8: export, then import into a fresh store, reproduces byte-identical entries")
  void required_K2_5_exportImportIsByteIdentical() throws IOException {
    List<StoredEntry> rows = kvRun();
    Hash32 t = rows.getFirst().trajectoryId();
    Path bundle = store.env().directory().resolve("export.thymos-bundle");
    Ed25519Signer runtime = Ed25519Signer.generate(new SeededEntropy(store.env().seed()));
    try (OutputStream out = Files.newOutputStream(bundle)) {
      Bundles.export(ledger, List.of(t), out, runtime, ManualClock.at(1_800_000_000_000L));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    LedgerBackend fresh = store(false).open();
    assertEquals(SIZE, Bundles.importBundle(fresh, bundle, ImportOptions.defaults()).appended());
    List<byte[]> imported = storedBytes(fresh, t, 0, Long.MAX_VALUE);
    assertEquals(rows.size(), imported.size());
    for (int i = 0; i < rows.size(); i++) {
      assertArrayEquals(rows.get(i).canonicalBytes(), imported.get(i), "seq " + i);
    }
    assertEquals(stored(ledger, t), stored(fresh, t), "ids, columns and bytes");
    assertEquals(0, Bundles.importBundle(fresh, bundle, ImportOptions.defaults()).appended(),
        "importing the same bundle twice changes nothing");
    assertTrue(Arrays.equals(rows.getLast().canonicalBytes(), imported.getLast()));
  }
}
