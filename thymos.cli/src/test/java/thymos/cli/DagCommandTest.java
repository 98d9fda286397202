package thymos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.kernel.policy.PolicyProviders;
import thymos.kernel.registry.ToolRegistry;
import thymos.kernel.run.Delegation;
import thymos.kernel.run.Kernel;
import thymos.kernel.run.Outcome;
import thymos.kernel.run.Run;

/**
 * {@code thymos dag} (09 §D4) on a SQLite project whose ledger holds a real delegation tree made
 * through the kernel: root P delegates to A and B, A delegates to G; B is closed.
 */
class DagCommandTest {

  @TempDir
  Path dir;

  private Cli cli;
  private Hash32 p;
  private Hash32 a;
  private Hash32 b;
  private Hash32 g;
  private Hash32 solo;
  private Hash32 writA;

  private static final String BUDGET = "\"budget\":{\"tokens\":100,\"tool_calls\":%d,"
      + "\"wall_clock_ms\":100000,\"usd_millicents\":100}";

  @BeforeEach
  void tree() {
    assertEquals(Main.OK, Cli.raw("init", dir.toString()).code());
    cli = new Cli(dir);
    Cli.Result writ = cli.run("writ", "issue", "--scope", "kv_*", "--scope", "delegate",
        "--max-depth", "3", "--may-subdivide");
    assertEquals(Main.OK, writ.code(), writ::toString);
    Hash32 writId = Hash32.parse(writ.out().lines().toList().get(1));
    Cli.Result other = cli.run("writ", "issue", "--scope", "kv_*");
    assertEquals(Main.OK, other.code(), other::toString);
    Hash32 soloWrit = Hash32.parse(other.out().lines().toList().get(1));
    try (Project project = Project.find(Optional.of(dir), Optional.empty(),
        new KeyPassphrase(Optional.empty(), System::getenv))) {
      Kernel k = Kernel.builder(project.ledger(), project.authority(), project.clock,
              project.entropy)
          .tools(ToolRegistry.builder().serviceLoaded(project.toolConfig()).build())
          .policies(PolicyProviders.serviceLoaded(PolicyFiles.resolve(project.config.policies(),
              project.folder, project::publicKey)))
          .delegationKeys(project.keys()).build();
      Run parent = k.open(writId, "parent");
      assertInstanceOf(Outcome.Committed.class, parent.submit(put(project, parent, "p")));
      Delegation.Delegated da = assertInstanceOf(Delegation.Delegated.class,
          parent.delegate(delegate(project, parent, "alpha", 10)));
      Delegation.Delegated db = assertInstanceOf(Delegation.Delegated.class,
          parent.delegate(delegate(project, parent, "beta", 3)));
      Delegation.Delegated dg = assertInstanceOf(Delegation.Delegated.class,
          da.child().delegate(delegate(project, da.child(), "gamma", 3)));
      assertInstanceOf(Outcome.Committed.class, da.child().submit(put(project, da.child(), "a")));
      assertInstanceOf(Outcome.Committed.class, dg.child().submit(put(project, dg.child(), "g")));
      parent.closeChild(db.child().trajectoryId(), "done", Optional.empty());
      Run alone = k.open(soloWrit, "solo");
      assertInstanceOf(Outcome.Committed.class, alone.submit(put(project, alone, "s")));
      p = parent.trajectoryId();
      a = da.child().trajectoryId();
      b = db.child().trajectoryId();
      g = dg.child().trajectoryId();
      solo = alone.trajectoryId();
      writA = da.child().writId();
    }
  }

  private static Intent intent(Project project, Run run, IntentKind kind, String tool,
      String args) {
    return Intent.of(new IntentBody(run.trajectoryId(), kind, tool,
        (JsonObject) Json.parse(args), "scripted", Optional.empty(), Optional.empty(),
        Nonce.of(project.entropy.bytes(Nonce.LENGTH))));
  }

  private static Intent put(Project project, Run run, String key) {
    return intent(project, run, IntentKind.ACT, "kv_put",
        "{\"key\":\"" + key + "\",\"value\":1}");
  }

  private static Intent delegate(Project project, Run run, String task, int calls) {
    return intent(project, run, IntentKind.DELEGATE, "delegate", "{\"task\":\"" + task
        + "\",\"scopes\":[\"kv_put\",\"delegate\"]," + BUDGET.formatted(calls) + "}");
  }

  private static String s(Hash32 t) {
    return t.shortDisplay("traj");
  }

  @Test
  @DisplayName("D4: the tree names every trajectory with its task, status, writ and depth")
  void required_D4_treeNamesEveryChild() {
    Cli.Result r = cli.run("dag", p.hex().substring(0, 12));
    assertEquals(Main.OK, r.code(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertEquals(5, lines.size(), r.out());
    assertTrue(lines.get(0).startsWith(s(p) + "  open  spent 1 calls"), r.out());
    // 10 for alpha + 3 for beta, minus beta's 3 released when it closed (D2)
    assertTrue(lines.get(0).contains("reserved 10 calls"), r.out());
    assertTrue(lines.get(1).startsWith("|- " + s(a) + "  open  spent 1 calls"), r.out());
    assertTrue(lines.get(1).contains("task \"alpha\""), r.out());
    assertTrue(lines.get(1).contains(writA.shortDisplay("writ")), r.out());
    assertTrue(lines.get(1).contains("given 10 calls 100 tok 100000 ms 100 mc"), r.out());
    assertTrue(lines.get(2).startsWith("|  `- " + s(g) + "  open"), r.out());
    assertTrue(lines.get(2).contains("task \"gamma\""), r.out());
    assertTrue(lines.get(3).startsWith("`- " + s(b) + "  done  spent 0 calls"), r.out());
    assertTrue(lines.get(3).contains("task \"beta\""), r.out());
    assertEquals("4 node(s), 3 edge(s), depth 2", lines.get(4));
    // A child's own DAG starts at the child.
    Cli.Result sub = cli.run("dag", a.hex());
    assertEquals(Main.OK, sub.code(), sub::toString);
    assertTrue(sub.out().lines().toList().get(1).startsWith("`- " + s(g)), sub.out());
    assertTrue(sub.out().endsWith("2 node(s), 1 edge(s), depth 1\n"), sub.out());
  }

  private static final Pattern NODE = Pattern.compile(
      "  \"[0-9a-f]{64}\" \\[label=\"traj:[0-9a-f]{12}\\\\n[a-z]+\"\\];");
  private static final Pattern EDGE = Pattern.compile(
      "  \"[0-9a-f]{64}\" -> \"[0-9a-f]{64}\" \\[label=\"\\d+ calls / \\d+ tok\"\\];");

  @Test
  @DisplayName("D4: --dot is a DOT digraph with one statement per node and every edge, stably")
  void required_D4_dotHasEveryEdge() {
    Cli.Result r = cli.run("dag", "--dot", p.hex());
    assertEquals(Main.OK, r.code(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertEquals("digraph delegation {", lines.getFirst());
    assertEquals("}", lines.getLast());
    assertEquals("  node [shape=box];", lines.get(1));
    List<String> body = lines.subList(2, lines.size() - 1);
    assertEquals(7, body.size(), r.out());
    assertTrue(body.subList(0, 4).stream().allMatch(l -> NODE.matcher(l).matches()), r.out());
    assertTrue(body.subList(4, 7).stream().allMatch(l -> EDGE.matcher(l).matches()), r.out());
    for (Hash32[] e : new Hash32[][] {{p, a}, {p, b}, {a, g}}) {
      assertTrue(r.out().contains("\"" + e[0].hex() + "\" -> \"" + e[1].hex() + "\""),
          r.out());
    }
    assertTrue(r.out().contains("\"" + p.hex() + "\" -> \"" + a.hex()
        + "\" [label=\"10 calls / 100 tok\"]"), r.out());
    assertTrue(r.out().contains("\\ndone\""), r.out());
    assertEquals(r.out(), cli.run("dag", "--dot", p.hex()).out(), "deterministic");
    assertEquals("a\\\\b\\\"c\\nd", DagCommand.quote("a\\b\"c\nd"));
  }

  @Test
  @DisplayName("D4: --json prints {root, nodes, edges, depth}")
  void required_D4_json() {
    Cli.Result r = cli.run("--json", "dag", p.hex());
    assertEquals(Main.OK, r.code(), r::toString);
    JsonObject o = assertInstanceOf(JsonObject.class, Json.parse(r.out()));
    assertEquals(Set.of("root", "nodes", "edges", "depth"), o.members().keySet());
    assertEquals(p.toJson(), o.get("root").orElseThrow());
    assertEquals(Json.integer(2), o.get("depth").orElseThrow());
    JsonArray nodes = (JsonArray) o.get("nodes").orElseThrow();
    JsonArray edges = (JsonArray) o.get("edges").orElseThrow();
    assertEquals(4, nodes.size());
    assertEquals(3, edges.size());
    JsonObject first = (JsonObject) edges.get(0);
    assertEquals(Set.of("parent", "entry_id", "child", "child_writ_id", "task", "reserved",
        "parent_used_before"), first.members().keySet());
    assertEquals(Json.string("alpha"), first.get("task").orElseThrow());
    assertEquals(a.toJson(), first.get("child").orElseThrow());
    JsonObject last = (JsonObject) nodes.get(3);
    assertEquals(Set.of("trajectory_id", "writ_id", "delegated_from", "status", "spent",
        "reserved", "depth"), last.members().keySet());
    assertEquals(g.toJson(), last.get("trajectory_id").orElseThrow());
    assertEquals(Json.string("done"), ((JsonObject) nodes.get(2)).get("status").orElseThrow());
  }

  @Test
  @DisplayName("D4: an unknown trajectory or bad prefix fails as replay does; one node alone")
  void required_D4_unknownAndSingleNode() {
    for (String bad : List.of("deadbeefdeadbeef", "xyz", "0".repeat(64))) {
      Cli.Result dag = cli.run("dag", bad);
      Cli.Result replay = cli.run("replay", bad);
      assertEquals(Main.USAGE, dag.code(), dag::toString);
      assertTrue(dag.err().contains("unknown_trajectory"), dag.err());
      assertEquals(replay.code(), dag.code());
      assertEquals(replay.err(), dag.err());
      assertEquals(1, dag.err().lines().count(), dag.err());
    }
    Cli.Result one = cli.run("dag", solo.hex());
    assertEquals(Main.OK, one.code(), one::toString);
    List<String> lines = one.out().lines().toList();
    assertEquals(2, lines.size(), one.out());
    assertTrue(lines.get(0).startsWith(s(solo) + "  open  spent 1 calls"), one.out());
    assertEquals("1 node(s), 0 edge(s), depth 0", lines.get(1));
    Cli.Result dot = cli.run("dag", "--dot", solo.hex());
    assertEquals(4, dot.out().lines().count(), dot.out());
  }
}
