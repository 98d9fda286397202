package thymos.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import thymos.api.RequestRefused;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.kernel.run.CompensationReport;
import thymos.kernel.run.Run;

/**
 * {@code thymos compensate <trajectory> --to <entry>}: undoes, newest first, every commit after the
 * entry that is not a compensation and not already compensated (X6.2); stops at a commit that
 * cannot be undone and lists what was undone and what remains (X6.4). Exit 1 when it stopped.
 */
@Command(name = "compensate", description = "Undo a trajectory's commits after an entry, newest "
    + "first (sagas).")
final class CompensateCommand extends Base {

  @Parameters(index = "0", paramLabel = "<trajectory>",
      description = "Trajectory id or unique prefix (at least 8 hex characters).")
  String trajectory;

  @Option(names = "--to", required = true, paramLabel = "<entry>",
      description = "The entry to compensate back to (64 hex, entry: allowed); the commits after "
          + "it are undone.")
  String to;

  @Override
  protected int execute() {
    String hex = to.startsWith("entry:") ? to.substring(6) : to;
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new RequestRefused("X6.2", "unknown_target", "'" + to
          + "' is not an entry id (64 lowercase hex characters)");
    }
    try (Project p = project()) {
      Hash32 id = Trajectories.resolve(p.ledger(), trajectory);
      Run run = p.kernel(List.of()).resume(id);
      CompensationReport r = run.compensateTo(Hash32.parse(hex));
      if (out().json) {
        Map<String, Json> m = new LinkedHashMap<>();
        m.put("trajectory_id", id.toJson());
        m.put("target", r.target().toJson());
        m.put("complete", Json.bool(r.complete()));
        List<Json> undone = new ArrayList<>();
        for (CompensationReport.Undone u : r.undone()) {
          undone.add(Json.object(Map.of("trajectory_id", u.trajectory().toJson(),
              "commit", u.commit().toJson(), "compensation", u.compensation().toJson())));
        }
        m.put("undone", Json.array(undone));
        m.put("remaining", Json.array(r.remaining().stream().map(Hash32::toJson).toList()));
        r.stop().ifPresent(s -> m.put("stop", Json.object(Map.of("commit", s.commit().toJson(),
            "kind", Json.string(s.kind()), "message", Json.string(s.message())))));
        out().json(Json.object(m));
      } else {
        out().line("undone: " + r.undone().size());
        for (CompensationReport.Undone u : r.undone()) {
          out().line("  " + u.commit().display("entry") + " by "
              + u.compensation().display("entry")
              + (u.trajectory().equals(id) ? "" : " in child " + u.trajectory().display("traj")));
        }
        out().line("remaining: " + r.remaining().size());
        for (Hash32 h : r.remaining()) {
          out().line("  " + h.display("entry"));
        }
        r.stop().ifPresent(s -> out().line("stopped at " + s.commit().display("entry") + ": "
            + s.kind() + " — " + s.message()));
      }
      return r.complete() ? Main.OK : Main.VERIFICATION_FAILED;
    }
  }
}
