package thymos.kernel.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.ProofException;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.model.Checkpoint;
import thymos.api.model.Entry;
import thymos.api.model.RootPayload;
import thymos.api.model.UsagePayload;
import thymos.api.proof.ConsistencyProof;
import thymos.api.proof.InclusionProof;
import thymos.api.proof.MerkleTree;
import thymos.api.spi.ManualClock;
import thymos.ledger.spi.LedgerCorrupted;
import thymos.ledger.spi.StoredEntry;
import thymos.ledger.spi.memory.MemoryLedger;

/**
 * Proofs of real trajectories in the memory backend (A1–A4): they agree with the naive RFC 9162
 * definitions over the stored entry ids, verify with {@code thymos.api} alone, follow the
 * trajectory as it grows, and refuse what the ledger does not hold with typed errors.
 */
class TrajectoryProofsTest {

  private static final Ed25519Signer RUNTIME = Ed25519Signer.fromSeed(new byte[32]);
  private static final NaiveMerkle NAIVE = new NaiveMerkle(MerkleTree.BLAKE3);

  /** A trajectory in a ledger, appended through the SPI as the kernel would. */
  private static final class Trajectory {
    final MemoryLedger ledger = new MemoryLedger();
    final Hash32 id;
    final List<Entry> entries = new ArrayList<>();

    Trajectory(String name) {
      id = Ids.blake3(name.getBytes(StandardCharsets.UTF_8));
      Hash32 writ = Ids.blake3(("writ " + name).getBytes(StandardCharsets.UTF_8));
      add(Entry.create(id, 0, Optional.empty(), 1000, RootPayload.bound(writ, "proof test")));
    }

    void grow(int count) {
      for (int i = 0; i < count; i++) {
        Entry last = entries.get(entries.size() - 1);
        add(Entry.create(id, last.seq() + 1, Optional.of(last.id()), 1000 + last.seq() + 1,
            new UsagePayload("test", "model", last.seq(), 10, 20, 30)));
      }
    }

    private void add(Entry e) {
      ledger.append(StoredEntry.of(e));
      entries.add(e);
    }

    List<byte[]> leaves(int size) {
      return entries.subList(0, size).stream()
          .map(e -> MerkleTree.BLAKE3.leafHash(e.id().bytes())).toList();
    }
  }

  @Property(tries = 25)
  @Label("A1 A2 A3 proofs of a memory-ledger trajectory agree with the naive definitions")
  void required_A1_A2_A3_proofsAgreeWithNaiveReference(
      @ForAll @IntRange(min = 1, max = 70) int length, @ForAll @IntRange(min = 0, max = 1000) int s) {
    Trajectory t = new Trajectory("agree " + s + " " + length);
    t.grow(length - 1);
    TrajectoryProofs proofs = new TrajectoryProofs(t.ledger);
    for (int size = 1; size <= length; size++) {
      List<byte[]> d = t.leaves(size);
      Hash32 root = Hash32.of(NAIVE.mth(d));
      assertEquals(root, proofs.root(t.id, size));
      for (int seq = 0; seq < size; seq++) {
        InclusionProof p = proofs.prove(t.id, seq, size);
        assertEquals(MerkleIndexProperties.hex(NAIVE.path(seq, d)), hex(p.path()));
        assertTrue(p.verify(t.entries.get(seq).id(), root).verified());
      }
      for (int m = 1; m <= size; m++) {
        ConsistencyProof c = proofs.proveConsistency(t.id, m, size);
        assertEquals(MerkleIndexProperties.hex(NAIVE.proof(m, d)), hex(c.path()));
        assertTrue(c.verify(Hash32.of(NAIVE.mth(d.subList(0, m))), root).verified());
      }
    }
    assertEquals(length, proofs.indexedSize(t.id));
  }

  @Test
  @DisplayName("A2 A3 A4 the index follows the trajectory as it grows; checkpoints stay consistent")
  void required_A4_checkpointsOfAGrowingTrajectory() {
    Trajectory t = new Trajectory("growing");
    t.grow(9);
    TrajectoryProofs proofs = new TrajectoryProofs(t.ledger);
    ManualClock clock = ManualClock.at(1_790_000_000_000L);
    Checkpoint first = proofs.checkpoint(t.id, RUNTIME, clock);
    assertEquals(10, first.treeSize());
    assertEquals(t.entries.get(9).id(), first.headEntryId());
    assertEquals(Hash32.of(NAIVE.mth(t.leaves(10))), first.root());
    assertEquals(1_790_000_000_000L, first.recordedMs());
    assertTrue(first.verify(RUNTIME.publicKey()).verified());
    assertEquals(10, proofs.indexedSize(t.id));

    t.grow(23);
    Checkpoint second = proofs.checkpoint(t.id, RUNTIME, clock);
    assertEquals(33, second.treeSize());
    assertEquals(33, proofs.indexedSize(t.id));
    assertEquals(Hash32.of(NAIVE.mth(t.leaves(33))), second.root());
    assertTrue(first.verifyConsistency(second, proofs.proveConsistency(t.id, 10, 33)).verified());
    for (int seq = 0; seq < 33; seq++) {
      assertTrue(second.verifyInclusion(t.entries.get(seq).id(), proofs.prove(t.id, seq, 33))
          .verified(), "seq " + seq);
    }
    // an old tree size is still provable after growth, against the old checkpoint
    assertTrue(first.verifyInclusion(t.entries.get(4).id(), proofs.prove(t.id, 4, 10))
        .verified());
    assertFalse(first.verifyInclusion(t.entries.get(5).id(), proofs.prove(t.id, 4, 10))
        .verified());
  }

  @Test
  @DisplayName("A1 A2 A3 A4 what the ledger does not hold is a typed error")
  void required_A2_A3_requestsBeyondTheLedgerAreTyped() {
    Trajectory t = new Trajectory("short");
    t.grow(4);
    TrajectoryProofs proofs = new TrajectoryProofs(t.ledger);
    ProofException beyond = assertThrows(ProofException.class, () -> proofs.prove(t.id, 2, 6));
    assertEquals("THY-A200", beyond.code());
    assertTrue(beyond.getMessage().contains("tree size 6 exceeds the 5 entries"),
        beyond.getMessage());
    assertEquals("THY-A200",
        assertThrows(ProofException.class, () -> proofs.prove(t.id, 5, 5)).code());
    assertEquals("THY-A200",
        assertThrows(ProofException.class, () -> proofs.prove(t.id, -1, 5)).code());
    assertEquals("THY-A300",
        assertThrows(ProofException.class, () -> proofs.proveConsistency(t.id, 0, 5)).code());
    assertEquals("THY-A300",
        assertThrows(ProofException.class, () -> proofs.proveConsistency(t.id, 4, 3)).code());
    assertEquals("THY-A300",
        assertThrows(ProofException.class, () -> proofs.proveConsistency(t.id, 2, 9)).code());
    assertEquals("THY-A100",
        assertThrows(ProofException.class, () -> proofs.root(t.id, 0)).code());
    assertEquals("THY-A100",
        assertThrows(ProofException.class, () -> proofs.root(t.id, 6)).code());
    Hash32 unknown = Ids.blake3("unknown".getBytes(StandardCharsets.UTF_8));
    assertEquals("THY-A200",
        assertThrows(ProofException.class, () -> proofs.prove(unknown, 0, 1)).code());
    assertEquals("THY-A400", assertThrows(ProofException.class,
        () -> proofs.checkpoint(unknown, RUNTIME, ManualClock.at(0))).code());
    assertEquals(0, proofs.indexedSize(unknown));
  }

  @Test
  @DisplayName("A1 L3.1 a gap in the stored chain is LedgerCorrupted, not a proof")
  void required_A1_gapInLedgerIsCorruption() {
    Trajectory t = new Trajectory("gap");
    t.grow(7);
    t.ledger.corruptionHook().orElseThrow().removeStored(t.id, 3);
    TrajectoryProofs proofs = new TrajectoryProofs(t.ledger);
    LedgerCorrupted e = assertThrows(LedgerCorrupted.class, () -> proofs.prove(t.id, 1, 8));
    assertTrue(e.getMessage().contains("seq 4"), e.getMessage());
  }

  @Test
  @DisplayName("A1 release drops the index; the next request rebuilds the same proofs")
  void required_A1_releaseRebuilds() {
    Trajectory t = new Trajectory("release");
    t.grow(12);
    TrajectoryProofs proofs = new TrajectoryProofs(t.ledger);
    InclusionProof before = proofs.prove(t.id, 7, 13);
    proofs.release(t.id);
    assertEquals(0, proofs.indexedSize(t.id));
    assertEquals(before, proofs.prove(t.id, 7, 13));
  }

  private static List<String> hex(List<Hash32> l) {
    return l.stream().map(Hash32::hex).map(h -> HexFormat.of().formatHex(
        HexFormat.of().parseHex(h))).toList();
  }
}
