package thymos.kernel.replay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import thymos.api.crypto.Hash32;
import thymos.api.model.Budget;
import thymos.api.model.CommitPayload;
import thymos.api.model.DelegationPayload;
import thymos.api.model.DelegationResultPayload;
import thymos.api.model.Entry;
import thymos.api.model.EntryRef;
import thymos.api.model.RootPayload;
import thymos.api.model.UsagePayload;
import thymos.api.model.Writ;
import thymos.kernel.authority.Containment;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.StoredEntry;

/**
 * The delegation DAG of a trajectory and its descendants, derived from the ledger alone (09 §D4),
 * and its replay check (07 §R8). Nodes are trajectories (writ, status, spend, reserved); edges are
 * {@code delegation} entries (reserved budget).
 */
public final class DelegationDag {

  /** Children deeper than this are refused as corrupt (a DAG cannot be infinite). */
  public static final int MAX_DEPTH = 256;

  /**
   * A trajectory of the DAG.
   *
   * @param trajectoryId the trajectory
   * @param writId the writ its root binds, if any
   * @param delegatedFrom what its root names (09 §D3), if anything
   * @param status {@code open}, or the outcome its parent's {@code delegation_result} records
   * @param spent commit costs and usage (X7)
   * @param reserved budget it handed to its children (D2)
   * @param depth 0 for the root of the projection
   */
  public record Node(Hash32 trajectoryId, Optional<Hash32> writId,
      Optional<EntryRef> delegatedFrom, String status, Budget spent, Budget reserved, int depth) {}

  /**
   * A {@code delegation} entry.
   *
   * @param parent the delegating trajectory
   * @param entryId the delegation entry
   * @param child the child trajectory
   * @param childWritId the child writ
   * @param reserved the reserved budget
   * @param parentUsedBefore the parent's spend plus reservations just before the entry
   */
  public record Edge(Hash32 parent, Hash32 entryId, Hash32 child, Hash32 childWritId,
      Budget reserved, Budget parentUsedBefore) {}

  /**
   * R8's verdict on one edge.
   *
   * @param edge the edge
   * @param problems empty when the edge verifies
   */
  public record Verdict(Edge edge, List<String> problems) {

    /** Whether the edge verified. */
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private final Map<Hash32, Node> nodes;
  private final List<Edge> edges;

  private DelegationDag(Map<Hash32, Node> nodes, List<Edge> edges) {
    this.nodes = nodes;
    this.edges = edges;
  }

  /** Every node, the root first, then breadth-first. */
  public List<Node> nodes() {
    return List.copyOf(nodes.values());
  }

  /** Every edge, in the order found. */
  public List<Edge> edges() {
    return List.copyOf(edges);
  }

  /** The node of {@code trajectory}, if it is in the DAG. */
  public Optional<Node> node(Hash32 trajectory) {
    return Optional.ofNullable(nodes.get(trajectory));
  }

  /** The greatest node depth. */
  public int depth() {
    return nodes.values().stream().mapToInt(Node::depth).max().orElse(0);
  }

  /**
   * Projects the DAG under {@code root} from the ledger alone (09 §D4).
   *
   * @throws IllegalStateException if children nest deeper than {@link #MAX_DEPTH}
   */
  public static DelegationDag project(LedgerBackend ledger, Hash32 root) {
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(root, "root");
    Map<Hash32, Node> nodes = new LinkedHashMap<>();
    List<Edge> edges = new ArrayList<>();
    Map<Hash32, String> status = new LinkedHashMap<>();
    Deque<Hash32> todo = new ArrayDeque<>(List.of(root));
    Map<Hash32, Integer> depth = new LinkedHashMap<>(Map.of(root, 0));
    while (!todo.isEmpty()) {
      Hash32 t = todo.removeFirst();
      int d = depth.get(t);
      if (d > MAX_DEPTH || nodes.containsKey(t)) {
        if (d > MAX_DEPTH) {
          throw new IllegalStateException("delegation nests deeper than " + MAX_DEPTH);
        }
        continue;
      }
      Optional<Hash32> writ = Optional.empty();
      Optional<EntryRef> from = Optional.empty();
      Budget spent = Budget.ZERO;
      Budget reserved = Budget.ZERO;
      List<Entry> entries;
      try (Stream<StoredEntry> s = ledger.read(t)) {
        entries = s.map(x -> Entry.parse(x.canonicalBytes())).toList();
      }
      for (Entry e : entries) {
        switch (e.payload()) {
          case RootPayload r -> {
            writ = r.writId();
            from = r.delegatedFrom();
          }
          case CommitPayload c -> spent = spent.plus(c.cost());
          case UsagePayload u -> spent = spent.plus(u.asCost());
          case DelegationPayload p -> {
            edges.add(new Edge(t, e.id(), p.childTrajectoryId(), p.childWritId(), p.reserved(),
                spent.plus(reserved)));
            reserved = reserved.plus(p.reserved());
            depth.putIfAbsent(p.childTrajectoryId(), d + 1);
            todo.addLast(p.childTrajectoryId());
          }
          case DelegationResultPayload r -> status.put(r.childTrajectoryId(), r.outcome());
          default -> { }
        }
      }
      nodes.put(t, new Node(t, writ, from, "open", spent, reserved, d));
    }
    status.forEach((t, s) -> nodes.computeIfPresent(t, (k, n) -> new Node(n.trajectoryId(),
        n.writId(), n.delegatedFrom(), s, n.spent(), n.reserved(), n.depth())));
    return new DelegationDag(nodes, edges);
  }

  /**
   * Replays the DAG (07 §R8): for every edge, the child's root names it ({@code delegated_from})
   * and binds the edge's writ; the child writ is a valid child (W3) of the parent's writ; the
   * reservation fitted the parent's remaining budget; the child's spend (its own and its
   * reservations) stays within the reservation.
   *
   * @param writs the registered writs (the authority trajectory, W2.1)
   */
  public List<Verdict> verify(Function<Hash32, Optional<Writ>> writs) {
    List<Verdict> out = new ArrayList<>();
    for (Edge e : edges) {
      List<String> problems = new ArrayList<>();
      Node parent = nodes.get(e.parent());
      Node child = nodes.get(e.child());
      if (child == null || child.delegatedFrom().isEmpty()) {
        problems.add("child " + e.child().hex() + " has no root naming the delegation");
      } else {
        if (!child.delegatedFrom().get().equals(new EntryRef(e.parent(), e.entryId()))) {
          problems.add("child root names another delegation");
        }
        if (!child.writId().equals(Optional.of(e.childWritId()))) {
          problems.add("child root binds another writ than the delegation names");
        }
        Budget used = child.spent().plus(child.reserved());
        if (!used.fitsWithin(e.reserved())) {
          problems.add("child spend " + used + " exceeds the reservation " + e.reserved());
        }
      }
      Optional<Writ> pw = parent.writId().flatMap(writs);
      Optional<Writ> cw = writs.apply(e.childWritId());
      if (pw.isEmpty() || cw.isEmpty()) {
        problems.add("parent or child writ is not registered");
      } else {
        Containment.check(pw.get(), cw.get()).ifPresent(r ->
            problems.add("child writ is not a valid child (W3): " + r.detail()));
        if (!e.parentUsedBefore().plus(e.reserved()).fitsWithin(pw.get().body().budget())) {
          problems.add("reservation " + e.reserved() + " exceeded the parent's remainder");
        }
      }
      out.add(new Verdict(e, List.copyOf(problems)));
    }
    return out;
  }
}
