package thymos.kernel.replay;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.PublicKey;
import thymos.api.model.CommitPayload;
import thymos.api.model.Entry;
import thymos.api.model.EntryKind;
import thymos.api.model.FailurePayload;
import thymos.api.model.PendingApprovalPayload;
import thymos.api.model.RejectionPayload;

/**
 * The state of one replay: turns each {@link Prepared} entry into violations in R2 order, checks
 * the chain here (R2.3) and hands content, pins and authority to their own classes, then builds
 * the report (R5).
 */
final class ReplayRun {

  private final Hash32 trajectoryId;
  private final Findings findings;
  private final ContentChecks content;
  private final Optional<AuthorityChecks> authority;
  private final Pins pins;

  private long position;
  private Optional<Hash32> previousId = Optional.empty();
  private Optional<EntryKind> lastKind = Optional.empty();
  private final Map<EntryKind, Long> counts = new EnumMap<>(EntryKind.class);

  ReplayRun(Hash32 trajectoryId, ReplayOptions options) {
    this.trajectoryId = trajectoryId;
    this.findings = new Findings(trajectoryId, options.mode() == ReplayOptions.Mode.FAIL_FAST);
    this.content = new ContentChecks(trajectoryId, findings);
    this.authority = options.authority().map(a -> new AuthorityChecks(a, findings));
    this.pins = new Pins(options, findings);
  }

  boolean halted() {
    return findings.halted();
  }

  /** Checks the entry at the current position (R2.1–R2.6) and advances. */
  void step(Prepared p) {
    long pos = position++;
    findings.at(pos, p.storedId(), p.storedKind());
    lastKind = p.entry().map(Entry::kind);
    check(pos, p);
    previousId = p.storedId(); // the next parent is checked against the id as stored
  }

  private void check(long pos, Prepared p) {
    if (p.notCanonical()) {
      // Collect-all reads the value on when it can: it is JSON, so the entry is still folded.
      findings.add(Violation.Reason.NOT_CANONICAL, "RFC 8785 canonical bytes (E1.1)",
          "bytes that differ from their canonical form");
    }
    if (p.malformed().isPresent()) {
      findings.add(Violation.Reason.MALFORMED, "an entry that reads strictly (E1, L1, L4)",
          p.malformed().get());
      return;
    }
    p.recomputedId().ifPresent(actual -> findings.add(Violation.Reason.ID_MISMATCH,
        p.storedId().map(Hash32::hex).orElse("?"), actual.hex()));
    if (halted()) {
      return;
    }
    Entry entry = p.entry().orElseThrow();
    counts.merge(entry.kind(), 1L, Long::sum);
    chain(pos, entry);
    if (!p.signatureOk()) {
      findings.add(Violation.Reason.BAD_SIGNATURE,
          "a valid signature by " + entry.signer().orElseThrow().hex(),
          entry.signature().orElseThrow().hex());
    }
    pins.entry(entry);
    if (halted()) {
      return;
    }
    // The id of record is the stored one, also after an R2.2 failure in collect-all mode.
    content.check(entry, p.storedId().orElseThrow(), p.intentId(), p.proposalId());
    if (!halted()) {
      authority.ifPresent(a -> a.check(pos, entry));
    }
  }

  /** L3.1: seq is the position, parent the previous stored id, one trajectory, root first. */
  private void chain(long pos, Entry entry) {
    if (entry.seq() != pos) {
      findings.add(Violation.Reason.SEQ_MISMATCH, Long.toString(pos), Long.toString(entry.seq()));
    }
    if (pos == 0 && entry.parent().isPresent()) {
      findings.add(Violation.Reason.PARENT_MISMATCH, "none", entry.parent().get().hex());
    } else if (pos > 0 && previousId.isPresent()
        && !entry.parent().equals(previousId)) {
      findings.add(Violation.Reason.PARENT_MISMATCH, previousId.get().hex(),
          entry.parent().map(Hash32::hex).orElse("none"));
    } else if (pos > 0 && entry.parent().isEmpty()) {
      findings.add(Violation.Reason.PARENT_MISMATCH, "the previous entry's id", "none");
    }
    if (!entry.trajectoryId().equals(trajectoryId)) {
      findings.add(Violation.Reason.TRAJECTORY_MISMATCH, trajectoryId.hex(),
          entry.trajectoryId().hex());
    }
    boolean first = entry.kind() == EntryKind.ROOT || entry.kind() == EntryKind.BRANCH;
    if (first != (pos == 0)) {
      findings.add(Violation.Reason.MISPLACED_ROOT,
          pos == 0 ? "root or branch at seq 0" : "no root or branch after seq 0",
          entry.kind().wire());
    }
  }

  ReplayReport finish() {
    if (position == 0) {
      findings.at(0, Optional.empty(), Optional.empty());
      findings.add(Violation.Reason.EMPTY_TRAJECTORY, "a root or branch entry at seq 0",
          "no entries");
    }
    Hash32 worldHash = content.world().hash();
    if (position > 0) {
      findings.at(position - 1, previousId, lastKind);
    }
    pins.end(previousId, worldHash);
    return new ReplayReport(trajectoryId, position, count(EntryKind.COMMIT),
        count(EntryKind.REJECTION), count(EntryKind.PENDING_APPROVAL),
        count(EntryKind.APPROVAL), count(EntryKind.FAILURE), content.inDoubt(), previousId,
        position == 0 ? OptionalLong.empty() : OptionalLong.of(position - 1),
        List.copyOf(pins.compilerVersions()), sortedIds(pins.policySets()),
        sortedKeys(pins.signers()), worldHash, content.world().size(), findings.all());
  }

  private long count(EntryKind kind) {
    return counts.getOrDefault(kind, 0L);
  }

  private static List<Hash32> sortedIds(TreeSet<String> hex) {
    return hex.stream().map(Hash32::parse).toList();
  }

  private static List<PublicKey> sortedKeys(TreeSet<String> hex) {
    return hex.stream().map(PublicKey::parse).toList();
  }

  static Optional<String> compilerVersion(Entry entry) {
    return switch (entry.payload()) {
      case CommitPayload c -> Optional.of(c.compilerVersion());
      case RejectionPayload r -> Optional.of(r.compilerVersion());
      case PendingApprovalPayload p -> Optional.of(p.compilerVersion());
      case FailurePayload f -> Optional.of(f.compilerVersion());
      default -> Optional.empty();
    };
  }
}
