package thymos.kernel.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Nonce;
import thymos.api.crypto.PublicKey;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.CompensationPayload;
import thymos.api.model.DelegationResultPayload;
import thymos.api.model.EffectClass;
import thymos.api.model.Entry;
import thymos.api.model.EntryKind;
import thymos.api.model.EntryRef;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.ResourceKey;
import thymos.api.spi.CognitionContext;
import thymos.api.spi.KeyStore;
import thymos.api.spi.Signer;
import thymos.api.model.Writ;
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.keys.FileKeyStore;
import thymos.kernel.policy.PolicyEngine;
import thymos.kernel.registry.ToolRegistry;
import thymos.kernel.replay.AuthorityInput;
import thymos.kernel.replay.ReplayOptions;
import thymos.kernel.replay.Replayer;
import thymos.kernel.replay.TreeReport;
import thymos.kernel.replay.Violation;

/**
 * 09 §D1–D2 through {@link Run#submit} and the agent loop, 07 §R8 through {@link
 * Replayer#replayTree}, and cross-trajectory compensation (05 §X6.3).
 */
class DelegationTreeTest {

  private final RunFixture f = new RunFixture();
  private final CompensationTest.UndoKv undo =
      new CompensationTest.UndoKv("kv_undo", EffectClass.WRITE);
  private final Kernel k;

  DelegationTreeTest() {
    k = Kernel.builder(f.ledger, f.authority, f.clock, f.entropy)
        .tools(ToolRegistry.builder().tool(f.put).tool(f.drop).tool(undo).build())
        .policies(PolicyEngine.of(List.of(RunFixture.askingFor("test.ask_first", "ask"))))
        .channel(ApprovalChannel.of("ops", 1, List.of(f.ann.publicKey())))
        .delegationKeys(aliceKeys()).build();
    f.rewrit(d -> d.scopes = List.of("kv_*", "delegate"));
  }

  private KeyStore aliceKeys() {
    return RunFixture.holding(f.alice);
  }

  private Run parent() {
    return k.open(f.writ.id(), "parent");
  }

  private Intent delegate(Run run, String task, int toolCalls) {
    return Intent.of(new IntentBody(run.trajectoryId(), IntentKind.DELEGATE, "delegate",
        (JsonObject) Json.parse("{\"task\":\"" + task + "\",\"scopes\":[\"kv_*\",\"delegate\"],"
            + "\"budget\":{\"tokens\":100,\"tool_calls\":" + toolCalls + ",\"wall_clock_ms\":"
            + "100000,\"usd_millicents\":100}}"), "scripted", Optional.empty(), Optional.empty(),
        Nonce.of(f.entropy.bytes(Nonce.LENGTH))));
  }

  /** Submits a delegate intent that must start a child. */
  private Outcome.Delegated delegated(Run run, String task, int toolCalls) {
    return assertInstanceOf(Outcome.Delegated.class,
        run.submit(delegate(run, task, toolCalls)));
  }

  private Entry commit(Run run, String tool, String key) {
    return assertInstanceOf(Outcome.Committed.class,
        run.submit(f.intent(run, tool, "{\"key\":\"" + key + "\",\"value\":1}"))).entry();
  }

  private TreeReport tree(Hash32 root) {
    AuthorityInput authority;
    try (var a = f.ledger.readBytes(AuthorityLedger.TRAJECTORY_ID)) {
      authority = AuthorityInput.fromEntries(a.iterator(), f.authority.anchors());
    }
    return Replayer.replayTree(f.ledger, root,
        ReplayOptions.defaults().collectAll().withAuthority(authority));
  }

  @Test
  @DisplayName("D1: submit runs a delegate intent; resubmitting returns the same delegation (X4)")
  void required_D1_X4_submitDelegates() {
    Run parent = parent();
    Intent d = delegate(parent, "sum", 5);
    Outcome.Delegated first = assertInstanceOf(Outcome.Delegated.class, parent.submit(d));
    assertEquals("delegated", first.status());
    assertEquals(d.id(), first.intentId());
    assertEquals(Delegation.childTrajectoryId(parent.trajectoryId(), d.id()),
        first.childTrajectoryId());
    long size = parent.size();
    Outcome.Delegated again = assertInstanceOf(Outcome.Delegated.class, parent.submit(d));
    assertEquals(first.entry().id(), again.entry().id());
    assertEquals(size, parent.size(), "nothing appended for a known intent");
    assertEquals(first.entry().id(), assertInstanceOf(Outcome.Delegated.class,
        k.resume(parent.trajectoryId()).outcome(d.id()).orElseThrow()).entry().id());
    assertTrue(parent.childOpen(first.childTrajectoryId()));
    assertEquals(List.of(first.payload()), parent.openDelegations());
    // A delegate intent asking for more than the parent holds is a recorded rejection.
    Outcome.Rejected r = assertInstanceOf(Outcome.Rejected.class,
        parent.submit(delegate(parent, "big", 1_000)));
    assertEquals("budget_exhausted", r.kind());
  }

  private static final String SCRIPT = """
      {"steps": [
        {"intents": [{"kind": "delegate", "tool": "delegate",
                      "args": {"task": "fill", "scopes": ["kv_*"],
                               "budget": {"tokens": 100, "tool_calls": 10,
                                          "wall_clock_ms": 100000, "usd_millicents": 100}}}],
         "usage": {"input_tokens": 10, "output_tokens": 5}},
        {"intents": [{"tool": "kv_put", "args": {"key": "mine", "value": 0}}],
         "final_answer": "parent done"}],
       "children": {"fill": {"steps": [
         {"intents": [{"tool": "kv_put", "args": {"key": "a", "value": 1}},
                      {"tool": "kv_put", "args": {"key": "b", "value": 2}}],
          "usage": {"input_tokens": 10, "output_tokens": 5},
          "final_answer": "filled"}]}}}
      """;

  @Test
  @DisplayName("D1, D2: the agent loop runs a child with the script's child cognition and closes it")
  void required_D2_agentLoopRunsAndClosesChildren() {
    Run parent = parent();
    List<List<CognitionContext.Feedback>> seen = new ArrayList<>();
    ScriptedCognition script = ScriptedCognition.parse(SCRIPT);
    thymos.api.spi.Cognition spy = new thymos.api.spi.Cognition() {
      @Override
      public thymos.api.spi.CognitionStep step(CognitionContext c) {
        seen.add(c.feedback());
        return script.step(c);
      }

      @Override
      public Optional<thymos.api.spi.Cognition> child(String task) {
        return script.child(task);
      }
    };
    AgentLoop.Result r = AgentLoop.run(parent, spy, "root task", 10);
    assertEquals(Termination.DONE, r.termination());
    Outcome.Delegated d = assertInstanceOf(Outcome.Delegated.class, r.outcomes().get(0));
    Hash32 child = d.childTrajectoryId();
    assertFalse(parent.childOpen(child), "closed after its loop");
    CognitionContext.Feedback fb = seen.get(1).get(0);
    assertEquals("delegated", fb.status());
    JsonObject out = (JsonObject) fb.output().orElseThrow();
    assertEquals(Json.string(child.hex()), out.get("child_trajectory_id").orElseThrow());
    assertEquals(Json.string("done"), out.get("outcome").orElseThrow());
    assertEquals(Json.string("filled"), out.get("final_answer").orElseThrow());
    Entry result = f.entries(parent.trajectoryId()).stream()
        .filter(e -> e.kind() == EntryKind.DELEGATION_RESULT).findFirst().orElseThrow();
    DelegationResultPayload p = (DelegationResultPayload) result.payload();
    assertEquals("done", p.outcome());
    assertEquals(Optional.of("filled"), p.finalAnswer());
    // D3: the child wrote its own world; the parent's holds only its own key.
    Run c = k.resume(child);
    assertTrue(c.world().get(new ResourceKey("kv", "a")).isPresent());
    assertTrue(parent.world().get(new ResourceKey("kv", "a")).isEmpty());
    assertTrue(parent.world().get(new ResourceKey("kv", "mine")).isPresent());
    // D2: the parent is charged the child's two calls, not the reservation of ten.
    assertEquals(3, parent.spent().toolCalls());
    TreeReport t = tree(parent.trajectoryId());
    assertTrue(t.verified(), t.toJson().toString());
    assertEquals("done", t.children().get(0).node().status());
    // Two scripted runs of the same script give the same child trajectory id (X10.3).
    assertEquals(child, Delegation.childTrajectoryId(parent.trajectoryId(), d.intentId()));
  }

  @Test
  @DisplayName("D1: without child cognition the loop leaves the child open for the caller")
  void required_D1_noChildCognitionLeavesChildOpen() {
    Run parent = parent();
    ScriptedCognition script = ScriptedCognition.parse(SCRIPT.replace("\"fill\": {", "\"x\": {"));
    AgentLoop.Result r = AgentLoop.run(parent, script, "root task", 10);
    assertEquals(Termination.DONE, r.termination());
    Outcome.Delegated d = assertInstanceOf(Outcome.Delegated.class, r.outcomes().get(0));
    assertTrue(parent.childOpen(d.childTrajectoryId()));
    assertEquals(10, parent.state().reserved().toolCalls());
  }

  @Test
  @DisplayName("X10.3: a child script is read with the same rules; errors name its pointer")
  void required_X10_3_childScriptErrorsNamePointer() {
    ProtocolViolation v = assertThrows(ProtocolViolation.class, () -> ScriptedCognition.parse(
        "{\"steps\": [], \"children\": {\"a/b\": {\"steps\": [{\"bogus\": 1}]}}}"));
    assertEquals("/children/a~1b/steps/0/bogus", v.pointer());
    assertTrue(ScriptedCognition.parse("{\"steps\": []}").child("x").isEmpty());
  }

  @Test
  @DisplayName("D2: closing charges the child's use up to the recorded head; later entries do not")
  void required_D2_chargeIsFixedAtTheRecordedHead() {
    Run parent = parent();
    Outcome.Delegated d = delegated(parent, "t", 50);
    Run child = k.resume(d.childTrajectoryId());
    commit(child, "kv_put", "a");
    parent.closeChild(d.childTrajectoryId(), "done", Optional.empty());
    Budget before = parent.spent();
    assertEquals(1, before.toolCalls());
    // A closed child starts no new work (D2): its reservation is settled.
    Outcome.Rejected late = assertInstanceOf(Outcome.Rejected.class,
        child.submit(f.intent(child, "kv_put", "{\"key\":\"b\",\"value\":1}")));
    assertEquals("budget_exhausted", late.kind());
    assertTrue(late.payload().reason().message().contains("closed by its parent"));
    assertInstanceOf(Outcome.Rejected.class, child.submit(delegate(child, "g", 1)));
    assertEquals(before, k.resume(parent.trajectoryId()).spent());
    // Usage recorded after the close was never charged to the parent: R8 names it.
    child.recordUsage("p", "m", 5, 5, 0);
    assertTrue(tree(parent.trajectoryId()).edges().get(0).problems().stream()
        .anyMatch(p -> p.contains("after its parent closed it")));
    // After the release, a reservation that fits only because of it is accepted, and R8 agrees.
    delegated(parent, "u", 99);
    TreeReport t = tree(parent.trajectoryId());
    assertTrue(t.edges().get(1).ok(), t.edges().toString());
    assertEquals(99, t.edges().get(1).edge().reserved().toolCalls());
  }

  @Test
  @DisplayName("R8: replayTree replays every descendant and verifies every edge")
  void required_R8_treeReplayFindsAChildViolation() {
    Run parent = parent();
    Outcome.Delegated a = delegated(parent, "a", 20);
    Run child = k.resume(a.childTrajectoryId());
    Outcome.Delegated g = delegated(child, "g", 5);
    commit(k.resume(g.childTrajectoryId()), "kv_put", "x");
    TreeReport ok = tree(parent.trajectoryId());
    assertTrue(ok.verified());
    assertEquals(3, ok.dag().nodes().size());
    assertEquals(2, ok.dag().depth());
    assertEquals(2, ok.children().size());
    JsonObject json = ok.toJson();
    assertEquals(Json.string("verified"), json.get("verdict").orElseThrow());
    assertEquals(Json.integer(2), json.get("edges").orElseThrow());
    // Without the authority input W3 cannot be checked: every edge fails, never passes silently.
    TreeReport blind = Replayer.replayTree(f.ledger, parent.trajectoryId(),
        ReplayOptions.defaults());
    assertFalse(blind.verified());
    // A tampered grandchild entry fails its own report and so the tree.
    byte[] changed = f.bytes(g.childTrajectoryId()).get(1).clone();
    changed[changed.length / 2] ^= 1;
    f.ledger.corruptionHook().orElseThrow().replaceStoredBytes(g.childTrajectoryId(), 1, changed);
    TreeReport bad = tree(parent.trajectoryId());
    assertFalse(bad.verified());
    assertFalse(bad.children().stream().filter(c -> c.node().trajectoryId()
        .equals(g.childTrajectoryId())).findFirst().orElseThrow().report().verified());
    assertTrue(bad.root().verified(), "the root itself is intact");
  }

  @Test
  @DisplayName("X6.3: compensate_to compensates a child back to its root, then the parent")
  void required_X6_3_crossTrajectoryCompensation() {
    Run parent = parent();
    Entry root = f.entries(parent.trajectoryId()).get(0);
    Entry a = commit(parent, "kv_undo", "a");
    Outcome.Delegated d = delegated(parent, "t", 10);
    Run child = k.resume(d.childTrajectoryId());
    Entry x = commit(child, "kv_undo", "x");
    Entry y = commit(child, "kv_undo", "y");
    Entry b = commit(parent, "kv_undo", "b");
    CompensationReport r = parent.compensateTo(root.id());
    assertTrue(r.complete(), r.toString());
    assertEquals(List.of(b.id(), y.id(), x.id(), a.id()),
        r.undone().stream().map(CompensationReport.Undone::commit).toList());
    assertEquals(List.of(parent.trajectoryId(), child.trajectoryId(), child.trajectoryId(),
        parent.trajectoryId()), r.undone().stream().map(CompensationReport.Undone::trajectory)
        .toList());
    // The child's compensations are in the child; the parent holds the summary.
    assertEquals(2, f.entries(child.trajectoryId()).stream().filter(e -> e.payload()
        instanceof thymos.api.model.CommitPayload c && c.compensates().isPresent()).count());
    CompensationPayload summary = f.entries(parent.trajectoryId()).stream()
        .map(Entry::payload).filter(CompensationPayload.class::isInstance)
        .map(CompensationPayload.class::cast).findFirst().orElseThrow();
    assertEquals(d.entry().id(), summary.target());
    assertEquals(List.of(new EntryRef(child.trajectoryId(), y.id()),
        new EntryRef(child.trajectoryId(), x.id())), summary.undone());
    assertTrue(k.resume(child.trajectoryId()).world().get(new ResourceKey("kv", "x")).isEmpty(),
        "retracted by the child's compensation");
    // Never twice: a second walk undoes nothing and appends nothing.
    long size = parent.size();
    CompensationReport again = k.resume(parent.trajectoryId()).compensateTo(root.id());
    assertTrue(again.complete());
    assertTrue(again.undone().isEmpty());
    assertEquals(size, parent.size());
    assertTrue(tree(parent.trajectoryId()).verified());
    // R8/X6.3: a summary listing a commit the child never compensated fails the edge.
    f.rewrit(w -> w.scopes = List.of("kv_*", "delegate"));
    Run other = parent();
    Outcome.Delegated od = delegated(other, "t", 10);
    Entry z = commit(k.resume(od.childTrajectoryId()), "kv_undo", "z");
    other.append(new CompensationPayload(od.entry().id(),
        List.of(new EntryRef(od.childTrajectoryId(), z.id()))), f.clock.nowMs());
    TreeReport forged = tree(other.trajectoryId());
    assertFalse(forged.verified());
    assertTrue(forged.edges().get(0).problems().get(0).contains("not a compensated commit"),
        forged.edges().toString());
  }

  @Test
  @DisplayName("X6.3: a grandchild is compensated before its parent's commits; each level records"
      + " a summary, the top one listing every level's undone commits")
  void required_X6_3_nestedDelegationsCompensateInnermostFirst() {
    Run parent = parent();
    Entry root = f.entries(parent.trajectoryId()).get(0);
    Outcome.Delegated d = delegated(parent, "t", 10);
    Run child = k.resume(d.childTrajectoryId());
    Entry x = commit(child, "kv_undo", "x");
    Outcome.Delegated g = delegated(child, "g", 3);
    Entry z = commit(k.resume(g.childTrajectoryId()), "kv_undo", "z");
    Entry y = commit(child, "kv_undo", "y");
    CompensationReport r = parent.compensateTo(root.id());
    assertTrue(r.complete(), r.toString());
    assertEquals(List.of(y.id(), z.id(), x.id()),
        r.undone().stream().map(CompensationReport.Undone::commit).toList());
    CompensationPayload inner = f.entries(child.trajectoryId()).stream().map(Entry::payload)
        .filter(CompensationPayload.class::isInstance).map(CompensationPayload.class::cast)
        .findFirst().orElseThrow();
    assertEquals(g.entry().id(), inner.target());
    assertEquals(List.of(new EntryRef(g.childTrajectoryId(), z.id())), inner.undone());
    CompensationPayload top = f.entries(parent.trajectoryId()).stream().map(Entry::payload)
        .filter(CompensationPayload.class::isInstance).map(CompensationPayload.class::cast)
        .findFirst().orElseThrow();
    assertEquals(List.of(new EntryRef(child.trajectoryId(), y.id()),
        new EntryRef(g.childTrajectoryId(), z.id()), new EntryRef(child.trajectoryId(), x.id())),
        top.undone());
    assertTrue(tree(parent.trajectoryId()).verified());
  }

  @Test
  @DisplayName("X6.3, X6.4: a child that cannot be undone stops the parent's walk; rerun resumes")
  void required_X6_4_childStopStopsParent() {
    Run parent = parent();
    Entry root = f.entries(parent.trajectoryId()).get(0);
    Outcome.Delegated d = delegated(parent, "t", 10);
    Run child = k.resume(d.childTrajectoryId());
    Entry fixed = commit(child, "kv_put", "fixed"); // kv_put is not compensable
    Entry x = commit(child, "kv_undo", "x");
    Entry b = commit(parent, "kv_undo", "b");
    CompensationReport r = parent.compensateTo(root.id());
    assertFalse(r.complete());
    CompensationReport.Stop stop = r.stop().orElseThrow();
    assertEquals("child_stopped", stop.kind());
    assertEquals(d.entry().id(), stop.commit());
    assertTrue(stop.message().contains("not_compensable"), stop.message());
    assertTrue(stop.message().contains(fixed.id().display("entry")), stop.message());
    assertEquals(List.of(b.id(), x.id()),
        r.undone().stream().map(CompensationReport.Undone::commit).toList());
    assertEquals(List.of(d.entry().id()), r.remaining());
    assertTrue(f.entries(parent.trajectoryId()).stream()
        .noneMatch(e -> e.kind() == EntryKind.COMPENSATION), "no summary for a stopped child");
    // Again: stops at the same place, undoing nothing twice.
    CompensationReport again = parent.compensateTo(root.id());
    assertTrue(again.undone().isEmpty());
    assertEquals("child_stopped", again.stop().orElseThrow().kind());
    assertSame(1, (int) f.entries(child.trajectoryId()).stream().filter(e -> e.payload()
        instanceof thymos.api.model.CommitPayload c && c.compensates().isPresent()).count());
    assertTrue(tree(parent.trajectoryId()).verified());
  }

  @Test
  @DisplayName("X6.3, R2.5: a compensation summary must name an earlier delegation, once")
  void required_R2_5_summaryMustNameADelegation() {
    Run parent = parent();
    Entry a = commit(parent, "kv_undo", "a");
    parent.append(new CompensationPayload(a.id(), List.of()), f.clock.nowMs());
    Violation v = f.replay(parent.trajectoryId()).firstViolation().orElseThrow();
    assertEquals(Violation.Reason.BAD_COMPENSATION, v.reason());
  }

  @Test
  @DisplayName("D2, X3: a child that suspends stays open and suspends the parent's loop; the"
      + " resumed loop finishes the child, closes it and goes on")
  void required_D2_suspendedChildResumes() {
    Run parent = parent();
    ScriptedCognition script = ScriptedCognition.parse(SCRIPT.replace(
        "\"key\": \"a\"", "\"key\": \"ask-a\""));
    AgentLoop.Result first = AgentLoop.run(parent, script, "root task", 10);
    assertEquals(Termination.SUSPENDED, first.termination());
    Outcome.Delegated d = assertInstanceOf(Outcome.Delegated.class, first.outcomes().get(0));
    assertTrue(parent.childOpen(d.childTrajectoryId()));
    assertEquals(1, first.steps(), "the parent stops after the step that delegated");
    Run child = k.resume(d.childTrajectoryId());
    Outcome.Pending pending = child.pending().get(0);
    assertInstanceOf(Outcome.Committed.class, child.vote(f.vote(child, pending.entry().id(),
        thymos.api.model.ApprovalPayload.Vote.APPROVE, f.ann)).outcome());
    Run resumed = k.resume(parent.trajectoryId());
    AgentLoop.Result second = AgentLoop.run(resumed, script, "root task", 10);
    assertEquals(Termination.DONE, second.termination());
    assertFalse(resumed.childOpen(d.childTrajectoryId()));
    assertTrue(k.resume(d.childTrajectoryId()).world().get(new ResourceKey("kv", "ask-a"))
        .isPresent());
    assertTrue(tree(parent.trajectoryId()).verified());
  }

  @Test
  @DisplayName("D1, W6: a child's subject key is minted by the key SPI, so after a restart the"
      + " child can still delegate; a store that cannot mint keeps it in memory only")
  void required_D1_W6_childKeyFromTheKeySpiSurvivesRestart(@TempDir Path dir) {
    FileKeyStore files = FileKeyStore.open(dir);
    KeyStore minting = new KeyStore() {
      @Override
      public Optional<Signer> find(PublicKey key) {
        return key.equals(f.alice.publicKey()) ? Optional.of(f.alice) : files.find(key);
      }

      @Override
      public Optional<Signer> findByAlias(String alias) {
        return files.findByAlias(alias);
      }

      @Override
      public List<String> aliases() {
        return files.aliases();
      }

      @Override
      public List<PublicKey> publicKeys() {
        return files.publicKeys();
      }

      @Override
      public Optional<Signer> mint(String alias, thymos.api.spi.Entropy entropy) {
        return files.mint(alias, entropy);
      }
    };
    Kernel first = Kernel.builder(f.ledger, f.authority, f.clock, f.entropy)
        .tools(ToolRegistry.builder().tool(f.put).build()).delegationKeys(minting).build();
    Run parent = first.open(f.writ.id(), "parent");
    Outcome.Delegated d = delegated(parent, "t", 10);
    String alias = "child-" + d.childTrajectoryId().hex().substring(0, 16);
    assertTrue(Files.exists(dir.resolve(alias + ".key")), "minted into the store");
    Writ childWrit = f.authority.writ(d.payload().childWritId()).orElseThrow();
    assertEquals(files.signer(alias).publicKey(), childWrit.body().subjectKey());
    // A restarted kernel (no keys in memory) with the store re-opened: the child delegates.
    Kernel restarted = Kernel.builder(f.ledger, f.reopen().authority(), f.clock, f.entropy)
        .tools(ToolRegistry.builder().tool(f.put).build())
        .delegationKeys(FileKeyStore.open(dir)).build();
    Run child = restarted.resume(d.childTrajectoryId());
    delegated(child, "g", 2);
    // The same after a restart with a store that cannot mint: the key was only in memory.
    Run other = first.open(f.rewrit(w -> w.scopes = List.of("kv_*", "delegate")).id(), "other");
    Outcome.Delegated e = delegated(other, "t", 10);
    Kernel forgetful = Kernel.builder(f.ledger, f.reopen().authority(), f.clock, f.entropy)
        .tools(ToolRegistry.builder().tool(f.put).build()).delegationKeys(aliceKeys()).build();
    Run orphan = forgetful.resume(e.childTrajectoryId());
    assertThrows(thymos.api.AuthorityException.class,
        () -> orphan.submit(delegate(orphan, "g", 2)));
  }
}
