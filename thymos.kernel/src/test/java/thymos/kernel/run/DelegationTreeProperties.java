package thymos.kernel.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.policy.PolicyEngine;
import thymos.kernel.registry.ToolRegistry;
import thymos.kernel.replay.AuthorityInput;
import thymos.kernel.replay.DelegationDag;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.Replayer;
import thymos.kernel.replay.TreeReport;

/**
 * Random delegation trees built through {@link Run#submit} (09 §D1–D2, 07 §R8): whatever is
 * delegated, committed and closed in whatever order, no trajectory ever holds more than its writ's
 * budget (its spend plus what it reserved for open children), the DAG's fold of the ledger agrees
 * with the kernel's fold of every trajectory, and the tree replays verified.
 */
class DelegationTreeProperties {

  enum Kind { DELEGATE, COMMIT, CLOSE }

  /** One action on the node (or open child) picked by {@code pick}, with a size of 1..8. */
  record Op(Kind kind, int pick, int size) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Op> op = Combinators.combine(
        Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.DELEGATE)),
            net.jqwik.api.Tuple.of(4, Arbitraries.just(Kind.COMMIT)),
            net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.CLOSE))),
        Arbitraries.integers().between(0, 1_000), Arbitraries.integers().between(1, 8))
        .as(Op::new);
    return op.list().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 60)
  void required_D2_R8_treesNeverOverspendAndBothFoldsAgree(@ForAll("ops") List<Op> ops) {
    RunFixture f = new RunFixture();
    f.rewrit(d -> {
      d.scopes = List.of("kv_*", "delegate");
      d.budget = new Budget(1_000, 24, 1_000_000, 1_000);
    });
    Kernel k = Kernel.builder(f.ledger, f.authority, f.clock, f.entropy)
        .tools(ToolRegistry.builder().tool(f.put).build()).policies(PolicyEngine.of(List.of()))
        .delegationKeys(RunFixture.holding(f.alice)).build();
    Run root = k.open(f.writ.id(), "root");
    List<Run> runs = new ArrayList<>(List.of(root));
    Map<Hash32, Run> open = new LinkedHashMap<>(); // open child -> its parent's run
    int delegated = 0;
    int closed = 0;
    int i = 0;
    for (Op op : ops) {
      i++;
      Run at = runs.get(op.pick() % runs.size());
      switch (op.kind()) {
        case DELEGATE -> {
          if (at.submit(delegate(f, at, op.size())) instanceof Outcome.Delegated d) {
            runs.add(k.resume(d.childTrajectoryId()));
            open.put(d.childTrajectoryId(), at);
            delegated++;
          }
        }
        case COMMIT -> at.submit(f.put(at, "k" + i, i));
        case CLOSE -> {
          if (!open.isEmpty()) {
            Hash32 child = new ArrayList<>(open.keySet()).get(op.pick() % open.size());
            open.remove(child).closeChild(child, "done", Optional.empty());
            closed++;
          }
        }
      }
    }
    Statistics.label("delegations").collect(delegated > 0);
    Statistics.label("closes").collect(closed > 0);
    DelegationDag dag = DelegationDag.project(f.ledger, root.trajectoryId());
    assertEquals(runs.size(), dag.nodes().size());
    for (Run r : runs) {
      Run folded = k.resume(r.trajectoryId());
      Budget held = folded.spent().plus(folded.state().reserved());
      assertTrue(held.fitsWithin(folded.writ().body().budget()), () -> r.trajectoryId()
          .display("traj") + " holds " + held + " > " + folded.writ().body().budget());
      DelegationDag.Node n = dag.node(r.trajectoryId()).orElseThrow();
      assertEquals(folded.spent(), n.spent(), "the DAG and the kernel fold spend alike (D2)");
      assertEquals(folded.state().reserved(), n.reserved(), "and open reservations");
    }
    AuthorityInput authority;
    try (var a = f.ledger.readBytes(AuthorityLedger.TRAJECTORY_ID)) {
      authority = AuthorityInput.fromEntries(a.iterator(), f.authority.anchors());
    }
    TreeReport t = Replayer.replayTree(f.ledger, root.trajectoryId(),
        ReplayOptions.defaults().collectAll().withAuthority(authority));
    assertTrue(t.verified(), () -> t.toJson().toString());
  }

  private static Intent delegate(RunFixture f, Run run, int calls) {
    String args = "{\"task\":\"t\",\"scopes\":[\"kv_put\",\"delegate\"],\"budget\":{\"tokens\":"
        + calls * 10 + ",\"tool_calls\":" + calls + ",\"wall_clock_ms\":1000,"
        + "\"usd_millicents\":" + calls + "}}";
    return Intent.of(new IntentBody(run.trajectoryId(), IntentKind.DELEGATE, "delegate",
        (JsonObject) Json.parse(args), "scripted", Optional.empty(), Optional.empty(),
        Nonce.of(f.entropy.bytes(Nonce.LENGTH))));
  }
}
