package thymos.kernel.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;

/**
 * The replay of a trajectory with its descendants (07 §R8): the root's report, the delegation DAG
 * (nodes, edges, depth), each child's report and each edge's verdict. The tree is verified when
 * every report is and every edge is.
 *
 * @param root the root trajectory's report (R5)
 * @param dag the DAG projected from the ledger (09 §D4)
 * @param children every other trajectory of the DAG with its report, breadth-first
 * @param edges each {@code delegation} edge's verdict, in DAG order
 */
public record TreeReport(ReplayReport root, DelegationDag dag, List<Child> children,
    List<DelegationDag.Verdict> edges) {

  /**
   * A descendant and its report.
   *
   * @param node the DAG node (status, spend, reservations, depth)
   * @param report its replay report
   */
  public record Child(DelegationDag.Node node, ReplayReport report) {
    /** Checks for {@code null}. */
    public Child {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(report, "report");
    }
  }

  /** Copies the lists; checks for {@code null}. */
  public TreeReport {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(dag, "dag");
    children = List.copyOf(children);
    edges = List.copyOf(edges);
  }

  /** Whether the root, every child and every edge verified. */
  public boolean verified() {
    return root.verified() && children.stream().allMatch(c -> c.report().verified())
        && edges.stream().allMatch(DelegationDag.Verdict::ok);
  }

  /** {@code verified} or {@code failed}, for the whole tree. */
  public ReplayReport.Verdict verdict() {
    return verified() ? ReplayReport.Verdict.VERIFIED : ReplayReport.Verdict.FAILED;
  }

  /**
   * The JSON form: the tree's {@code verdict}, the DAG's {@code nodes}/{@code edges}/{@code depth}
   * counts, {@code children} ({@code trajectory_id, depth, status, spent, reserved, verdict,
   * violations}) and {@code edge_verdicts} ({@code entry_id, parent, child, reserved, verdict,
   * problems}). The root's own report is {@link ReplayReport#toJson()}.
   */
  public JsonObject toJson() {
    List<Json> cs = new ArrayList<>(children.size());
    for (Child c : children) {
      List<Json> vs = new ArrayList<>();
      c.report().violations().forEach(v -> vs.add(v.toJson()));
      cs.add(Json.object(Map.of(
          "trajectory_id", c.node().trajectoryId().toJson(),
          "depth", Json.integer(c.node().depth()),
          "status", Json.string(c.node().status()),
          "spent", c.node().spent().toJson(),
          "reserved", c.node().reserved().toJson(),
          "verdict", Json.string(c.report().verdict().wire()),
          "violations", Json.array(vs))));
    }
    List<Json> es = new ArrayList<>(edges.size());
    for (DelegationDag.Verdict v : edges) {
      es.add(Json.object(Map.of(
          "entry_id", v.edge().entryId().toJson(),
          "parent", v.edge().parent().toJson(),
          "child", v.edge().child().toJson(),
          "reserved", v.edge().reserved().toJson(),
          "verdict", Json.string(v.ok() ? "verified" : "failed"),
          "problems", Json.array(v.problems().stream().<Json>map(Json::string).toList()))));
    }
    return Json.object(Map.of(
        "verdict", Json.string(verdict().wire()),
        "nodes", Json.integer(dag.nodes().size()),
        "edges", Json.integer(dag.edges().size()),
        "depth", Json.integer(dag.depth()),
        "children", Json.array(cs),
        "edge_verdicts", Json.array(es)));
  }
}
