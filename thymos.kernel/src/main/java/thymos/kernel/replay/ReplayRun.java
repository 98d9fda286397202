package thymos.kernel.replay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.PublicKey;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;
import thymos.api.model.BranchPayload;
import thymos.api.model.Budget;
import thymos.api.model.CommitPayload;
import thymos.api.model.Entry;
import thymos.api.model.EntryKind;
import thymos.api.model.FailurePayload;
import thymos.api.model.PendingApprovalPayload;
import thymos.api.model.RejectionPayload;
import thymos.api.model.UsagePayload;
import thymos.api.model.World;

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
  // Kept for snapshots (R6.1): the spend, unsigned entries and the latest commit time.
  private Budget spend = Budget.ZERO;
  private long unsigned;
  private long maxCommitMs = -1;

  /**
   * What a branch replay found of the source (R7): the branch entry it was computed for, and
   * either the source world at the branch point or the violation that kept it from being known.
   *
   * @param of the branch entry's payload
   * @param world the source world folded up to and including the source entry, when verified
   * @param reason the violation when not ({@code BRANCH_SOURCE_MISSING} or {@code
   *     BRANCH_SOURCE_INVALID})
   * @param detail what was found instead
   */
  record BranchSource(BranchPayload of, Optional<World> world, Optional<Violation.Reason> reason,
      String detail) {}

  /** Null: the caller supplied no source, so a branch at seq 0 cannot be verified (R7). */
  private BranchSource source;

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
    track(entry);
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
    if (pos == 0 && entry.payload() instanceof BranchPayload b) {
      branch(b);
      if (halted()) {
        return;
      }
    }
    // The id of record is the stored one, also after an R2.2 failure in collect-all mode.
    content.check(entry, p.storedId().orElseThrow(), p.intentId(), p.proposalId());
    if (!halted()) {
      authority.ifPresent(a -> a.check(pos, entry));
    }
  }

  private void track(Entry entry) {
    if (!entry.isSigned()) {
      unsigned++;
    }
    switch (entry.payload()) {
      case CommitPayload c -> {
        spend = spend.plus(c.cost());
        maxCommitMs = Math.max(maxCommitMs, entry.recordedMs());
      }
      case UsagePayload u -> spend = spend.plus(u.asCost());
      default -> { }
    }
  }

  /** Supplies what was found of the source of the branch being replayed (R7). */
  void source(BranchSource found) {
    this.source = found;
  }

  /** R7, E2.6: the branch's id is derived, and its world starts at the verified source world. */
  private void branch(BranchPayload b) {
    Hash32 derived = b.trajectoryId();
    if (!derived.equals(trajectoryId)) {
      findings.add(Violation.Reason.BRANCH_ID_MISMATCH, derived.hex() + " (E2.6)",
          trajectoryId.hex());
    }
    String point = b.sourceEntryId().display("entry") + " of "
        + b.sourceTrajectoryId().display("traj");
    if (source == null || !source.of().equals(b)) {
      findings.add(Violation.Reason.BRANCH_SOURCE_UNVERIFIED,
          "the source prefix up to " + point + " (R7; replay with Replayer.replayBranch)",
          "no source supplied");
    } else if (source.world().isPresent()) {
      content.startFrom(source.world().get());
    } else {
      findings.add(source.reason().orElseThrow(), "the source prefix up to " + point
          + " verified (R7)", source.detail());
    }
  }

  long position() {
    return position;
  }

  Optional<Hash32> previousId() {
    return previousId;
  }

  boolean anyViolation() {
    return findings.any();
  }

  Optional<Violation> firstViolation() {
    return findings.all().isEmpty() ? Optional.empty() : Optional.of(findings.all().get(0));
  }

  Budget spend() {
    return spend;
  }

  World world() {
    return content.world().build();
  }

  /**
   * The replay state after the entries read so far, for a snapshot (R6.1): the report's counters
   * and distinct values, what the pins and the authority check need to judge the prefix, and the
   * content checks' state (see {@link ContentChecks#state()}). The world is carried apart.
   */
  JsonObject state() {
    JsonObject.Builder c = JsonObject.builder();
    counts.forEach((k, n) -> c.put(k.wire(), Json.integer(n)));
    JsonObject.Builder b = JsonObject.builder()
        .put("counts", c.build())
        .put("compiler_versions", strings(pins.compilerVersions()))
        .put("policy_sets", strings(pins.policySets()))
        .put("signers", strings(pins.signers()))
        .put("unsigned", Json.integer(unsigned))
        .put("content", content.state());
    if (maxCommitMs >= 0) {
      b.put("max_commit_ms", Json.integer(maxCommitMs));
    }
    return b.build();
  }

  private static Json strings(Collection<String> values) {
    return Json.array(values.stream().map(Json::string).toList());
  }

  /**
   * A run positioned after the snapshot's entry {@code atSeq} (R6.2), its state restored from
   * {@code state}; empty when the options would have found a violation in the prefix (a pin the
   * prefix's values break, an authority problem at the root or a commit after a revocation), so
   * the caller replays in full and names the entry exactly.
   *
   * @param first the entry at seq 0, read when authority is checked (R2.6)
   */
  static Optional<ReplayRun> resume(Hash32 trajectoryId, ReplayOptions options,
      JsonObject state, World world, Entry atSeq,
      Optional<Entry> first) {
    ReplayRun run = new ReplayRun(trajectoryId, options);
    StrictObject o = StrictObject.of(state, "/replay");
    StrictObject c = o.nested("counts");
    for (EntryKind k : EntryKind.values()) {
      c.optNonNegative(k.wire()).ifPresent(n -> run.counts.put(k, n));
    }
    c.end();
    List<String> versions = stringList(o, "compiler_versions");
    List<String> sets = stringList(o, "policy_sets");
    List<String> keys = stringList(o, "signers");
    run.unsigned = o.nonNegative("unsigned");
    run.maxCommitMs = o.optNonNegative("max_commit_ms").orElse(-1L);
    run.content.restore(o.nested("content"), world.toBuilder());
    o.end();
    run.pins.restore(versions, sets, keys);
    run.position = atSeq.seq() + 1;
    run.previousId = Optional.of(atSeq.id());
    run.lastKind = Optional.of(atSeq.kind());
    if (!run.pins.wouldPass(versions, sets, keys, run.unsigned == 0)) {
      return Optional.empty();
    }
    if (run.authority.isPresent()) {
      AuthorityChecks a = run.authority.get();
      run.findings.at(0, first.map(Entry::id), first.map(Entry::kind));
      a.check(0, first.orElseThrow());
      if (run.findings.any() || a.revokedBefore(run.maxCommitMs)) {
        return Optional.empty();
      }
    }
    return Optional.of(run);
  }

  private static List<String> stringList(StrictObject o, String name) {
    JsonArray a = o.array(name);
    List<String> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      out.add(StrictObject.asString(a.get(i),
          StrictObject.child(o.pointer(name), i)));
    }
    return out;
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
