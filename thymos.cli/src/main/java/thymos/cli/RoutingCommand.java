package thymos.cli;

import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.kernel.routing.RoutingOutcome;
import thymos.kernel.routing.RoutingOutcomes;

/**
 * {@code thymos routing <trajectory>}: the routing-feedback export of a trajectory (X9.2), derived
 * from its recorded outcomes on request. Each record is exactly {@code {decision_hash, selected,
 * status, latency_ms}}; nothing else of the run is printed.
 */
@Command(name = "routing", description = "Print routing feedback (X9.2): decision_hash, "
    + "selected, status and latency_ms of each outcome that carried routing evidence.")
final class RoutingCommand extends Base {

  /** A value printed as is in text mode; anything else is printed as a JSON string. */
  private static final Pattern PLAIN = Pattern.compile("[\\x21-\\x7e&&[^\"\\\\]]+");

  @Parameters(index = "0", paramLabel = "<trajectory>",
      description = "Trajectory id or unique prefix (at least 8 hex characters).")
  String trajectory;

  @Override
  protected int execute() {
    try (Project p = project()) {
      Hash32 id = Trajectories.resolve(p.ledger(), trajectory);
      List<RoutingOutcome> outcomes =
          RoutingOutcomes.derive(Trajectories.entries(p.ledger(), id).iterator());
      Output out = out();
      if (out.json) {
        out.json(RoutingOutcomes.toJson(outcomes));
        return Main.OK;
      }
      for (RoutingOutcome o : outcomes) {
        out.line(field(o.decisionHash()) + " " + field(o.selected()) + " " + o.status().wire()
            + " " + o.latencyMs() + "ms");
      }
      return Main.OK;
    }
  }

  /** Keeps one record per line: a value with spaces, quotes or control characters is quoted. */
  static String field(String value) {
    return PLAIN.matcher(value).matches() ? value : Json.string(value).canonicalString();
  }
}
