package thymos.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.model.Entry;
import thymos.api.model.RootPayload;
import thymos.api.model.Writ;
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.authority.ChainVerification;
import thymos.kernel.authority.Rejection;
import thymos.kernel.replay.DelegationDag;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.ReplayReport;
import thymos.kernel.replay.TreeReport;
import thymos.kernel.replay.Violation;

/**
 * {@code thymos audit <trajectory>}: the governance trail — the writ chain the run was bound to,
 * every entry with what it decided (deciding policy, rejection reasons, approvals, failures), the
 * intents left in doubt, and the replay verdict (exit 1 when replay finds a violation).
 */
@Command(name = "audit", description = "Show a trajectory's governance trail and replay verdict.")
final class AuditCommand extends Base {

  @Parameters(index = "0", paramLabel = "<trajectory>",
      description = "Trajectory id or unique prefix (at least 8 hex characters).")
  String trajectory;

  @Override
  protected int execute() {
    try (Project p = project()) {
      return audit(p, out(), Trajectories.resolve(p.ledger(), trajectory));
    }
  }

  /** Prints the audit of trajectory {@code id}; returns 0 when replay verifies, else 1. */
  static int audit(Project p, Output out, Hash32 id) {
    {
      AuthorityLedger authority = p.authority();
      List<Entry> entries = Trajectories.entries(p.ledger(), id);
      Trajectories.Replayed replayed = Trajectories.replay(p, id,
          ReplayOptions.defaults().collectAll());
      ReplayReport report = replayed.report();
      List<Writ> chain = new ArrayList<>();
      if (!entries.isEmpty() && entries.getFirst().payload() instanceof RootPayload r
          && r.writId().isPresent()) {
        authority.writ(r.writId().get()).ifPresent(w -> chain.addAll(
            WritCommand.chain(authority, w)));
      }
      if (out.json) {
        Map<String, Json> m = new LinkedHashMap<>();
        m.put("trajectory_id", id.toJson());
        m.put("writ_chain", Json.array(chain.stream().map(w -> (Json) w.id().toJson()).toList()));
        List<Json> trail = new ArrayList<>();
        for (Entry e : entries) {
          trail.add(Json.object(Map.of("seq", Json.integer(e.seq()), "id", e.id().toJson(),
              "kind", e.kind().toJson(), "recorded_ms", Json.integer(e.recordedMs()),
              "summary", Json.string(Trajectories.summary(e)))));
        }
        m.put("entries", Json.array(trail));
        m.put("replay", report.toJson());
        replayed.tree().ifPresent(t -> m.put("delegation", t.toJson()));
        out.json(Json.object(m));
        return replayed.verified() ? Main.OK : Main.VERIFICATION_FAILED;
      }
      out.line(out.bold("trajectory " + id.hex()));
      if (chain.isEmpty()) {
        out.line("writ chain: (none)");
      } else {
        out.line("writ chain (leaf first):");
        long now = p.clock.nowMs();
        for (Writ w : chain) {
          ChainVerification v = authority.verify(w.id(), now);
          String status = v instanceof Rejection rj ? out.yellow(rj.reason().wire()) : "valid now";
          out.line("  " + w.id().display("writ") + "  " + w.body().issuer() + " -> "
              + w.body().subject() + "  scopes " + String.join(" ", w.body().scopes())
              + "  " + WritCommand.ceiling(w.body().effectCeiling()) + "  " + status);
        }
      }
      out.line("");
      List<List<String>> rows = new ArrayList<>();
      for (Entry e : entries) {
        String kind = switch (e.kind()) {
          case REJECTION, FAILURE -> out.red(e.kind().wire());
          case PENDING_APPROVAL, EXECUTION -> out.yellow(e.kind().wire());
          case COMMIT -> out.green(e.kind().wire());
          default -> e.kind().wire();
        };
        rows.add(List.of(Long.toString(e.seq()), Trajectories.time(e.recordedMs()), kind,
            e.id().hex().substring(0, 12), Trajectories.summary(e)));
      }
      out.table(List.of("seq", "recorded", "kind", "entry", "what"), rows);
      out.line("");
      if (!report.inDoubt().isEmpty()) {
        out.line(out.yellow("in doubt: " + report.inDoubt().size()
            + " intent(s) executed without a recorded result (X5.2)"));
        report.inDoubt().forEach(i -> out.line("  " + i.display("intent")));
      }
      out.line("world: " + report.resources() + " resource(s), hash " + report.worldHash().hex());
      return verdict(out, replayed);
    }
  }

  /** The trajectory's verdict, then the tree's (R8) when it delegated; 0 only when all hold. */
  static int verdict(Output out, Trajectories.Replayed replayed) {
    int own = verdict(out, replayed.report());
    boolean tree = replayed.tree().map(t -> delegation(out, t)).orElse(true);
    return own == Main.OK && tree ? Main.OK : Main.VERIFICATION_FAILED;
  }

  static int verdict(Output out, ReplayReport report) {
    if (report.verified()) {
      out.line("replay: " + out.green("verified") + " (" + report.entries() + " entries)");
      return Main.OK;
    }
    out.line("replay: " + out.red("FAILED") + " (" + report.violations().size()
        + " violation(s))");
    for (Violation v : report.violations()) {
      out.line("  " + v.message());
    }
    return Main.VERIFICATION_FAILED;
  }

  /** Prints the R8 part: the DAG's size and each failing child or edge; whether all verified. */
  static boolean delegation(Output out, TreeReport t) {
    long failedChildren = t.children().stream().filter(c -> !c.report().verified()).count();
    long failedEdges = t.edges().stream().filter(v -> !v.ok()).count();
    String size = t.children().size() + " descendant(s), " + t.dag().edges().size()
        + " delegation(s), depth " + t.dag().depth();
    if (t.verified()) {
      out.line("delegation: " + out.green("verified") + " (" + size + ")");
      return true;
    }
    out.line("delegation: " + out.red("FAILED") + " (" + size + "; " + failedChildren
        + " descendant(s) and " + failedEdges + " edge(s) failed)");
    for (TreeReport.Child c : t.children()) {
      c.report().firstViolation().ifPresent(v -> out.line("  "
          + c.node().trajectoryId().display("traj") + ": " + v.message()));
    }
    for (DelegationDag.Verdict v : t.edges()) {
      v.problems().forEach(pr -> out.line("  edge " + v.edge().entryId().display("entry")
          + ": " + pr));
    }
    return false;
  }
}
