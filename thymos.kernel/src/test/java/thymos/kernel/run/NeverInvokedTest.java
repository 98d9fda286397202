package thymos.kernel.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.Decision;
import thymos.api.model.EntryKind;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.RevocationPayload;
import thymos.api.model.Writ;
import thymos.api.spi.ConditionCheck;
import thymos.api.spi.Policy;
import thymos.api.spi.PolicyContext;
import thymos.kernel.authority.ChainVerification;
import thymos.kernel.authority.DelegationRule;
import thymos.kernel.authority.Rejection;
import thymos.kernel.authority.RejectionReason;
import thymos.kernel.compiler.ChainSource;

/**
 * I1 and the first acceptance point: for every rejection kind of C2 (15) and for a
 * suspension (the 16th case), the run records the outcome and no tool is ever invoked.
 */
class NeverInvokedTest {

  private final RunFixture f = new RunFixture();

  /** Submits {@code intent} to a fresh run and checks: rejected with {@code kind}, nothing ran. */
  private void rejects(String kind, Function<Run, Intent> intent) {
    Run run = f.open();
    Intent submitted = intent.apply(run);
    Outcome o = run.submit(submitted);
    Outcome.Rejected r = assertInstanceOf(Outcome.Rejected.class, o, o::toString);
    assertEquals(kind, r.kind(), r.payload().reason().message());
    assertEquals(EntryKind.REJECTION, r.entry().kind());
    assertEquals(0, f.invocations(), "a tool ran for a " + kind + " rejection");
    assertEquals(2, run.size(), "root and rejection only");
    // Resubmitting changes nothing and still runs nothing (X4).
    assertEquals(o, run.submit(submitted));
    assertEquals(2, run.size());
    assertEquals(0, f.invocations());
  }

  /** The fixture's kernel with a chain view answering {@code verdict} for the bound writ. */
  private void view(Function<Writ, ChainVerification> verdict, boolean knowsWrit) {
    ChainSource real = ChainSource.of(f.authority);
    f.view = Optional.of(new ChainSource() {
      @Override
      public Optional<Writ> writ(Hash32 id) {
        return knowsWrit ? f.authority.writ(id) : Optional.empty();
      }

      @Override
      public ChainVerification verify(Hash32 id, long nowMs) {
        ChainVerification v = real.verify(id, nowMs);
        return verdict == null ? v : verdict.apply(f.writ);
      }
    });
    f.reopen();
  }

  private static Rejection rejection(RejectionReason reason, Writ w) {
    return new Rejection(reason, w.id(), "W4",
        reason == RejectionReason.INVALID_DELEGATION
            ? Optional.of(DelegationRule.PARENT_MISMATCH) : Optional.empty(),
        "/body", "valid", "invalid", "test view says " + reason.wire());
  }

  @Test
  @DisplayName("C2 stage 1: malformed_intent (id does not match body) runs nothing")
  void malformedIntent() {
    rejects("malformed_intent", run -> {
      Intent good = f.put(run, "a", 1);
      return new Intent(Hash32.of(new byte[32]), good.body());
    });
  }

  @Test
  @DisplayName("C2 stage 1: malformed_intent (another trajectory) runs nothing")
  void otherTrajectory() {
    rejects("malformed_intent", run -> {
      IntentBody b = f.put(run, "a", 1).body();
      return Intent.of(new IntentBody(Hash32.of(new byte[32]), b.kind(), b.tool(), b.args(),
          b.author(), b.rationale(), b.basedOn(), b.nonce()));
    });
  }

  @Test
  @DisplayName("D1: a delegate intent the writ does not cover runs nothing and starts no child")
  void delegateOutOfScope() {
    // Every intent kind now has a compiler (act, compensate, delegate), so unsupported_kind is
    // reachable only through Compiler.compile itself (CompilerRejectionTest).
    rejects("out_of_scope", run -> {
      IntentBody b = f.put(run, "a", 1).body();
      return Intent.of(new IntentBody(b.trajectoryId(), IntentKind.DELEGATE, "delegate",
          JsonObject.EMPTY, b.author(), b.rationale(), b.basedOn(), b.nonce()));
    });
  }

  @Test
  @DisplayName("C2 stage 3: writ_not_bound runs nothing")
  void writNotBound() {
    view(null, false);
    rejects("writ_not_bound", run -> f.put(run, "a", 1));
  }

  @Test
  @DisplayName("C2 stage 4: bad_signature runs nothing")
  void badSignature() {
    view(w -> rejection(RejectionReason.BAD_SIGNATURE, w), true);
    rejects("bad_signature", run -> f.put(run, "a", 1));
  }

  @Test
  @DisplayName("C2 stage 5: untrusted_root runs nothing")
  void untrustedRoot() {
    view(w -> rejection(RejectionReason.UNTRUSTED_ROOT, w), true);
    rejects("untrusted_root", run -> f.put(run, "a", 1));
  }

  @Test
  @DisplayName("C2 stage 6: invalid_delegation runs nothing")
  void invalidDelegation() {
    view(w -> rejection(RejectionReason.INVALID_DELEGATION, w), true);
    rejects("invalid_delegation", run -> f.put(run, "a", 1));
  }

  @Test
  @DisplayName("C2 stage 7: revoked runs nothing")
  void revoked() {
    Run run = f.open();
    f.authority.revoke(RevocationPayload.sign(f.writ.id(), "compromised", f.anchor));
    Outcome o = run.submit(f.put(run, "a", 1));
    assertEquals("revoked", assertInstanceOf(Outcome.Rejected.class, o).kind());
    assertEquals(0, f.invocations());
  }

  @Test
  @DisplayName("C2 stage 8: outside_window runs nothing")
  void outsideWindow() {
    Run run = f.open();
    f.clock.set(100_001);
    Outcome o = run.submit(f.put(run, "a", 1));
    assertEquals("outside_window", assertInstanceOf(Outcome.Rejected.class, o).kind());
    assertEquals(0, f.invocations());
  }

  @Test
  @DisplayName("C2 stage 9: out_of_scope runs nothing")
  void outOfScope() {
    f.rewrit(d -> d.scopes = List.of("kv_put"));
    rejects("out_of_scope", run -> f.intent(run, "kv_drop", "{\"key\":\"a\",\"value\":1}"));
  }

  @Test
  @DisplayName("C2 stage 10: unknown_tool runs nothing")
  void unknownTool() {
    rejects("unknown_tool", run -> f.intent(run, "kv_missing", "{\"key\":\"a\",\"value\":1}"));
  }

  @Test
  @DisplayName("C2 stage 11: effect_not_granted runs nothing")
  void effectNotGranted() {
    f.rewrit(d -> d.ceiling = new Ceiling(true, false, true, true));
    rejects("effect_not_granted", run -> f.put(run, "a", 1));
  }

  @Test
  @DisplayName("C2 stage 12: invalid_args runs nothing")
  void invalidArgs() {
    rejects("invalid_args", run -> f.intent(run, "kv_put", "{\"key\":\"a\"}"));
  }

  @Test
  @DisplayName("C2 stage 13: budget_exhausted runs nothing")
  void budgetExhausted() {
    f.rewrit(d -> d.budget = new Budget(10_000, 0, 600_000, 1_000_000));
    rejects("budget_exhausted", run -> f.put(run, "a", 1));
  }

  @Test
  @DisplayName("C2 stage 14: precondition_failed runs nothing")
  void preconditionFailed() {
    f.put.precondition = ConditionCheck.fails("key is locked");
    rejects("precondition_failed", run -> f.put(run, "a", 1));
  }

  @Test
  @DisplayName("C2 stage 15: policy_denied runs nothing")
  void policyDenied() {
    f.policies.add(new Policy() {
      @Override
      public String name() {
        return "test.deny";
      }

      @Override
      public String version() {
        return "1";
      }

      @Override
      public JsonObject content() {
        return JsonObject.EMPTY;
      }

      @Override
      public Decision evaluate(PolicyContext context) {
        return new Decision.Deny("no writes today");
      }
    });
    f.reopen();
    rejects("policy_denied", run -> f.put(run, "a", 1));
  }

  @Test
  @DisplayName("C2 stages 16, X3: a suspended intent runs nothing while it waits, also when resubmitted")
  void suspended() {
    Run run = f.open();
    Intent drop = f.intent(run, "kv_drop", "{\"key\":\"a\",\"value\":1}");
    Outcome o = run.submit(drop);
    Outcome.Pending p = assertInstanceOf(Outcome.Pending.class, o);
    assertEquals("irreversible", p.payload().channel());
    assertEquals(p.entry().id(), ((Outcome.Pending) run.submit(drop)).entry().id());
    f.clock.advance(50_000);
    run.submit(f.intent(run, "kv_put", "{\"key\":\"b\",\"value\":2}"));
    assertEquals(0, f.drop.invocations.get(), "the irreversible tool ran without approval");
    assertEquals(1, f.put.invocations.get());
    assertEquals(List.of(p), run.pending());
    assertEquals(0, f.kernel.resume(run.trajectoryId()).inDoubt().size());
    assertEquals(0, f.drop.invocations.get());
  }
}
