package thymos.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.PublicKey;
import thymos.api.json.Json;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.ReplayReport;

/**
 * {@code thymos replay <trajectory>}: re-verifies a trajectory from its stored bytes (R1–R5) with
 * the authority of the same ledger, optionally pinned (R3), and, when the trajectory delegated,
 * every descendant and every delegation edge (R8). Exit 1 when it finds a violation.
 */
@Command(name = "replay", description = "Re-verify a trajectory from the ledger alone (no model, "
    + "no tool).")
final class ReplayCommand extends Base {

  @Parameters(index = "0", paramLabel = "<trajectory>",
      description = "Trajectory id or unique prefix (at least 8 hex characters).")
  String trajectory;

  @Option(names = "--collect-all", description = "Report every violation, not only the first.")
  boolean collectAll;

  @Option(names = "--pin-compiler", paramLabel = "<version>",
      description = "Accept only these compiler versions (R3); repeatable.")
  List<String> compilers = List.of();

  @Option(names = "--pin-policy-set", paramLabel = "<hex>",
      description = "Accept only these policy-set hashes (R3); repeatable.")
  List<String> policySets = List.of();

  @Option(names = "--pin-signer", paramLabel = "<hex>",
      description = "Require every entry signed by one of these runtime keys (R3); repeatable.")
  List<String> signers = List.of();

  @Option(names = "--pin-world-hash", paramLabel = "<hex>",
      description = "Require this world hash at the end (R3, R4).")
  String worldHash;

  @Option(names = "--pin-head", paramLabel = "<hex>",
      description = "Require this head entry id (R3).")
  String head;

  @Override
  protected int execute() {
    try (Project p = project()) {
      Hash32 id = Trajectories.resolve(p.ledger(), trajectory);
      ReplayOptions o = collectAll ? ReplayOptions.defaults().collectAll()
          : ReplayOptions.defaults();
      if (!compilers.isEmpty()) {
        o = o.pinCompilerVersions(compilers.toArray(String[]::new));
      }
      if (!policySets.isEmpty()) {
        o = o.pinPolicySets(policySets.stream().map(Hash32::parse).toArray(Hash32[]::new));
      }
      if (!signers.isEmpty()) {
        o = o.pinSigners(signers.stream().map(PublicKey::parse).toArray(PublicKey[]::new));
      }
      if (worldHash != null) {
        o = o.pinWorldHash(Hash32.parse(worldHash));
      }
      if (head != null) {
        o = o.pinHead(Hash32.parse(head));
      }
      Trajectories.Replayed replayed = Trajectories.replay(p, id, o);
      ReplayReport report = replayed.report();
      Output out = out();
      if (out.json) {
        Map<String, Json> m = new HashMap<>(report.toJson().members());
        replayed.tree().ifPresent(t -> m.put("delegation", t.toJson()));
        out.json(Json.object(m));
        return replayed.verified() ? Main.OK : Main.VERIFICATION_FAILED;
      }
      out.line("trajectory " + id.hex());
      out.line("entries " + report.entries() + ": " + report.commits() + " commit(s), "
          + report.rejections() + " rejection(s), " + report.pending() + " pending, "
          + report.approvals() + " approval(s), " + report.failures() + " failure(s)");
      out.line("head " + report.headEntry().map(Hash32::hex).orElse("-"));
      out.line("world " + report.worldHash().hex() + " (" + report.resources() + " resources)");
      out.line("compilers " + report.compilerVersions() + ", policy sets "
          + report.policySets().stream().map(h -> h.hex().substring(0, 12)).toList());
      return AuditCommand.verdict(out, replayed);
    }
  }
}
