package thymos.kernel.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.AuthorityException;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.DelegationPayload;
import thymos.api.model.Entry;
import thymos.api.model.EntryKind;
import thymos.api.model.EntryRef;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.RevocationPayload;
import thymos.api.model.RootPayload;
import thymos.api.model.Writ;
import thymos.kernel.policy.PolicyEngine;
import thymos.kernel.registry.ToolRegistry;

/** 09 §D1–D3: delegate intents through a real kernel run on the memory ledger. */
class DelegationRunTest {

  private final RunFixture f = new RunFixture();

  /** A kernel whose key SPI holds alice's key (the fixture writ's subject, W6). */
  private Kernel kernel(boolean withKeys) {
    return kernel(withKeys, Coordination.NONE);
  }

  private Kernel kernel(boolean withKeys, Coordination coordination) {
    Kernel.Builder b = Kernel.builder(f.ledger, f.authority, f.clock, f.entropy)
        .tools(ToolRegistry.builder().tool(f.put).tool(f.send).tool(f.drop).build())
        .policies(PolicyEngine.of(f.policies)).coordination(coordination);
    if (withKeys) {
      b.delegationKeys(RunFixture.holding(f.alice));
    }
    return b.build();
  }

  private Run parent(Kernel k) {
    f.rewrit(d -> d.scopes = List.of("kv_*", "mail_*", "delegate"));
    return k.open(f.writ.id(), "parent");
  }

  private Intent delegate(Run run, String argsJson) {
    return Intent.of(new IntentBody(run.trajectoryId(), IntentKind.DELEGATE, "delegate",
        (JsonObject) Json.parse(argsJson), "scripted", Optional.empty(), Optional.empty(),
        Nonce.of(f.entropy.bytes(Nonce.LENGTH))));
  }

  private static final String SMALL = "{\"task\":\"sum\",\"scopes\":[\"kv_put\"],\"budget\":"
      + "{\"tokens\":100,\"tool_calls\":3,\"wall_clock_ms\":10000,\"usd_millicents\":100}}";

  @Test
  @DisplayName("D1, D3: a delegate intent mints a child writ, records a delegation, opens the child")
  void required_D1_D3_delegateStartsAChild() {
    Kernel k = kernel(true);
    Run parent = parent(k);
    parent.submit(f.put(parent, "a", 1));
    Intent intent = delegate(parent, SMALL);
    Delegation.Delegated d = assertInstanceOf(Delegation.Delegated.class,
        parent.delegate(intent));
    DelegationPayload p = assertInstanceOf(DelegationPayload.class, d.entry().payload());
    assertEquals(EntryKind.DELEGATION, d.entry().kind());
    assertEquals(3, p.reserved().toolCalls());
    assertEquals(Delegation.childTrajectoryId(parent.trajectoryId(), intent.id()),
        d.child().trajectoryId());
    assertEquals(p.childTrajectoryId(), d.child().trajectoryId());
    Writ child = f.authority.writ(p.childWritId()).orElseThrow();
    assertEquals(f.writ.id(), child.body().parent().orElseThrow());
    assertEquals(f.alice.publicKey(), child.body().issuerKey(), "signed by the parent's subject");
    assertEquals(List.of("kv_put"), child.body().scopes());
    RootPayload root = assertInstanceOf(RootPayload.class,
        f.entries(d.child().trajectoryId()).getFirst().payload());
    assertEquals(Optional.of(new EntryRef(parent.trajectoryId(), d.entry().id())),
        root.delegatedFrom());
    // The child has its own world and cannot change the parent's (D3).
    var before = parent.world();
    assertInstanceOf(Outcome.Committed.class, d.child().submit(f.put(d.child(), "a", 99)));
    assertEquals(before, k.resume(parent.trajectoryId()).world());
    assertFalse(d.child().world().equals(before));
    // Repeating the intent returns the same child, nothing new is appended (X4).
    int n = f.entries(parent.trajectoryId()).size();
    Delegation.Delegated again = assertInstanceOf(Delegation.Delegated.class,
        parent.delegate(intent));
    assertEquals(d.entry().id(), again.entry().id());
    assertEquals(n, f.entries(parent.trajectoryId()).size());
  }

  @Test
  @DisplayName("D1, W3: a request beyond the parent is a recorded rejection, no child")
  void required_D1_W3_requestBeyondParentIsRejected() {
    Kernel k = kernel(true);
    Run parent = parent(k);
    for (String args : List.of("{\"task\":\"x\",\"scopes\":[\"db_*\"]}",
        "{\"task\":\"x\",\"expires_at_ms\":200000}", "{\"task\":\"x\",\"max_depth\":3}")) {
      Delegation.Refused r = assertInstanceOf(Delegation.Refused.class,
          parent.delegate(delegate(parent, args)));
      Outcome.Rejected rej = assertInstanceOf(Outcome.Rejected.class, r.outcome());
      assertEquals("invalid_delegation", rej.kind(), args);
    }
    Delegation.Refused r = assertInstanceOf(Delegation.Refused.class, parent.delegate(
        delegate(parent, "{\"task\":\"x\",\"budget\":{\"tokens\":1,\"tool_calls\":101,"
            + "\"wall_clock_ms\":1,\"usd_millicents\":1}}")));
    assertEquals("budget_exhausted", ((Outcome.Rejected) r.outcome()).kind());
    assertTrue(f.entries(parent.trajectoryId()).stream()
        .noneMatch(e -> e.kind() == EntryKind.DELEGATION));
  }

  @Test
  @DisplayName("D1: the writ must cover the tool name delegate")
  void required_D1_writMustCoverDelegate() {
    Kernel k = kernel(true);
    f.rewrit(d -> { });
    Run parent = k.open(f.writ.id(), "no delegate scope");
    Delegation.Refused r = assertInstanceOf(Delegation.Refused.class,
        parent.delegate(delegate(parent, SMALL)));
    assertEquals("out_of_scope", ((Outcome.Rejected) r.outcome()).kind());
  }

  @Test
  @DisplayName("W6: without the subject's key there is no delegation and nothing is recorded")
  void required_D1_W6_noKeyNothingRecorded() {
    Kernel k = kernel(false);
    Run parent = parent(k);
    int n = f.entries(parent.trajectoryId()).size();
    AuthorityException e = assertThrows(AuthorityException.class,
        () -> parent.delegate(delegate(parent, SMALL)));
    assertEquals("subject_key_unavailable", e.reason());
    assertEquals(n, f.entries(parent.trajectoryId()).size());
  }

  @Test
  @DisplayName("D2: the reservation leaves the parent's remainder; concurrent delegations never"
      + " reserve more than the parent's budget")
  void required_D2_concurrentChildrenNeverOverReserve() throws Exception {
    Kernel k = kernel(true);
    Run parent = parent(k); // tool_calls budget 100
    String thirty = "{\"task\":\"t\",\"scopes\":[\"kv_put\"],\"budget\":{\"tokens\":10,"
        + "\"tool_calls\":30,\"wall_clock_ms\":10000,\"usd_millicents\":10}}";
    List<Intent> intents = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      intents.add(delegate(parent, thirty));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Delegation.Result>> results = new ArrayList<>();
    try {
      for (Intent in : intents) {
        results.add(pool.submit((Callable<Delegation.Result>) () -> parent.delegate(in)));
      }
      int started = 0;
      for (Future<Delegation.Result> r : results) {
        if (r.get() instanceof Delegation.Delegated) {
          started++;
        }
      }
      assertEquals(3, started, "3 x 30 fit into 100 tool calls, a fourth does not");
    } finally {
      pool.shutdownNow();
    }
    long reserved = f.entries(parent.trajectoryId()).stream()
        .filter(e -> e.payload() instanceof DelegationPayload)
        .mapToLong(e -> ((DelegationPayload) e.payload()).reserved().toolCalls()).sum();
    assertTrue(reserved <= f.writ.body().budget().toolCalls());
    // The parent cannot spend what it reserved: 100 - 90 = 10 tool calls remain.
    Outcome last = null;
    for (int i = 0; i < 11; i++) {
      last = parent.submit(f.put(parent, "k", i));
    }
    assertEquals("budget_exhausted", assertInstanceOf(Outcome.Rejected.class, last).kind());
  }

  @Test
  @DisplayName("D3, W5.2: revoking the parent writ stops every descendant at its next intent")
  void required_D3_W5_revokingParentStopsDescendants() {
    Kernel k = kernel(true);
    Run parent = parent(k);
    Delegation.Delegated child = (Delegation.Delegated) parent.delegate(delegate(parent,
        "{\"task\":\"c\",\"scopes\":[\"kv_put\",\"delegate\"]}"));
    Delegation.Delegated grandchild = assertInstanceOf(Delegation.Delegated.class,
        child.child().delegate(delegate(child.child(), "{\"task\":\"g\",\"scopes\":[\"kv_put\"],"
            + "\"max_depth\":0}")));
    assertInstanceOf(Outcome.Committed.class,
        grandchild.child().submit(f.put(grandchild.child(), "g", 1)));
    f.authority.revoke(RevocationPayload.sign(f.writ.id(), "compromised", f.anchor));
    for (Run r : List.of(parent, child.child(), grandchild.child())) {
      Outcome o = r.submit(f.put(r, "after", 1));
      assertEquals("revoked", assertInstanceOf(Outcome.Rejected.class, o).kind());
    }
    Hash32 g = grandchild.child().trajectoryId();
    assertEquals(2, f.entries(g).stream().filter(e -> e.kind() == EntryKind.COMMIT
        || e.kind() == EntryKind.REJECTION).count());
  }


  @Test
  @DisplayName("D4, R8: the DAG of a small tree from the ledger alone, and its replay")
  void required_D4_R8_dagProjectionAndReplay() {
    Kernel k = kernel(true);
    Run parent = parent(k);
    parent.submit(f.put(parent, "p", 1));
    Delegation.Delegated a = (Delegation.Delegated) parent.delegate(delegate(parent,
        "{\"task\":\"a\",\"scopes\":[\"kv_put\",\"delegate\"],\"budget\":{\"tokens\":100,"
            + "\"tool_calls\":10,\"wall_clock_ms\":100000,\"usd_millicents\":100}}"));
    Delegation.Delegated b = (Delegation.Delegated) parent.delegate(delegate(parent, SMALL));
    Delegation.Delegated g = (Delegation.Delegated) a.child().delegate(delegate(a.child(),
        SMALL));
    a.child().submit(f.put(a.child(), "x", 1));
    g.child().submit(f.put(g.child(), "y", 2));
    thymos.kernel.replay.DelegationDag dag =
        thymos.kernel.replay.DelegationDag.project(f.ledger, parent.trajectoryId());
    assertEquals(4, dag.nodes().size());
    assertEquals(3, dag.edges().size());
    assertEquals(2, dag.depth());
    assertEquals(1, dag.node(a.child().trajectoryId()).orElseThrow().spent().toolCalls());
    assertEquals(3, dag.node(a.child().trajectoryId()).orElseThrow().reserved().toolCalls());
    assertEquals(13, dag.node(parent.trajectoryId()).orElseThrow().reserved().toolCalls());
    assertEquals(2, dag.node(g.child().trajectoryId()).orElseThrow().depth());
    var verdicts = dag.verify(f.authority::writ);
    assertEquals(3, verdicts.size());
    assertTrue(verdicts.stream().allMatch(v -> v.ok()), verdicts.toString());
    // A writ registry that does not hold the grandchild's writ makes its edge fail (R8).
    Hash32 gw = g.child().writId();
    var broken = dag.verify(id -> id.equals(gw) ? Optional.empty() : f.authority.writ(id));
    assertEquals(1, broken.stream().filter(v -> !v.ok()).count());
    // Swapping the child writs of two edges breaks W3 / the binding for them.
    Hash32 aw = a.child().writId();
    var swapped = dag.verify(id -> f.authority.writ(id.equals(gw) ? aw : id));
    assertFalse(swapped.stream().allMatch(v -> v.ok()));
  }

  private static final String KV = "{\"task\":\"t\",\"scopes\":[\"kv_put\",\"delegate\"],"
      + "\"budget\":{\"tokens\":10,\"tool_calls\":5,\"wall_clock_ms\":10000,"
      + "\"usd_millicents\":10}}";
  private static final String MAIL = "{\"task\":\"t\",\"scopes\":[\"mail_*\"],"
      + "\"budget\":{\"tokens\":10,\"tool_calls\":5,\"wall_clock_ms\":10000,"
      + "\"usd_millicents\":10}}";

  private static String denied(Delegation.Result r) {
    Outcome.Rejected rej = assertInstanceOf(Outcome.Rejected.class,
        assertInstanceOf(Delegation.Refused.class, r).outcome());
    assertEquals("policy_denied", rej.kind());
    return rej.payload().reason().detail().get("policy").toString();
  }

  @Test
  @DisplayName("D5: maximum depth counts delegated_from links up to the top trajectory")
  void required_D5_maxDepth() {
    Kernel k = kernel(true, new Coordination(Optional.of(1), Optional.empty(), Optional.empty(),
        false));
    Run parent = parent(k);
    Delegation.Delegated c = assertInstanceOf(Delegation.Delegated.class,
        parent.delegate(delegate(parent, KV)));
    assertTrue(denied(c.child().delegate(delegate(c.child(), KV))).contains("max_depth"));
  }

  @Test
  @DisplayName("D5: maximum fan-out per trajectory")
  void required_D5_maxFanOut() {
    Kernel k = kernel(true, new Coordination(Optional.empty(), Optional.of(2), Optional.empty(),
        false));
    Run parent = parent(k);
    assertInstanceOf(Delegation.Delegated.class, parent.delegate(delegate(parent, KV)));
    assertInstanceOf(Delegation.Delegated.class, parent.delegate(delegate(parent, MAIL)));
    assertTrue(denied(parent.delegate(delegate(parent, MAIL))).contains("max_fan_out"));
  }

  @Test
  @DisplayName("D5: maximum concurrently open children")
  void required_D5_maxOpenChildren() {
    Kernel k = kernel(true, new Coordination(Optional.empty(), Optional.empty(), Optional.of(1),
        false));
    Run parent = parent(k);
    assertInstanceOf(Delegation.Delegated.class, parent.delegate(delegate(parent, KV)));
    assertTrue(denied(parent.delegate(delegate(parent, MAIL))).contains("max_open_children"));
  }

  @Test
  @DisplayName("D5: two siblings may not both hold write on overlapping scopes")
  void required_D5_disjointWrites() {
    Kernel k = kernel(true, new Coordination(Optional.empty(), Optional.empty(),
        Optional.empty(), true));
    Run parent = parent(k);
    assertInstanceOf(Delegation.Delegated.class, parent.delegate(delegate(parent, KV)));
    assertInstanceOf(Delegation.Delegated.class, parent.delegate(delegate(parent, MAIL)),
        "disjoint scopes are fine");
    String kvStar = "{\"task\":\"t\",\"scopes\":[\"kv_*\"],\"budget\":{\"tokens\":1,"
        + "\"tool_calls\":1,\"wall_clock_ms\":1,\"usd_millicents\":1}}";
    assertTrue(denied(parent.delegate(delegate(parent, kvStar))).contains("disjoint_writes"));
    String readOnly = "{\"task\":\"t\",\"scopes\":[\"kv_*\"],\"effect_ceiling\":{\"read\":"
        + "true,\"write\":false,\"external\":false,\"irreversible\":false},\"budget\":"
        + "{\"tokens\":1,\"tool_calls\":1,\"wall_clock_ms\":1,\"usd_millicents\":1}}";
    assertInstanceOf(Delegation.Delegated.class, parent.delegate(delegate(parent, readOnly)),
        "a read-only sibling may overlap");
  }

  @Test
  @DisplayName("D2: closing a child releases its unspent reservation and charges what it spent")
  void required_D2_closeReleasesUnspentPart() {
    Kernel k = kernel(true);
    Run parent = parent(k); // tool_calls budget 100
    String ninety = "{\"task\":\"t\",\"scopes\":[\"kv_put\"],\"budget\":{\"tokens\":10,"
        + "\"tool_calls\":90,\"wall_clock_ms\":100000,\"usd_millicents\":10}}";
    Delegation.Delegated c = (Delegation.Delegated) parent.delegate(delegate(parent, ninety));
    for (int i = 0; i < 4; i++) {
      assertInstanceOf(Outcome.Committed.class, c.child().submit(f.put(c.child(), "c", i)));
    }
    assertEquals("budget_exhausted", assertInstanceOf(Outcome.Rejected.class, parent.delegate(
        delegate(parent, ninety)) instanceof Delegation.Refused r ? r.outcome() : null).kind());
    Entry closed = parent.closeChild(c.child().trajectoryId(), "done", Optional.of("42"));
    assertEquals(EntryKind.DELEGATION_RESULT, closed.kind());
    assertThrows(thymos.api.RequestRefused.class,
        () -> parent.closeChild(c.child().trajectoryId(), "again", Optional.empty()));
    // 100 - 4 charged = 96 remain: a 90 reservation fits again, after a restart too.
    Run resumed = k.resume(parent.trajectoryId());
    assertInstanceOf(Delegation.Delegated.class, resumed.delegate(delegate(resumed, ninety)));
    String seven = ninety.replace("\"tool_calls\":90", "\"tool_calls\":7");
    assertInstanceOf(Delegation.Refused.class, resumed.delegate(delegate(resumed, seven)),
        "4 spent + 90 reserved + 7 > 100");
  }

  @Test
  @DisplayName("D2: children spending concurrently never overspend the parent")
  void required_D2_concurrentChildrenNeverOverspend() throws Exception {
    Kernel k = kernel(true);
    Run parent = parent(k);
    String forty = "{\"task\":\"t\",\"scopes\":[\"kv_put\"],\"budget\":{\"tokens\":1000,"
        + "\"tool_calls\":40,\"wall_clock_ms\":100000,\"usd_millicents\":1000}}";
    List<Run> children = new ArrayList<>();
    Delegation.Result r;
    while ((r = parent.delegate(delegate(parent, forty))) instanceof Delegation.Delegated d) {
      children.add(d.child());
    }
    assertEquals(2, children.size());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (Run c : children) {
        done.add(pool.submit(() -> {
          int commits = 0;
          for (int i = 0; i < 60; i++) {
            if (c.submit(f.put(c, "k" + i, i)) instanceof Outcome.Committed) {
              commits++;
            }
          }
          return commits;
        }));
      }
      int total = 0;
      for (Future<Integer> x : done) {
        total += x.get();
      }
      assertEquals(80, total, "each child stops at its reservation");
      assertTrue(total <= f.writ.body().budget().toolCalls());
    } finally {
      pool.shutdownNow();
    }
  }
}
