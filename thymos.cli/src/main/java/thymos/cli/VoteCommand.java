package thymos.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import thymos.api.RequestRefused;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.model.ApprovalPayload;
import thymos.kernel.run.Outcome;
import thymos.kernel.run.Run;
import thymos.kernel.run.VoteResult;
import thymos.ledger.spi.Position;

/** {@code thymos approve|deny <pending-entry>}: a signed vote on a pending proposal (X3.2). */
abstract class VoteCommand extends Base {

  @Parameters(index = "0", paramLabel = "<pending-entry>",
      description = "The pending_approval entry id (64 hex, entry: allowed).")
  String pending;

  @Option(names = "--as", paramLabel = "<key>",
      description = "Alias of the approver key that signs the vote (default: approver).")
  String approver = "approver";

  @Option(names = "--reason", description = "The reason, recorded with the vote.")
  String reason;

  abstract ApprovalPayload.Vote decision();

  @Override
  protected int execute() {
    String hex = pending.startsWith("entry:") ? pending.substring(6) : pending;
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new RequestRefused("X3.2", "unknown_pending", "'" + pending
          + "' is not an entry id (64 lowercase hex characters)");
    }
    Hash32 id = Hash32.parse(hex);
    try (Project p = project()) {
      Position at = p.ledger().locate(id).orElseThrow(() -> new RequestRefused("X3.2",
          "unknown_pending", "the ledger holds no entry " + id.hex()));
      Run run = p.kernel(List.of()).resume(at.trajectoryId());
      ApprovalPayload vote = ApprovalPayload.sign(run.trajectoryId(), id, decision(),
          Optional.ofNullable(reason), p.signer(approver));
      VoteResult r = run.vote(vote);
      Outcome o = r.outcome();
      if (out().json) {
        Map<String, Json> m = new LinkedHashMap<>();
        m.put("approval", r.approval().id().toJson());
        m.put("trajectory_id", run.trajectoryId().toJson());
        m.put("status", Json.string(o.status()));
        if (o instanceof Outcome.Recorded rec) {
          m.put("entry", rec.entry().id().toJson());
        }
        out().json(Json.object(m));
      } else {
        out().line(decision().wire() + " recorded as " + r.approval().id().display("entry"));
        out().line("proposal: " + o.status() + (o instanceof Outcome.Recorded rec
            ? " — " + Trajectories.summary(rec.entry()) : ""));
      }
    }
    return Main.OK;
  }

  /** {@code thymos approve}. */
  @Command(name = "approve", description = "Approve a pending proposal with an approver key.")
  static final class Approve extends VoteCommand {
    @Override
    ApprovalPayload.Vote decision() {
      return ApprovalPayload.Vote.APPROVE;
    }
  }

  /** {@code thymos deny}. */
  @Command(name = "deny", description = "Deny (veto) a pending proposal with an approver key.")
  static final class Deny extends VoteCommand {
    @Override
    ApprovalPayload.Vote decision() {
      return ApprovalPayload.Vote.DENY;
    }
  }
}
