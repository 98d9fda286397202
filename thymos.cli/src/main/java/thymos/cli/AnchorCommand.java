package thymos.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import thymos.api.ConfigurationException;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.model.AnchorReceipt;
import thymos.api.model.Checkpoint;
import thymos.api.spi.AnchorSink;
import thymos.api.spi.Signer;
import thymos.kernel.anchor.AnchorAudit;
import thymos.kernel.anchor.AnchorLedger;
import thymos.kernel.anchor.AnchorSinks;
import thymos.kernel.anchor.AnchoredEntry;

/**
 * {@code thymos anchor <trajectory>...}: records a signed checkpoint of each trajectory in the
 * anchor trajectory (A5.1), then publishes the anchor trajectory's checkpoint to every sink of
 * {@code anchor_sinks} and records each receipt (A5.2). {@code --verify} re-checks every recorded
 * receipt with its sink and the consistency of the published checkpoints; exit 1 on a finding.
 * Checkpoints are signed by the project's {@code runtime_key}. A relative {@code path} or {@code
 * certificate} in a sink's config is relative to the project folder.
 */
@Command(name = "anchor", description = "Checkpoint trajectories into the anchor trajectory and "
    + "publish its checkpoint to the configured anchor sinks (--verify: re-check receipts).")
final class AnchorCommand extends Base {

  @Parameters(arity = "0..*", paramLabel = "<trajectory>",
      description = "Trajectory ids or unique prefixes (at least 8 hex characters).")
  List<String> trajectories = List.of();

  @Option(names = "--verify", description = "Re-check every recorded receipt and the "
      + "consistency of the published checkpoints instead of anchoring.")
  boolean verify;

  @Override
  protected int execute() {
    if (verify && !trajectories.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--verify takes no trajectory: it checks every recorded receipt");
    }
    try (Project p = project()) {
      String alias = p.config.runtimeKey().orElseThrow(() -> new ConfigurationException(
          "THY-A400", "A4", ProjectConfig.FILE + " names no runtime_key: anchor checkpoints are "
              + "signed by the runtime key", List.of(), null));
      Signer runtime = p.signer(alias);
      AnchorLedger anchors = AnchorLedger.open(p.ledger(), runtime, p.clock);
      List<AnchorSink> sinks = AnchorSinks.serviceLoaded(selections(p));
      try {
        return verify ? verify(anchors, sinks, runtime) : anchor(p, anchors, sinks);
      } finally {
        sinks.forEach(AnchorSink::close);
      }
    }
  }

  /** The configured sinks, relative {@code path} and {@code certificate} made absolute. */
  private static List<AnchorSinks.Selection> selections(Project p) {
    List<AnchorSinks.Selection> out = new ArrayList<>();
    for (AnchorSinks.Selection s : p.config.anchorSinks()) {
      Map<String, Json> c = new LinkedHashMap<>(s.config().members());
      for (String member : List.of("path", "certificate")) {
        if (c.get(member) instanceof JsonString v && !v.value().isEmpty()) {
          c.put(member, Json.string(p.folder.resolve(Path.of(v.value())).normalize().toString()));
        }
      }
      out.add(new AnchorSinks.Selection(s.provider(), Json.object(c)));
    }
    return out;
  }

  private int anchor(Project p, AnchorLedger anchors, List<AnchorSink> sinks) {
    Output out = out();
    List<Json> anchored = new ArrayList<>();
    for (String t : trajectories) {
      Hash32 id = Trajectories.resolve(p.ledger(), t);
      AnchoredEntry e = anchors.record(id);
      Checkpoint c = e.checkpoint();
      anchored.add(JsonObject.builder().put("trajectory_id", id.toJson())
          .put("tree_size", Json.integer(c.treeSize())).put("checkpoint_id", c.id().toJson())
          .put("anchor_seq", Json.integer(e.seq())).build());
      if (!out.json) {
        out.line("anchored traj:" + id.hex() + " tree size " + c.treeSize() + " as anchor seq "
            + e.seq() + " (checkpoint:" + c.id().hex() + ")");
      }
    }
    Checkpoint c = anchors.checkpoint();
    if (!out.json) {
      out.line("anchor checkpoint:" + c.id().hex() + " tree size " + c.treeSize() + " root "
          + c.root().hex());
      if (sinks.isEmpty()) {
        out.line(out.yellow("published nowhere: " + ProjectConfig.FILE
            + " configures no anchor_sinks"));
      }
    }
    List<Json> receipts = new ArrayList<>();
    for (AnchorSink sink : sinks) {
      AnchorReceipt r = sink.publish(c);
      AnchoredEntry recorded = anchors.recordReceipt(r);
      receipts.add(r.toJson());
      if (!out.json) {
        out.line("published to " + r.sink() + ": " + new String(r.evidence().canonicalBytes(),
            java.nio.charset.StandardCharsets.UTF_8) + " (receipt recorded at anchor seq "
            + recorded.seq() + ")");
      }
    }
    if (out.json) {
      out.json(JsonObject.builder().put("anchored", Json.array(anchored))
          .put("checkpoint", c.toJson()).put("receipts", Json.array(receipts)).build());
    }
    return Main.OK;
  }

  private int verify(AnchorLedger anchors, List<AnchorSink> sinks, Signer runtime) {
    List<AnchorReceipt> receipts = anchors.receipts().stream()
        .map(e -> (AnchorReceipt) e.entry().payload()).toList();
    AnchorAudit.Report report = AnchorAudit.audit(receipts, sinks, runtime.publicKey(), anchors);
    Output out = out();
    if (out.json) {
      out.json(JsonObject.builder().put("receipts", Json.integer(report.receipts()))
          .put("verdict", Json.string(report.verified() ? "verified" : "failed"))
          .put("findings", Json.array(report.findings().stream()
              .map(f -> (Json) Json.string(f.toString())).toList())).build());
    } else {
      for (int i = 0; i < receipts.size(); i++) {
        AnchorReceipt r = receipts.get(i);
        out.line("receipt " + i + ": " + r.sink() + " checkpoint:" + r.checkpoint().id().hex()
            + " tree size " + r.checkpoint().treeSize());
      }
      report.findings().forEach(f -> out.line(out.red(f.toString())));
      out.line(report.verified()
          ? out.green("verified") + ": " + report.receipts() + " receipt(s)"
          : out.red("failed") + ": " + report.findings().size() + " finding(s) in "
              + report.receipts() + " receipt(s)");
    }
    return report.verified() ? Main.OK : Main.VERIFICATION_FAILED;
  }
}
