package thymos.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.model.Budget;
import thymos.api.model.DelegationPayload;
import thymos.api.model.Entry;
import thymos.kernel.replay.DelegationDag;
import thymos.ledger.spi.LedgerBackend;

/**
 * {@code thymos dag <trajectory>}: the delegation DAG under a trajectory, derived from the ledger
 * alone (09 §D4) — a tree of trajectories with status, spend and reservations, Graphviz DOT with
 * {@code --dot}, or {@code {root, nodes, edges, depth}} with {@code --json}.
 */
@Command(name = "dag", description = "Show the delegation DAG under a trajectory, from the "
    + "ledger alone (a tree; --dot for Graphviz).")
final class DagCommand extends Base {

  @Parameters(index = "0", paramLabel = "<trajectory>",
      description = "Trajectory id or unique prefix (at least 8 hex characters).")
  String trajectory;

  @Option(names = "--dot", description = "Print Graphviz DOT instead of a tree.")
  boolean dot;

  @Override
  protected int execute() {
    try (Project p = project()) {
      LedgerBackend ledger = p.ledger();
      Hash32 root = Trajectories.resolve(ledger, trajectory);
      DelegationDag dag = DelegationDag.project(ledger, root);
      Output out = out();
      if (out.json) {
        out.json(json(root, dag));
      } else if (dot) {
        dot(out, dag);
      } else {
        tree(out, root, dag);
      }
      return Main.OK;
    }
  }

  /** A budget in one short phrase: tool calls, tokens, wall clock ms, USD millicents. */
  static String budget(Budget b) {
    return b.toolCalls() + " calls " + b.tokens() + " tok " + b.wallClockMs() + " ms "
        + b.usdMillicents() + " mc";
  }

  private static String describe(DelegationDag.Node n) {
    return n.trajectoryId().shortDisplay("traj") + "  " + n.status() + "  spent "
        + budget(n.spent()) + "  reserved " + budget(n.reserved());
  }

  private static void tree(Output out, Hash32 root, DelegationDag dag) {
    Map<Hash32, List<DelegationDag.Edge>> children = children(dag);
    out.line(describe(dag.node(root).orElseThrow()));
    Set<Hash32> shown = new HashSet<>(Set.of(root));
    branch(out, "", root, dag, children, shown);
    out.line(dag.nodes().size() + " node(s), " + dag.edges().size() + " edge(s), depth "
        + dag.depth());
  }

  private static void branch(Output out, String indent, Hash32 parent, DelegationDag dag,
      Map<Hash32, List<DelegationDag.Edge>> children, Set<Hash32> shown) {
    List<DelegationDag.Edge> edges = children.getOrDefault(parent, List.of());
    for (int i = 0; i < edges.size(); i++) {
      DelegationDag.Edge e = edges.get(i);
      boolean last = i == edges.size() - 1;
      String task = "task \"" + e.task().replace('\n', ' ') + "\"  ";
      String head = indent + (last ? "`- " : "|- ");
      Optional<DelegationDag.Node> child = dag.node(e.child());
      if (child.isEmpty() || !shown.add(e.child())) {
        out.line(head + e.child().shortDisplay("traj") + "  " + task
            + e.childWritId().shortDisplay("writ") + "  (shown above)");
        continue;
      }
      out.line(head + describe(child.get()) + "  " + task + e.childWritId().shortDisplay("writ")
          + "  given " + budget(e.reserved()));
      branch(out, indent + (last ? "   " : "|  "), e.child(), dag, children, shown);
    }
  }

  private static Map<Hash32, List<DelegationDag.Edge>> children(DelegationDag dag) {
    Map<Hash32, List<DelegationDag.Edge>> children = new LinkedHashMap<>();
    for (DelegationDag.Edge e : dag.edges()) {
      children.computeIfAbsent(e.parent(), k -> new ArrayList<>()).add(e);
    }
    return children;
  }

  private static void dot(Output out, DelegationDag dag) {
    out.line("digraph delegation {");
    out.line("  node [shape=box];");
    for (DelegationDag.Node n : dag.nodes()) {
      out.line("  \"" + n.trajectoryId().hex() + "\" [label=\""
          + quote(n.trajectoryId().shortDisplay("traj") + "\n" + n.status()) + "\"];");
    }
    for (DelegationDag.Edge e : dag.edges()) {
      out.line("  \"" + e.parent().hex() + "\" -> \"" + e.child().hex() + "\" [label=\""
          + e.reserved().toolCalls() + " calls / " + e.reserved().tokens() + " tok\"];");
    }
    out.line("}");
  }

  /** A DOT string body: backslash and quote escaped, a newline as the DOT line break. */
  static String quote(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "")
        .replace("\n", "\\n");
  }

  private static Json json(Hash32 root, DelegationDag dag) {
    List<Json> nodes = new ArrayList<>();
    for (DelegationDag.Node n : dag.nodes()) {
      Map<String, Json> m = new LinkedHashMap<>();
      m.put("trajectory_id", n.trajectoryId().toJson());
      n.writId().ifPresent(w -> m.put("writ_id", w.toJson()));
      n.delegatedFrom().ifPresent(f -> m.put("delegated_from", f.toJson()));
      m.put("status", Json.string(n.status()));
      m.put("spent", n.spent().toJson());
      m.put("reserved", n.reserved().toJson());
      m.put("depth", Json.integer(n.depth()));
      nodes.add(Json.object(m));
    }
    List<Json> edges = new ArrayList<>();
    for (DelegationDag.Edge e : dag.edges()) {
      Map<String, Json> m = new LinkedHashMap<>();
      m.put("parent", e.parent().toJson());
      m.put("entry_id", e.entryId().toJson());
      m.put("child", e.child().toJson());
      m.put("child_writ_id", e.childWritId().toJson());
      m.put("task", Json.string(e.task()));
      m.put("reserved", e.reserved().toJson());
      m.put("parent_used_before", e.parentUsedBefore().toJson());
      edges.add(Json.object(m));
    }
    return Json.object(Map.of("root", root.toJson(), "nodes", Json.array(nodes),
        "edges", Json.array(edges), "depth", Json.integer(dag.depth())));
  }
}
