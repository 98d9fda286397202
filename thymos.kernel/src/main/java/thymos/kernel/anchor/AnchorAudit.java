package thymos.kernel.anchor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import thymos.api.ProofException;
import thymos.api.crypto.PublicKey;
import thymos.api.model.AnchorReceipt;
import thymos.api.model.Checkpoint;
import thymos.api.proof.ProofVerification;
import thymos.api.spi.AnchorSink;
import thymos.kernel.proof.TrajectoryProofs;

/**
 * The verifier of A5.2: re-checks recorded receipts and the consistency of the anchor checkpoints
 * that were published. For every receipt: its checkpoint is a checkpoint of the anchor trajectory
 * signed by the trusted runtime key (A4), a sink of the receipt's name is configured, and that
 * sink verifies the receipt. Across receipts, ordered by tree size: each published checkpoint is
 * extended by the next (a consistency proof from the ledger, A3; equal sizes need equal roots),
 * and the largest is extended by the ledger's anchor trajectory as it is now. A fork — two
 * published checkpoints that no single history explains — is thus a finding, never silent.
 */
public final class AnchorAudit {

  private AnchorAudit() {}

  /**
   * One failed check.
   *
   * @param index the receipt's position in the audited list (in anchor-trajectory order)
   * @param sink the receipt's sink
   * @param treeSize the tree size of the receipt's checkpoint
   * @param rule the spec rule, {@code A4}, {@code A3} or {@code A5.2}
   * @param check what was compared
   * @param expected the value required
   * @param actual the value found
   */
  public record Finding(int index, String sink, long treeSize, String rule, String check,
      String expected, String actual) {

    /** One line: {@code [THY-A502] receipt 2 (file, tree size 7): evidence: expected …}. */
    @Override
    public String toString() {
      return "[" + thymos.api.ThymosException.codeFor(rule) + "] receipt " + index + " (" + sink
          + ", tree size " + treeSize + "): " + check + ": expected " + expected + ", actual "
          + actual;
    }
  }

  /**
   * The outcome: every finding, empty when all receipts verified.
   *
   * @param receipts how many receipts were audited
   * @param findings what failed
   */
  public record Report(int receipts, List<Finding> findings) {
    /** Copies the findings. */
    public Report {
      findings = List.copyOf(findings);
    }

    /** Whether nothing failed. */
    public boolean verified() {
      return findings.isEmpty();
    }
  }

  /**
   * Audits {@code receipts} (A5.2).
   *
   * @param receipts the receipts, as recorded ({@link AnchorLedger#receipts()})
   * @param sinks the configured sinks; a receipt's sink is found by {@link AnchorSink#name()}
   * @param runtime the runtime key that must have signed every published checkpoint
   * @param anchors the anchor trajectory of the ledger, whose proofs and length are used
   * @return the report; failed checks are findings, never exceptions
   * @throws thymos.api.spi.AnchorSinkFailure if a sink cannot be read to check
   */
  public static Report audit(List<AnchorReceipt> receipts, List<AnchorSink> sinks,
      PublicKey runtime, AnchorLedger anchors) {
    Objects.requireNonNull(runtime, "runtime");
    anchors.refresh();
    Map<String, AnchorSink> byName = new HashMap<>();
    sinks.forEach(s -> byName.putIfAbsent(s.name(), s));
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < receipts.size(); i++) {
      AnchorReceipt r = receipts.get(i);
      Checkpoint c = r.checkpoint();
      if (!c.trajectoryId().equals(AnchorLedger.TRAJECTORY_ID)) {
        findings.add(new Finding(i, r.sink(), c.treeSize(), "A5.2", "trajectory",
            AnchorLedger.TRAJECTORY_ID.hex(), c.trajectoryId().hex()));
        continue;
      }
      add(findings, i, r, c.verify(runtime));
      AnchorSink sink = byName.get(r.sink());
      if (sink == null) {
        findings.add(new Finding(i, r.sink(), c.treeSize(), "A5.2", "sink",
            "a configured sink named " + r.sink(), "configured: " + byName.keySet()));
      } else {
        add(findings, i, r, sink.verify(r));
      }
    }
    consistency(receipts, anchors.proofs(), anchors.size(), findings);
    return new Report(receipts.size(), findings);
  }

  private static void consistency(List<AnchorReceipt> receipts, TrajectoryProofs proofs,
      long length, List<Finding> findings) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < receipts.size(); i++) {
      if (receipts.get(i).checkpoint().trajectoryId().equals(AnchorLedger.TRAJECTORY_ID)) {
        order.add(i);
      }
    }
    order.sort(Comparator.comparingLong(i -> receipts.get(i).checkpoint().treeSize()));
    for (int k = 0; k < order.size(); k++) {
      int i = order.get(k);
      AnchorReceipt r = receipts.get(i);
      Checkpoint older = r.checkpoint();
      Checkpoint newer;
      if (k + 1 < order.size()) {
        newer = receipts.get(order.get(k + 1)).checkpoint();
      } else if (length >= older.treeSize()) {
        newer = null; // the last: compared with the ledger below
      } else {
        findings.add(new Finding(i, r.sink(), older.treeSize(), "A3", "ledger_size",
            "an anchor trajectory of at least " + older.treeSize() + " entries",
            length + " entries"));
        continue;
      }
      if (newer == null) {
        if (!proofs.root(AnchorLedger.TRAJECTORY_ID, older.treeSize()).equals(older.root())) {
          findings.add(new Finding(i, r.sink(), older.treeSize(), "A3", "ledger_root",
              proofs.root(AnchorLedger.TRAJECTORY_ID, older.treeSize()).hex(),
              older.root().hex()));
        }
        continue;
      }
      ProofVerification v;
      if (older.treeSize() == newer.treeSize()) {
        v = older.root().equals(newer.root()) ? ProofVerification.Verified.INSTANCE
            : new ProofVerification.Rejected("A3", "same_size_root", older.root().hex(),
                newer.root().hex());
      } else if (length < newer.treeSize()) {
        v = new ProofVerification.Rejected("A3", "ledger_size", "an anchor trajectory of at "
            + "least " + newer.treeSize() + " entries", length + " entries");
      } else {
        try {
          v = older.verifyConsistency(newer, proofs.proveConsistency(
              AnchorLedger.TRAJECTORY_ID, older.treeSize(), newer.treeSize()));
        } catch (ProofException e) {
          v = new ProofVerification.Rejected("A3", "consistency_proof", "a proof from "
              + older.treeSize() + " to " + newer.treeSize(), e.getMessage());
        }
      }
      add(findings, i, r, v);
    }
  }

  private static void add(List<Finding> findings, int index, AnchorReceipt r,
      ProofVerification v) {
    if (v instanceof ProofVerification.Rejected x) {
      findings.add(new Finding(index, r.sink(), r.checkpoint().treeSize(), x.rule(), x.check(),
          x.expected(), x.actual()));
    }
  }
}
