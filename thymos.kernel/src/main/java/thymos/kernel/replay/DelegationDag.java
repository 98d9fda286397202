package thymos.kernel.replay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.model.Budget;
import thymos.api.model.CommitPayload;
import thymos.api.model.CompensationPayload;
import thymos.api.model.DelegationPayload;
import thymos.api.model.DelegationResultPayload;
import thymos.api.model.Entry;
import thymos.api.model.EntryRef;
import thymos.api.model.Payload;
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
   * @param spent commit costs and usage (X7), plus what its closed children used (D2)
   * @param reserved budget still reserved for its open children (D2)
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
   * @param parentUsedBefore the parent's spend plus open reservations just before the entry, as
   *     the kernel's budget stage saw them (C2 stage 13, 09 §D2)
   * @param task the task the entry records
   */
  public record Edge(Hash32 parent, Hash32 entryId, Hash32 child, Hash32 childWritId,
      Budget reserved, Budget parentUsedBefore, String task) {}

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
  private final Map<Hash32, List<String>> closeProblems;

  private DelegationDag(Map<Hash32, Node> nodes, List<Edge> edges,
      Map<Hash32, List<String>> closeProblems) {
    this.nodes = nodes;
    this.edges = edges;
    this.closeProblems = closeProblems;
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
   * @throws ProtocolViolation {@code THY-D400} if children nest deeper than {@link #MAX_DEPTH}
   */
  public static DelegationDag project(LedgerBackend ledger, Hash32 root) {
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(root, "root");
    Map<Hash32, Trajectory> read = new LinkedHashMap<>();
    Deque<Hash32> todo = new ArrayDeque<>(List.of(root));
    Map<Hash32, Integer> depth = new HashMap<>(Map.of(root, 0));
    while (!todo.isEmpty()) {
      Hash32 t = todo.removeFirst();
      int d = depth.get(t);
      if (d > MAX_DEPTH) {
        throw new ProtocolViolation("D4", "", t.display("traj") + " is delegated deeper than "
            + MAX_DEPTH + " levels below " + root.display("traj") + "; the DAG is not projected");
      }
      if (read.containsKey(t)) {
        continue;
      }
      Trajectory tr = Trajectory.read(ledger, t);
      read.put(t, tr);
      for (Step s : tr.steps) {
        if (s.payload instanceof DelegationPayload p) {
          depth.putIfAbsent(p.childTrajectoryId(), d + 1);
          todo.addLast(p.childTrajectoryId());
        }
      }
    }
    Fold fold = new Fold(read);
    Map<Hash32, Node> nodes = new LinkedHashMap<>();
    List<Edge> edges = new ArrayList<>();
    Map<Hash32, String> status = new HashMap<>();
    for (Trajectory tr : read.values()) {
      Usage u = fold.usage(tr.id, null, edges, status);
      nodes.put(tr.id, new Node(tr.id, tr.writ, tr.from, "open", u.spent, u.reserved,
          depth.get(tr.id)));
    }
    status.forEach((t, st) -> nodes.computeIfPresent(t, (k, n) -> new Node(n.trajectoryId(),
        n.writId(), n.delegatedFrom(), st, n.spent(), n.reserved(), n.depth())));
    summaries(read, edges, fold.problems);
    afterClose(read, fold.problems);
    return new DelegationDag(nodes, edges, Map.copyOf(fold.problems));
  }

  /**
   * D2: once its parent recorded the child's {@code delegation_result}, the child's spend was
   * settled at {@code child_head}; a commit (other than a compensation, X6.3), usage or delegation
   * the child recorded after that head was never charged to the parent. A problem on the edge.
   */
  private static void afterClose(Map<Hash32, Trajectory> read,
      Map<Hash32, List<String>> problems) {
    for (Trajectory tr : read.values()) {
      for (Step s : tr.steps) {
        if (!(s.payload instanceof DelegationResultPayload r)) {
          continue;
        }
        Trajectory child = read.get(r.childTrajectoryId());
        boolean after = false;
        for (Step c : child == null ? List.<Step>of() : child.steps) {
          boolean work = c.payload instanceof CommitPayload cp ? cp.compensates().isEmpty()
              : c.payload instanceof UsagePayload || c.payload instanceof DelegationPayload;
          if (after && work) {
            problems.computeIfAbsent(child.id, x -> new ArrayList<>()).add("the child recorded "
                + "entry " + c.entryId.hex() + " after its parent closed it at " + r.childHead()
                .hex() + " (D2): never charged to the parent");
            break;
          }
          after |= c.entryId.equals(r.childHead());
        }
      }
    }
  }

  /**
   * X6.3 across the tree: every commit a {@code compensation} summary lists must be a commit of
   * the summarised child or one of its descendants that a later commit there compensates. A
   * problem is reported on the summarised delegation's edge.
   */
  private static void summaries(Map<Hash32, Trajectory> read, List<Edge> edges,
      Map<Hash32, List<String>> problems) {
    Map<Hash32, Edge> byEntry = new HashMap<>();
    Map<Hash32, Hash32> parentOf = new HashMap<>();
    for (Edge e : edges) {
      byEntry.put(e.entryId(), e);
      parentOf.putIfAbsent(e.child(), e.parent());
    }
    Map<Hash32, Set<Hash32>> compensated = new HashMap<>();
    for (Trajectory tr : read.values()) {
      for (Step s : tr.steps) {
        if (s.payload instanceof CommitPayload c && c.compensates().isPresent()) {
          compensated.computeIfAbsent(tr.id, x -> new HashSet<>())
              .add(c.compensates().get());
        }
      }
    }
    for (Trajectory tr : read.values()) {
      for (Step s : tr.steps) {
        if (!(s.payload instanceof CompensationPayload c)) {
          continue;
        }
        Edge e = byEntry.get(c.target());
        if (e == null || !e.parent().equals(tr.id)) {
          continue; // not a delegation of this trajectory: its own replay reports it (R2.5)
        }
        for (EntryRef ref : c.undone()) {
          boolean below = false;
          Hash32 t = ref.trajectoryId();
          for (int up = 0; t != null && !below && !t.equals(tr.id) && up <= MAX_DEPTH; up++) {
            below = t.equals(e.child());
            t = parentOf.get(t); // bounded: a forged ledger may link trajectories in a cycle
          }
          if (!below || !compensated.getOrDefault(ref.trajectoryId(), Set.of())
              .contains(ref.entryId())) {
            problems.computeIfAbsent(e.child(), x -> new ArrayList<>()).add("compensation "
                + s.entryId.hex() + " lists " + ref.entryId().hex() + " of "
                + ref.trajectoryId().hex() + ", which is not a compensated commit of the child"
                + " or its descendants (X6.3)");
          }
        }
      }
    }
  }

  /** One entry that matters to the DAG. */
  private record Step(Hash32 entryId, Payload payload) {}

  /** The entries of one trajectory that matter to the DAG, in seq order. */
  private record Trajectory(Hash32 id, Optional<Hash32> writ, Optional<EntryRef> from,
      List<Step> steps) {

    static Trajectory read(LedgerBackend ledger, Hash32 id) {
      Optional<Hash32> writ = Optional.empty();
      Optional<EntryRef> from = Optional.empty();
      List<Step> steps = new ArrayList<>();
      try (Stream<StoredEntry> s = ledger.read(id)) {
        for (Iterator<StoredEntry> it = s.iterator(); it.hasNext(); ) {
          Entry e;
          try {
            e = Entry.parse(it.next().canonicalBytes());
          } catch (ProtocolViolation unreadable) {
            continue; // the trajectory's own replay reports it (R2.1); R8 reads what it can
          }
          switch (e.payload()) {
            case RootPayload r -> {
              writ = r.writId();
              from = r.delegatedFrom();
              steps.add(new Step(e.id(), null)); // a child closed before its first intent
            }
            case CommitPayload c -> steps.add(new Step(e.id(), c));
            case UsagePayload u -> steps.add(new Step(e.id(), u));
            case DelegationPayload p -> steps.add(new Step(e.id(), p));
            case DelegationResultPayload r -> steps.add(new Step(e.id(), r));
            case CompensationPayload c -> steps.add(new Step(e.id(), c));
            default -> steps.add(new Step(e.id(), null));
          }
        }
      }
      return new Trajectory(id, writ, from, steps);
    }
  }

  /** Spend and open reservations. */
  private record Usage(Budget spent, Budget reserved) {
    Budget total() {
      return spent.plus(reserved);
    }
  }

  /**
   * The kernel's budget fold (X7, 09 §D2) over the projected entries: a closed child is charged
   * what it used up to the {@code child_head} its result records (its spend and open reservations,
   * at most its reservation), and its reservation is released.
   */
  private static final class Fold {
    private final Map<Hash32, Trajectory> read;
    private final Map<Hash32, Usage> cut = new HashMap<>();
    private final Set<Hash32> active = new HashSet<>();
    final Map<Hash32, List<String>> problems = new HashMap<>();

    Fold(Map<Hash32, Trajectory> read) {
      this.read = read;
    }

    /**
     * The usage of {@code t} up to and including entry {@code head} ({@code null}: all of it),
     * recording edges and statuses when asked to.
     */
    Usage usage(Hash32 t, Hash32 head, List<Edge> edges, Map<Hash32, String> status) {
      Trajectory tr = read.get(t);
      if (tr == null) {
        return new Usage(Budget.ZERO, Budget.ZERO);
      }
      Budget spent = Budget.ZERO;
      Budget reserved = Budget.ZERO;
      Map<Hash32, Budget> held = new HashMap<>();
      boolean found = head == null;
      for (Step s : tr.steps) {
        switch (s.payload) {
          case CommitPayload c -> spent = spent.plus(c.cost());
          case UsagePayload u -> spent = spent.plus(u.asCost());
          case DelegationPayload p -> {
            if (edges != null) {
              edges.add(new Edge(t, s.entryId, p.childTrajectoryId(), p.childWritId(),
                  p.reserved(), spent.plus(reserved), p.task()));
            }
            reserved = reserved.plus(p.reserved());
            held.put(p.childTrajectoryId(), p.reserved());
          }
          case DelegationResultPayload r -> {
            Budget h = held.remove(r.childTrajectoryId());
            if (h != null) {
              reserved = reserved.minus(h);
              spent = spent.plus(atMost(closed(r), h));
            }
            if (status != null) {
              status.put(r.childTrajectoryId(), r.outcome());
            }
          }
          case null, default -> { }
        }
        if (s.entryId.equals(head)) {
          found = true;
          break;
        }
      }
      if (!found) {
        problems.computeIfAbsent(t, x -> new ArrayList<>()).add("delegation_result names child"
            + " head " + head.hex() + ", which is not an entry of the child");
      }
      return new Usage(spent, reserved);
    }

    private Budget closed(DelegationResultPayload r) {
      Usage u = cut.get(r.childHead());
      if (u == null) {
        if (!active.add(r.childTrajectoryId())) { // only a forged ledger delegates in a cycle
          problems.computeIfAbsent(r.childTrajectoryId(), x -> new ArrayList<>())
              .add("delegation cycle through the child");
          return Budget.ZERO;
        }
        u = usage(r.childTrajectoryId(), r.childHead(), null, null);
        active.remove(r.childTrajectoryId());
        cut.put(r.childHead(), u);
      }
      return u.total();
    }

    private static Budget atMost(Budget used, Budget cap) {
      return new Budget(Math.min(used.tokens(), cap.tokens()),
          Math.min(used.toolCalls(), cap.toolCalls()),
          Math.min(used.wallClockMs(), cap.wallClockMs()),
          Math.min(used.usdMillicents(), cap.usdMillicents()));
    }
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
      List<String> problems = new ArrayList<>(closeProblems.getOrDefault(e.child(), List.of()));
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
