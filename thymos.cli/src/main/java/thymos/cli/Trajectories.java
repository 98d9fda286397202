package thymos.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import thymos.api.RequestRefused;
import thymos.api.crypto.Hash32;
import thymos.api.model.ApprovalPayload;
import thymos.api.model.BranchPayload;
import thymos.api.model.CommitPayload;
import thymos.api.model.CompensationPayload;
import thymos.api.model.DelegationPayload;
import thymos.api.model.DelegationResultPayload;
import thymos.api.model.Entry;
import thymos.api.model.EntryKind;
import thymos.api.model.ExecutionPayload;
import thymos.api.model.FailurePayload;
import thymos.api.model.PendingApprovalPayload;
import thymos.api.model.PolicyTrace;
import thymos.api.model.RejectionPayload;
import thymos.api.model.RevocationPayload;
import thymos.api.model.RootPayload;
import thymos.api.model.UsagePayload;
import thymos.api.model.WritPayload;
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.replay.AuthorityInput;
import thymos.kernel.replay.DelegationDag;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.ReplayReport;
import thymos.kernel.replay.Replayer;
import thymos.kernel.replay.TreeReport;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.Page;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.StoredEntry;

/** Finding trajectories and entries, replaying them, and saying what an entry records. */
final class Trajectories {

  private Trajectories() {}

  /**
   * A trajectory by full id or unique prefix of at least 8 hex characters ({@code traj:} allowed).
   *
   * @throws RequestRefused {@code unknown_trajectory} when none or several match
   */
  static Hash32 resolve(LedgerBackend ledger, String idOrPrefix) {
    String hex = idOrPrefix.startsWith("traj:") ? idOrPrefix.substring(5) : idOrPrefix;
    if (hex.matches("[0-9a-f]{64}")) {
      Hash32 id = Hash32.parse(hex);
      if (ledger.head(id).isEmpty()) {
        throw new RequestRefused("X1.2", "unknown_trajectory", "the ledger holds no trajectory "
            + id.hex());
      }
      return id;
    }
    if (!hex.matches("[0-9a-f]{8,63}")) {
      throw new RequestRefused("X1.2", "unknown_trajectory", "'" + idOrPrefix
          + "' is not a trajectory id or a prefix of at least 8 lowercase hex characters");
    }
    List<Hash32> hits = new ArrayList<>();
    PageRequest<Hash32> page = PageRequest.first(1_000);
    while (true) {
      Page<Hash32> p = ledger.trajectories(page);
      p.items().stream().filter(t -> t.hex().startsWith(hex)).forEach(hits::add);
      if (!p.hasMore() || p.last().isEmpty()) {
        break;
      }
      page = PageRequest.after(p.last().get(), 1_000);
    }
    if (hits.size() != 1) {
      throw new RequestRefused("X1.2", "unknown_trajectory", hits.size()
          + " trajectories start with " + hex + "; give more characters");
    }
    return hits.getFirst();
  }

  /** Every entry of the trajectory, parsed (for display; replay reads bytes). */
  static List<Entry> entries(LedgerBackend ledger, Hash32 trajectoryId) {
    try (Stream<StoredEntry> s = ledger.read(trajectoryId)) {
      return s.map(e -> Entry.parse(e.canonicalBytes())).toList();
    }
  }

  private static boolean isBranch(LedgerBackend ledger, Hash32 trajectoryId) {
    try (Stream<StoredEntry> first = ledger.read(trajectoryId, 0, 1)) {
      return first.anyMatch(e -> e.kind() == EntryKind.BRANCH);
    }
  }

  /**
   * What {@code replay} and {@code audit} verify: the trajectory (R1–R5, a branch with its source
   * prefix, R7) and, when it delegated, its descendants and delegation edges (R8).
   *
   * @param report the trajectory's own report
   * @param tree the tree replay; empty when the trajectory delegated nothing
   */
  record Replayed(ReplayReport report, Optional<TreeReport> tree) {
    /** Whether the trajectory and the whole tree verified. */
    boolean verified() {
      return report.verified() && tree.map(TreeReport::verified).orElse(true);
    }
  }

  /**
   * Replays {@code trajectoryId} with the authority of the same ledger (R2.6) added to {@code
   * options}, then its delegation tree if it has one; the authority trajectory is read once.
   */
  static Replayed replay(Project p, Hash32 trajectoryId, ReplayOptions options) {
    LedgerBackend ledger = p.ledger();
    AuthorityInput authority;
    try (Stream<byte[]> a = ledger.readBytes(AuthorityLedger.TRAJECTORY_ID)) {
      authority = AuthorityInput.fromEntries(a.iterator(), p.anchors());
    }
    ReplayOptions o = options.withAuthority(authority);
    ReplayReport report = replayOne(ledger, trajectoryId, o);
    DelegationDag dag = DelegationDag.project(ledger, trajectoryId);
    return new Replayed(report, dag.edges().isEmpty() ? Optional.empty()
        : Optional.of(Replayer.replayTree(ledger, dag, report, o)));
  }

  private static ReplayReport replayOne(LedgerBackend ledger, Hash32 trajectoryId,
      ReplayOptions options) {
    if (isBranch(ledger, trajectoryId)) {
      // R7: a branch is replayed with its source prefix, which the Replayer reads itself.
      return Replayer.replayBranch(ledger, trajectoryId, options);
    }
    long total = ledger.head(trajectoryId).map(h -> h.seq() + 1).orElse(0L);
    Progress progress = Progress.onTerminal("replaying", total);
    try (Stream<byte[]> s = ledger.readBytes(trajectoryId)) {
      return Replayer.replay(trajectoryId, s.peek(b -> progress.step()).iterator(), options);
    } finally {
      progress.done();
    }
  }

  static String time(long ms) {
    return Instant.ofEpochMilli(ms).toString();
  }

  /** One line saying what an entry records, for the audit trail. */
  static String summary(Entry e) {
    return switch (e.payload()) {
      case RootPayload r -> r.writId().map(w -> "bound to " + w.display("writ"))
          .orElse("system trajectory " + r.system().orElse("?")) + noteOf(r.note())
          + r.delegatedFrom().map(f -> ", delegated from " + f.trajectoryId().display("traj"))
              .orElse("");
      case BranchPayload b -> "branch of " + b.sourceTrajectoryId().display("traj")
          + " bound to " + b.writId().display("writ");
      case CommitPayload c -> c.proposal().body().tool() + " committed, " + c.delta().ops().size()
          + " op(s)" + decider(c.proposal().body().policyTrace())
          + (c.approvals().isEmpty() ? "" : ", approved by " + c.approvals().size() + " vote(s)")
          + (c.redacted() ? ", redacted" : "");
      case RejectionPayload r -> r.intent().tool() + " rejected: " + r.reason().kind() + " — "
          + r.reason().message();
      case PendingApprovalPayload p -> p.proposal().body().tool() + " waits for " + p.quorum()
          + " approval(s) on channel " + p.channel() + ": " + p.reason();
      case ApprovalPayload a -> a.decision().wire() + " by " + a.approverKey().hex()
          .substring(0, 16) + " on " + a.pending().display("entry")
          + a.reason().map(r -> " (" + r + ")").orElse("");
      case ExecutionPayload x -> "executing intent " + x.intentId().display("intent");
      case FailurePayload f -> f.intent().tool() + " failed: " + f.error().kind() + " — "
          + f.error().message();
      case UsagePayload u -> "usage " + u.provider() + ":" + u.model() + " step " + u.step()
          + ": " + u.inputTokens() + " in, " + u.outputTokens() + " out, "
          + u.usdMillicents() + " usd_millicents";
      case WritPayload w -> "writ " + w.writ().id().display("writ") + " for "
          + w.writ().body().subject();
      case RevocationPayload r -> "revoked " + r.writId().display("writ") + ": " + r.reason();
      case DelegationPayload d -> "delegated \"" + d.task() + "\" to "
          + d.childTrajectoryId().display("traj") + " under " + d.childWritId().display("writ")
          + ", reserving " + d.reserved().toolCalls() + " tool call(s)";
      case DelegationResultPayload r -> "child " + r.childTrajectoryId().display("traj")
          + " closed: " + r.outcome() + r.finalAnswer().map(a -> " — " + a).orElse("");
      case CompensationPayload c -> "compensated back to " + c.target().display("entry") + ": "
          + c.undone().size() + " commit(s) undone in descendants";
      default -> e.kind().wire();
    };
  }

  private static String noteOf(String note) {
    return note.isEmpty() ? "" : " (" + note + ")";
  }

  /**
   * The policy verdict of a proposal (P3): ", permitted by N checks", or who required approval
   * ", approval required by P rule R".
   */
  static String decider(PolicyTrace trace) {
    Optional<PolicyTrace.Evaluation> asked = trace.evaluated().stream()
        .filter(ev -> !ev.decision().kind().equals("permit")).findFirst();
    return asked.map(ev -> ", approval required by " + ev.policy()
        + ev.rule().map(r -> " rule " + r).orElse(""))
        .orElse(", permitted by " + trace.evaluated().size() + " check(s)");
  }
}
